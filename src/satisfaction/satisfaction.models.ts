import { addHours, type Case, needsSignOff } from '../cases/cases.models';

type ClosingFacts = Pick<
  Case,
  | 'status'
  | 'priority'
  | 'category'
  | 'concernsStaffId'
  | 'resolvedAt'
  | 'satisfactionAskedAt'
  | 'satisfactionAnswer'
  | 'signedOffAt'
>;

/**
 * When the citizen's chance to answer ends: the window runs from the question, or from the
 * resolution when no question could be asked (no phone, or a number that cannot get texts).
 */
export function satisfactionWindowEndsAt(found: ClosingFacts, windowHours: number): string | null {
  const start = found.satisfactionAskedAt ?? found.resolvedAt;
  return start === null ? null : addHours(start, windowHours);
}

export type ClosingVerdict =
  | { kind: 'wait' }
  | { kind: 'close'; reason: ClosingReason }
  | { kind: 'await_sign_off'; reason: ClosingReason };

export type ClosingReason = 'satisfied' | 'satisfaction_window_ended';

/**
 * Whether a resolved case may close now. It is settled when the citizen said satisfied, or when the
 * window ended with no answer and no call-back is still owed (the citizen may not know the result
 * yet). A settled case that needs a sign-off (needsSignOff) still waits for a supervisor's.
 */
export function decideClosing(
  found: ClosingFacts,
  now: Date,
  windowHours: number,
  callbackOpen: boolean,
): ClosingVerdict {
  if (found.status !== 'resolved') return { kind: 'wait' };
  let reason: ClosingReason | null = null;
  if (found.satisfactionAnswer === 'satisfied') reason = 'satisfied';
  else if (found.satisfactionAnswer === null && !callbackOpen) {
    const endsAt = satisfactionWindowEndsAt(found, windowHours);
    if (endsAt !== null && new Date(endsAt).getTime() <= now.getTime()) reason = 'satisfaction_window_ended';
  }
  if (reason === null) return { kind: 'wait' };
  if (needsSignOff(found) && found.signedOffAt === null) return { kind: 'await_sign_off', reason };
  return { kind: 'close', reason };
}

/** A supervisor hears once per resolution that a case waits for their sign-off. */
export function signOffRequestKey(found: Pick<Case, 'id' | 'resolvedAt'>): string {
  return `sign-off-due:${found.id}:${found.resolvedAt}`;
}

/** A number that cannot get texts is noted once per resolution, so the trail says why nobody asked. */
export function unreachableKey(found: Pick<Case, 'id' | 'resolvedAt'>): string {
  return `satisfaction-unreachable:${found.id}:${found.resolvedAt}`;
}
