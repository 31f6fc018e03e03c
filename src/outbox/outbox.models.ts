import type { DbOrTransaction } from '../shared/db';

/** Why a message exists: reports count by it, and a message's owner tells its outcomes apart by it. */
export type OutboxPurpose =
  | 'receipt'
  | 'officer_alert'
  | 'supervisor_alert'
  | 'result'
  | 'satisfaction'
  | 'merge_notice'
  | 'reply'
  | 'staff_reply'
  | 'roster_alert'
  | 'gap_alert'
  | 'gap_summary'
  | 'shift_reminder'
  | 'handover'
  | 'sla_reminder'
  | 'sla_escalation'
  | 'urgent_alert'
  | 'callback_reminder'
  | 'callback_escalation'
  | 'callback_call_ended'
  | 'sign_off_request'
  | 'review_request'
  | 'review_reminder'
  | 'review_returned'
  | 'login_code';

export interface OutgoingMessage {
  to: string;
  body: string;
  purpose: OutboxPurpose;
  caseId?: number | null;
  staffId?: number | null;
}

export interface OutboxMessage {
  id: number;
  to: string;
  body: string;
  purpose: string;
  caseId: number | null;
  staffId: number | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  twilioSid: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
}

/** A message a dispatcher holds: `claimToken` is its own claim, so it never records over another's. */
export interface ClaimedMessage extends OutboxMessage {
  claimToken: string;
}

export type Claim = Pick<ClaimedMessage, 'id' | 'claimToken'>;

/** What became of a message, as far as whoever caused it cares: it left Twilio, reached the phone, or never will. */
export type DeliveryOutcome = 'sent' | 'delivered' | 'undeliverable' | 'opted_out';

/**
 * Tells the owner of a message about an outcome, inside the transaction that records it, so that
 * what the outcome means (a case's feedback, a call owed) commits or fails with it. The outbox
 * calls it for every purpose; the owner decides which ones matter.
 */
export type DeliveryOutcomeHook = (
  trx: DbOrTransaction,
  message: OutboxMessage,
  outcome: DeliveryOutcome,
) => Promise<void>;

/**
 * Where a row is in its life. `held` waits for credentials, `queued` waits for the dispatcher,
 * `sending` is claimed by a run (in flight), `submitted` means Twilio accepted it; the rest are
 * Twilio's own later statuses, or the dispatcher's verdict (`failed`, `opted_out`).
 * Twilio's early statuses (queued, accepted, scheduled, sending) are stored as `submitted` so that
 * they can never be mistaken for the dispatcher's `queued` and `sending`, which would send twice.
 */
export const OUTBOX_STATUSES = [
  'held',
  'queued',
  'sending',
  'submitted',
  'sent',
  'undelivered',
  'failed',
  'delivered',
  'read',
  'canceled',
  'opted_out',
] as const;

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What a sender returns: Twilio's id for the message and its first status (usually `queued`). */
export interface SentMessage {
  sid: string;
  status: string;
}

/** Sends one SMS now. Errors propagate; `classifySendError` decides what they mean. */
export interface SmsSender {
  send(message: { to: string; body: string }): Promise<SentMessage>;
}

/**
 * SMS status callbacks arrive out of order and carry no sequence number, so statuses are ranked
 * and a callback only ever moves a message up. Failures rank below `delivered` because a carrier
 * can report a delivery after an intermediate failure report, never the reverse.
 */
const TWILIO_STATUS_RANK: Record<string, number> = {
  queued: 1,
  accepted: 1,
  scheduled: 1,
  sending: 2,
  sent: 3,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  delivered: 5,
  read: 6,
};

/** The rank of a Twilio message status, or undefined for one the outbox does not track. */
export function rankTwilioStatus(status: string): number | undefined {
  return TWILIO_STATUS_RANK[status];
}

/** Twilio accepted the message: where a recorded send starts, before any callback. */
export const SUBMITTED_RANK = TWILIO_STATUS_RANK.queued;
export const SENT_RANK = TWILIO_STATUS_RANK.sent;
export const DELIVERED_RANK = TWILIO_STATUS_RANK.delivered;
export const FAILED_RANK = TWILIO_STATUS_RANK.failed;

/** The outbox status that records a Twilio status (see OutboxStatus for why early ones collapse). */
export function toOutboxStatus(twilioStatus: string): OutboxStatus {
  const rank = rankTwilioStatus(twilioStatus);
  if (rank === undefined || rank <= TWILIO_STATUS_RANK.sending) return 'submitted';
  return twilioStatus as OutboxStatus;
}

/** Whether a status callback's verdict means the text did not reach the phone. */
export function isNotDelivered(twilioStatus: string): boolean {
  return twilioStatus === 'undelivered' || twilioStatus === 'failed' || twilioStatus === 'canceled';
}

export interface TrackedStatus {
  rank: number;
  sentAt: string | null;
  deliveredAt: string | null;
  errorCode: string | null;
}

export interface StatusChange {
  status: OutboxStatus;
  rank: number;
  sentAt: string | null;
  deliveredAt: string | null;
  errorCode: string | null;
  /** The outcomes this status reaches for the first time, in the order they happened. */
  outcomes: DeliveryOutcome[];
}

/**
 * What a Twilio status does to a message, or undefined when it changes nothing: a status ranked no
 * higher than the current one is stale or repeated, and one the outbox does not track is ignored.
 */
export function planStatusChange(
  current: TrackedStatus,
  twilioStatus: string,
  errorCode: string | null,
  now: string,
): StatusChange | undefined {
  const rank = rankTwilioStatus(twilioStatus);
  if (rank === undefined || rank <= current.rank) return undefined;
  const failed = isNotDelivered(twilioStatus);
  // `undelivered` still left Twilio; `failed` and `canceled` never did.
  const leftTwilio = rank >= SENT_RANK && twilioStatus !== 'failed' && twilioStatus !== 'canceled';
  const delivered = rank >= DELIVERED_RANK;
  const outcomes: DeliveryOutcome[] = [];
  if (leftTwilio && current.sentAt === null) outcomes.push('sent');
  if (delivered && current.deliveredAt === null) outcomes.push('delivered');
  if (failed) outcomes.push('undeliverable');
  return {
    status: toOutboxStatus(twilioStatus),
    rank,
    sentAt: leftTwilio ? (current.sentAt ?? now) : current.sentAt,
    deliveredAt: delivered ? (current.deliveredAt ?? now) : current.deliveredAt,
    errorCode: failed ? (errorCode ?? current.errorCode) : current.errorCode,
    outcomes,
  };
}

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * How long to wait after the `attempts`-th failed attempt: 5 s, 10 s, 20 s … capped at 15 min.
 * Deterministic so that tests can advance a manual clock exactly past it; retries never stop,
 * because a message is never dropped for an outage, however long.
 */
export function backoff(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
}

export type SendErrorVerdict = 'retry' | 'opted_out' | 'undeliverable' | 'rejected';

export const OPTED_OUT_CODE = '21610';

/** Codes that mean this number cannot receive SMS at all: invalid, landline, unreachable. */
const UNDELIVERABLE_CODES = new Set(['21211', '21612', '21614', '30003', '30005', '30006']);

export function isUndeliverableCode(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && UNDELIVERABLE_CODES.has(code);
}

/** The status and Twilio error code an error carries (RestException has both), as far as it has them. */
export function describeSendError(err: unknown): { status?: number; code: string | null; message: string } {
  const fields = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  const rawCode = fields.code;
  // Twilio codes are numbers; network errors carry string codes such as ECONNRESET.
  const code = typeof rawCode === 'number' || typeof rawCode === 'string' ? String(rawCode) : null;
  const message =
    err instanceof Error ? err.message : typeof fields.message === 'string' ? fields.message : String(err);
  return { status, code, message: message.slice(0, 500) };
}

/**
 * What a failed send means. Anything an operator or time can fix is retried, because retrying
 * loses nothing: network errors and timeouts (no HTTP status), 5xx, rate limits, and bad
 * credentials. Only an answer about the message itself is permanent.
 */
export function classifySendError(err: unknown): SendErrorVerdict {
  const { status, code } = describeSendError(err);
  if (code === OPTED_OUT_CODE) return 'opted_out';
  if (isUndeliverableCode(code)) return 'undeliverable';
  if (status === undefined) return 'retry';
  if (status >= 500 || status === 429 || code === '20429') return 'retry';
  if (status === 401 || code === '20003') return 'retry';
  if (status >= 400) return 'rejected';
  return 'retry';
}
