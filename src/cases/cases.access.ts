import type { Principal } from '../auth/auth.middleware';
import { AppError } from '../shared/errors';
import { canSeeAllCases } from '../staff/staff.models';
import { type Actor, type Case, concernsStaff, type EventChannel, isAboutStaff } from './cases.models';

/** The staff member behind a principal; null for the bootstrap admin. */
export function staffIdOf(principal: Principal): number | null {
  return principal.kind === 'staff' ? principal.staffId : null;
}

/**
 * References are not an authorisation: a staff member sees a case only if it is theirs. A complaint
 * about a staff member is hidden from them whatever their role (SPEC §18).
 */
export function canSeeCase(principal: Principal, found: Case): boolean {
  if (concernsStaff(found, staffIdOf(principal))) return false;
  return (
    canSeeAllCases(principal.role) || (principal.kind === 'staff' && found.assigneeId === principal.staffId)
  );
}

/**
 * Over SMS a reference is not an authorisation either: a staff member acts on a case they may see,
 * or on one nobody holds if they are on duty now (in any position), and then they take it. A
 * complaint about staff nobody holds is a supervisor's to take, never a colleague's.
 */
export function canActOnCase(
  principal: Principal,
  found: Case,
  onDutyIds: readonly (number | null)[],
): boolean {
  if (canSeeCase(principal, found)) return true;
  if (concernsStaff(found, staffIdOf(principal)) || isAboutStaff(found)) return false;
  return found.assigneeId === null && principal.kind === 'staff' && onDutyIds.includes(principal.staffId);
}

export function assertVisible(principal: Principal, found: Case | undefined, ref: string): Case {
  if (!found || !canSeeCase(principal, found)) throw new AppError(404, 'case.not_found', `No case ${ref}`);
  return found;
}

export function actorOf(principal: Principal, channel: EventChannel): Actor {
  return {
    type: 'staff',
    staffId: principal.kind === 'staff' ? principal.staffId : null,
    channel: storedChannel(channel),
  };
}

/**
 * case_events.channel's CHECK (migration 0001) does not admit 'console' yet, so a change made on
 * the console's pages is stored as 'web' (staff working in a browser) until a migration adds it.
 */
function storedChannel(channel: EventChannel): EventChannel {
  return channel === 'console' ? 'web' : channel;
}
