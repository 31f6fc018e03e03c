import { DateTime } from 'luxon';
import type { CallbackCallStatus } from '../../callbacks/calls/callback-calls.models';
import { addHours, type Case } from '../../cases/cases.models';
import type { Language } from '../../staff/staff.models';

// The satisfaction survey call (SPEC §19), as pure rules: where citizens cannot text back, "are
// you satisfied?" is asked by an outbound call, retried once, and answered with a key.

export type SurveyCallStatus = 'scheduled' | CallbackCallStatus;
export type SurveyCallOutcome = 'satisfied' | 'unsatisfied' | 'no_answer' | 'no_key' | 'failed' | 'canceled';

export interface SurveyCall {
  id: number;
  caseId: number;
  /** The case whose result the citizen judges: their own, or the one theirs was merged into. */
  aboutRef: string;
  phone: string;
  language: Language;
  attempt: number;
  status: SurveyCallStatus;
  statusSequence: number | null;
  callSid: string | null;
  dueAt: string;
  /** How often the question was said again after a key other than 1 or 2. */
  repeats: number;
  digits: string | null;
  outcome: SurveyCallOutcome | null;
  errorCode: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

/** Attempts per question: the first call and one retry. */
export const SURVEY_CALL_ATTEMPTS = 2;
/** How long after an unanswered call the retry rings. */
export const SURVEY_RETRY_HOURS = 2;
/** The question is said once more after a key other than 1 or 2; then the call ends. */
export const SURVEY_REPEATS = 1;

/**
 * Local hours (HOTLINE_TIMEZONE) in which a survey call may ring: a citizen resolved at 2 a.m. is
 * asked in the morning, not woken. Calls due outside them wait; the window still ends on time.
 */
export const SURVEY_CALLING_HOURS = { from: 8, until: 21 } as const;

export function isSurveyCallingHour(at: Date, timezone: string): boolean {
  const { hour } = DateTime.fromJSDate(at, { zone: timezone });
  return hour >= SURVEY_CALLING_HOURS.from && hour < SURVEY_CALLING_HOURS.until;
}

export type SurveyKey =
  | { kind: 'answer'; answer: 'satisfied' | 'unsatisfied' }
  | { kind: 'again' }
  | { kind: 'give_up' };

/** What a key means: 1 satisfied, 2 not, anything else (or none) the question again, once. */
export function readSurveyKey(digits: string, repeats: number): SurveyKey {
  if (digits === '1') return { kind: 'answer', answer: 'satisfied' };
  if (digits === '2') return { kind: 'answer', answer: 'unsatisfied' };
  return repeats < SURVEY_REPEATS ? { kind: 'again' } : { kind: 'give_up' };
}

/** What an ended call that recorded no answer counts as, from Twilio's final status. */
export function outcomeOfEnd(status: CallbackCallStatus): SurveyCallOutcome {
  if (status === 'completed') return 'no_key';
  if (status === 'failed') return 'failed';
  if (status === 'canceled') return 'canceled';
  return 'no_answer';
}

/**
 * When to ring again after an attempt that got no answer: once, SURVEY_RETRY_HOURS later, but
 * never after the citizen's window ends (then the case closes at the window's end as usual).
 */
export function retryAtFor(
  attempt: number,
  outcome: SurveyCallOutcome,
  endedAt: Date,
  windowEndsAt: string | null,
): string | null {
  if (attempt >= SURVEY_CALL_ATTEMPTS) return null;
  if (outcome === 'satisfied' || outcome === 'unsatisfied' || outcome === 'canceled') return null;
  if (windowEndsAt === null) return null;
  const retry = addHours(endedAt.toISOString(), SURVEY_RETRY_HOURS);
  const capped = retry < windowEndsAt ? retry : windowEndsAt;
  return capped > endedAt.toISOString() ? capped : null;
}

/**
 * Whether the citizen of `found` still owes the answer a survey call asks for: asked, not yet
 * answered, and their case still waits on it (resolved, or merged into another).
 */
export function awaitsSurveyAnswer(
  found: Pick<Case, 'status' | 'satisfactionAskedAt' | 'satisfactionAnswer'>,
  now: Date,
  windowEndsAt: string | null,
): boolean {
  if (found.satisfactionAnswer !== null || found.satisfactionAskedAt === null) return false;
  if (found.status !== 'resolved' && found.status !== 'merged') return false;
  return windowEndsAt === null || new Date(windowEndsAt).getTime() > now.getTime();
}
