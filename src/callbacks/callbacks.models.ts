import { addHours } from '../cases/cases.models';

export const CALLBACK_REASONS = ['feedback_undeliverable', 'abandoned_call'] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];

/** What staff report after calling: `no_answer` leaves the task open for another try. */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/**
 * How a task ended: a logged call; the result text arriving after all (a late delivery report); or
 * the caller's message arriving after their hang-up was taken for an abandoned call.
 */
export type CallbackTaskOutcome = CallbackOutcome | 'sms_delivered' | 'message_left';

/** A result text that cannot reach the citizen is owed by phone within this long. */
export const FEEDBACK_CALLBACK_HOURS = 4;
/** After a call nobody answered, the next try is due this long after it. */
export const RETRY_AFTER_NO_ANSWER_HOURS = 2;

export interface CallbackTask {
  id: number;
  caseId: number;
  reason: CallbackReason;
  outboxId: number | null;
  errorCode: string | null;
  assigneeId: number | null;
  dueAt: string;
  attempts: number;
  createdAt: string;
  doneAt: string | null;
  outcome: CallbackTaskOutcome | null;
  note: string | null;
  doneBy: number | null;
  updatedAt: string;
}

/** An open task with what the callbacks job needs of its case. */
export interface OpenCallback extends CallbackTask {
  ref: string;
  phone: string | null;
  /** The case's assignee now, which may differ from the one the task was raised for. */
  caseAssigneeId: number | null;
}

export function feedbackCallbackDueAt(now: string): string {
  return addHours(now, FEEDBACK_CALLBACK_HOURS);
}

/**
 * What a logged call does to an open task: `no_answer` counts an attempt and moves the due time
 * on, unless a supervisor gives up (`close`); any other outcome ends the task.
 */
export function applyCallbackOutcome(
  outcome: CallbackOutcome,
  close: boolean,
  now: string,
): { kind: 'retry'; dueAt: string } | { kind: 'done'; outcome: CallbackOutcome } {
  if (outcome === 'no_answer' && !close) {
    return { kind: 'retry', dueAt: addHours(now, RETRY_AFTER_NO_ANSWER_HOURS) };
  }
  return { kind: 'done', outcome };
}

/** A reminder goes out once per task and due time: a missed call moves the due time, and so reminds again. */
export function callbackReminderKey(task: Pick<CallbackTask, 'id' | 'dueAt'>): string {
  return `callback-reminder:${task.id}:${task.dueAt}`;
}

/** The supervisor hears once that a task went past its due time, however many tries follow. */
export function callbackEscalationKey(task: Pick<CallbackTask, 'id'>): string {
  return `callback-overdue:${task.id}`;
}

export function isCallbackOverdue(task: Pick<CallbackTask, 'dueAt' | 'doneAt'>, now: Date): boolean {
  return task.doneAt === null && new Date(task.dueAt).getTime() <= now.getTime();
}
