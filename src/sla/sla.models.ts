import type { Case, CaseStatus } from '../cases/cases.models';

export const DEADLINES = ['acknowledge', 'result'] as const;
export type Deadline = (typeof DEADLINES)[number];

/**
 * The statuses in which each deadline is still to be met. An acknowledged case has met its
 * acknowledge deadline; a resolved, closed or merged one has nothing left to chase.
 */
export const WATCHED_STATUSES: Record<Deadline, CaseStatus[]> = {
  acknowledge: ['received', 'assigned', 'reopened'],
  result: ['received', 'assigned', 'acknowledged', 'reopened'],
};

/**
 * The deadline a case's holder works to now: acknowledging while that is still owed, else the
 * result; null when nothing is owed (closed) or the case predates commitments.
 */
export function pendingDeadline(
  found: Pick<Case, 'status' | 'ackDueAt' | 'dueAt'>,
): { deadline: Deadline; at: string } | null {
  if (WATCHED_STATUSES.acknowledge.includes(found.status) && found.ackDueAt !== null) {
    return { deadline: 'acknowledge', at: found.ackDueAt };
  }
  if (WATCHED_STATUSES.result.includes(found.status) && found.dueAt !== null) {
    return { deadline: 'result', at: found.dueAt };
  }
  return null;
}

const MINUTE_MS = 60_000;
export const MIN_LEAD_MS = 15 * MINUTE_MS;
export const MAX_LEAD_MS = 120 * MINUTE_MS;
const LEAD_SHARE = 0.25;
/**
 * How far past a deadline sla-watch still escalates a case it has not escalated yet: long enough
 * to catch up after the job was down for days, short enough that a run reads a bounded window.
 */
export const ESCALATION_LOOKBACK_MS = 7 * 24 * 60 * MINUTE_MS;

/**
 * How long before a deadline the reminder goes: a quarter of the commitment, at least 15 min and
 * at most 2 h, and never more than half of it, so that a 15-minute commitment is not "reminded"
 * in the same minute as the officer's alert. 2 h → 30 min, 30 min → 15 min, 72 h → 2 h.
 */
export function reminderLeadMs(commitmentMs: number): number {
  const lead = Math.min(Math.max(commitmentMs * LEAD_SHARE, MIN_LEAD_MS), MAX_LEAD_MS);
  return Math.min(lead, commitmentMs / 2);
}

export type SlaStage = 'remind' | 'escalate';

/**
 * Where a deadline stands at `now`: within the reminder lead of it, past it, or neither. The
 * commitment is measured from the case's creation, so a case keeps the lead it was opened with.
 */
export function stageAt(now: Date, createdAt: Date, dueAt: Date): SlaStage | null {
  const at = now.getTime();
  const due = dueAt.getTime();
  if (at > due) return 'escalate';
  if (at >= due - reminderLeadMs(due - createdAt.getTime())) return 'remind';
  return null;
}

/**
 * The notices_sent key of one reminder or escalation. The deadline itself is part of it, so if a
 * case is given a new deadline (a reopening, a change of priority) the new one is watched afresh.
 */
export function slaNoticeKey(caseId: number, deadline: Deadline, stage: SlaStage, dueAt: string): string {
  return `sla:${caseId}:${deadline}:${stage}:${dueAt}`;
}
