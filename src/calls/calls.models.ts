import type { OnDutySnapshot } from '../cases/cases.models';
import type { Position } from '../roster/roster.models';

export const CALL_OUTCOMES = ['connected', 'message', 'status', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface Call {
  id: number;
  callSid: string;
  from: string;
  to: string | null;
  language: string;
  status: string;
  lastSequence: number;
  outcome: CallOutcome | null;
  onDuty: OnDutySnapshot;
  officerRequestedAt: string | null;
  acceptedAt: string | null;
  acceptedBy: number | null;
  missed: boolean;
  caseId: number | null;
  callbackCaseId: number | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
}

export type AttemptResult = 'accepted' | 'declined' | 'no-answer' | 'busy' | 'failed' | 'canceled';

export interface CallAttempt {
  id: number;
  callId: number;
  attempt: number;
  position: Position;
  staffId: number;
  startedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  result: AttemptResult | null;
  dialCallStatus: string | null;
}

export const TERMINAL_CALL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

/** A later outcome says more than an earlier one: a message left after a status check is a message. */
const OUTCOME_RANK: Record<CallOutcome, number> = { abandoned: 0, status: 1, message: 2, connected: 3 };

export function strongerOutcome(current: CallOutcome | null, next: CallOutcome): CallOutcome {
  return current === null || OUTCOME_RANK[next] > OUTCOME_RANK[current] ? next : current;
}

/** The people the duty-officer hunt rings, in order: each on-duty position once, nobody twice. */
export function huntTargets(onDuty: OnDutySnapshot, positions: readonly Position[]) {
  const seen = new Set<number>();
  const targets: { position: Position; staffId: number }[] = [];
  for (const position of positions) {
    const staffId = onDuty[position];
    if (staffId === null || seen.has(staffId)) continue;
    seen.add(staffId);
    targets.push({ position, staffId });
  }
  return targets;
}

/** Maps Twilio's DialCallStatus to how an unaccepted attempt ended. */
export function attemptResultOf(dialCallStatus: string | undefined): AttemptResult {
  switch (dialCallStatus) {
    case 'busy':
      return 'busy';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    case 'completed':
      // Answered but nobody pressed 1: a voicemail or a declined whisper.
      return 'declined';
    default:
      return 'no-answer';
  }
}
