// Masked call-backs (SPEC §18), as pure rules: what a call's status may become, when it is over,
// and what a failed start means for the person who asked for it.

export const CALL_STATUSES = [
  'requested',
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type CallbackCallStatus = (typeof CALL_STATUSES)[number];

const TERMINAL: readonly CallbackCallStatus[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

/** How the citizen's leg went: not dialed (the officer did not press 1), or Twilio's DialCallStatus. */
export type CitizenLeg =
  | 'not_dialed'
  | 'dialing'
  | 'completed'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'canceled';

export interface CallbackCall {
  id: number;
  caseId: number;
  staffId: number;
  callSid: string | null;
  status: CallbackCallStatus;
  statusSequence: number | null;
  officerDigits: string | null;
  citizenDialed: boolean;
  citizenStatus: string | null;
  citizenCallSid: string | null;
  citizenDurationSeconds: number | null;
  durationSeconds: number | null;
  recordingSid: string | null;
  recordingUrl: string | null;
  recordingDurationSeconds: number | null;
  errorCode: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export function isCallStatus(value: string): value is CallbackCallStatus {
  return (CALL_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: CallbackCallStatus): boolean {
  return TERMINAL.includes(status);
}

/**
 * Whether a status callback moves the call on. Twilio's voice callbacks carry no order guarantee:
 * the SequenceNumber orders them when present, else the status's place in a call's life; a call
 * that ended never comes back to life, and a repeated callback changes nothing.
 */
export function advancesStatus(
  current: { status: CallbackCallStatus; statusSequence: number | null; endedAt: string | null },
  next: { status: CallbackCallStatus; sequence: number | null },
): boolean {
  if (current.endedAt !== null) return false;
  if (next.status === current.status) return false;
  if (isTerminal(next.status)) return true;
  if (next.sequence !== null && current.statusSequence !== null)
    return next.sequence > current.statusSequence;
  return CALL_STATUSES.indexOf(next.status) > CALL_STATUSES.indexOf(current.status);
}

export function citizenLegOf(call: Pick<CallbackCall, 'citizenDialed' | 'citizenStatus'>): CitizenLeg {
  if (!call.citizenDialed) return 'not_dialed';
  const status = call.citizenStatus;
  if (status === 'completed' || status === 'busy' || status === 'no-answer' || status === 'failed')
    return status;
  if (status === 'canceled') return 'canceled';
  return 'dialing';
}

/** A call started but never confirmed by Twilio (the server stopped mid-request): no longer live after this long. */
export const UNCONFIRMED_CALL_MINUTES = 2;
/** Longer than any call Twilio keeps up (4 hours): a live row this old lost its final callback. */
export const LONGEST_CALL_HOURS = 4;

/** Whether a live row is a leftover that must not block a new call for the case. */
export function isStale(call: Pick<CallbackCall, 'callSid' | 'createdAt' | 'endedAt'>, now: Date): boolean {
  if (call.endedAt !== null) return false;
  const age = now.getTime() - new Date(call.createdAt).getTime();
  if (call.callSid === null) return age > UNCONFIRMED_CALL_MINUTES * 60_000;
  return age > LONGEST_CALL_HOURS * 3_600_000;
}

/** What Twilio's REST answer to a create means for the staff member who asked (HTTP status and code). */
export function startFailureOf(error: { status?: number; code?: number }): { status: number; code: string } {
  if (error.status === 429 || error.code === 20429) {
    return { status: 503, code: 'callback_call.twilio_rate_limited' };
  }
  if (error.status === undefined || error.status >= 500) {
    return { status: 503, code: 'callback_call.twilio_unavailable' };
  }
  return { status: 502, code: 'callback_call.twilio_rejected' };
}
