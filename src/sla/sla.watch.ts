import { type Case, systemActor } from '../cases/cases.models';
import { supervisorsOnDutyOrAll } from '../notices/notices.deps';
import type { Language, Staff } from '../staff/staff.models';
import type { SlaDeps } from './sla.deps';
import { formatDeadline } from './sla.format';
import {
  DEADLINES,
  ESCALATION_LOOKBACK_MS,
  MAX_LEAD_MS,
  type SlaStage,
  slaNoticeKey,
  stageAt,
  WATCHED_STATUSES,
} from './sla.models';
import type { WatchedDeadline } from './sla.repository';

export interface SlaWatchResult {
  reminded: number;
  escalated: number;
}

interface DueNotice extends WatchedDeadline {
  stage: SlaStage;
  key: string;
}

/**
 * sla-watch: for each open case, one reminder shortly before each deadline (to the assignee, or to
 * the supervisors when nobody has it), and one escalation to the supervisor on duty once the
 * deadline has passed, with an `escalated` event on the case. Each notice's key is claimed in the
 * transaction that queues it, so running again sends nothing more.
 */
export async function runSlaWatch(deps: SlaDeps): Promise<SlaWatchResult> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - ESCALATION_LOOKBACK_MS);
  const to = new Date(now.getTime() + MAX_LEAD_MS);
  const due: DueNotice[] = [];
  for (const deadline of DEADLINES) {
    for (const watched of await deps.slaRepository.listDeadlinesBetween(deadline, from, to)) {
      const stage = stageAt(now, new Date(watched.createdAt), new Date(watched.dueAt));
      if (stage === null) continue;
      due.push({ ...watched, stage, key: slaNoticeKey(watched.caseId, deadline, stage, watched.dueAt) });
    }
  }
  const claimed = await deps.slaRepository.claimedKeys(due.map((notice) => notice.key));
  const pending = due.filter((notice) => !claimed.has(notice.key));

  const result: SlaWatchResult = { reminded: 0, escalated: 0 };
  if (pending.length === 0) return result;
  const supervisors = await supervisorsOnDutyOrAll(deps, now);
  for (const notice of pending) {
    if (!(await sendNotice(deps, notice, supervisors))) continue;
    if (notice.stage === 'remind') result.reminded += 1;
    else result.escalated += 1;
  }
  if (result.reminded + result.escalated > 0) deps.kickOutbox();
  return result;
}

/** Whether the case, as it is now, still owes the deadline this notice was placed for. */
function stillOwes(found: Case, notice: DueNotice): boolean {
  if (!WATCHED_STATUSES[notice.deadline].includes(found.status)) return false;
  if (notice.deadline === 'result') return found.dueAt === notice.dueAt;
  return found.ackDueAt === notice.dueAt && found.acknowledgedAt === null;
}

async function sendNotice(deps: SlaDeps, notice: DueNotice, supervisors: Staff[]): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Read again in the transaction: the case may have been acknowledged or resolved since the scan.
    const found = await deps.casesRepository.findById(notice.caseId, trx);
    if (!found || !stillOwes(found, notice)) return false;
    const assignee =
      found.assigneeId === null ? undefined : await deps.staffRepository.findById(found.assigneeId, trx);
    const toAssignee = notice.stage === 'remind' && assignee?.active === true;
    const recipients = toAssignee && assignee ? [assignee] : supervisors;
    const text: NoticeText =
      notice.stage === 'escalate' ? 'escalation' : toAssignee ? 'reminder' : 'unassigned';
    if (recipients.length === 0) {
      // The key stays unclaimed, so the first supervisor added hears of it.
      deps.logger.warn(
        { ref: found.ref, deadline: notice.deadline },
        'a case deadline and no supervisor to tell',
      );
      return false;
    }
    if (!(await deps.noticesRepository.claim(trx, notice.key, now))) return false;
    for (const recipient of recipients) {
      await deps.outbox.enqueue(trx, {
        to: recipient.phone,
        purpose: notice.stage === 'remind' ? 'sla_reminder' : 'sla_escalation',
        caseId: found.id,
        staffId: recipient.id,
        body: renderNotice(deps, text, notice, found.ref, recipient.language, assignee?.name ?? null),
      });
    }
    await deps.casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: notice.stage === 'remind' ? 'reminded' : 'escalated',
      actor: systemActor,
      data: { deadline: notice.deadline, dueAt: notice.dueAt, staffIds: recipients.map((staff) => staff.id) },
    });
    return true;
  });
}

type NoticeText = 'reminder' | 'unassigned' | 'escalation';

function renderNotice(
  deps: SlaDeps,
  text: NoticeText,
  notice: DueNotice,
  ref: string,
  language: Language,
  assigneeName: string | null,
): string {
  const time = formatDeadline(new Date(notice.dueAt), deps.timezone, language);
  if (text === 'reminder')
    return deps.templates.render(`slaReminder.${notice.deadline}`, language, { ref, time });
  const deadline = deps.templates.render(`slaDeadline.${notice.deadline}`, language);
  if (text === 'unassigned') return deps.templates.render('slaUnassigned', language, { ref, deadline, time });
  return deps.templates.render('slaEscalation', language, {
    ref,
    deadline,
    time,
    assignee: assigneeName ?? deps.templates.render('nobody', language),
  });
}
