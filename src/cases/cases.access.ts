import type { Principal } from '../auth/auth.middleware';
import { AppError } from '../shared/errors';
import { canSeeAllCases } from '../staff/staff.models';
import type { Actor, Case, EventChannel } from './cases.models';

/** References are not an authorisation: a staff member sees a case only if it is theirs. */
export function canSeeCase(principal: Principal, found: Case): boolean {
  return (
    canSeeAllCases(principal.role) || (principal.kind === 'staff' && found.assigneeId === principal.staffId)
  );
}

export function assertVisible(principal: Principal, found: Case | undefined, ref: string): Case {
  if (!found || !canSeeCase(principal, found)) throw new AppError(404, 'case.not_found', `No case ${ref}`);
  return found;
}

export function actorOf(principal: Principal, channel: EventChannel): Actor {
  return { type: 'staff', staffId: principal.kind === 'staff' ? principal.staffId : null, channel };
}
