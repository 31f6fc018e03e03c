import type { Principal } from '../../auth/auth.middleware';
import { type Case, canAcknowledge, canResolve, isOpen, needsSignOff } from '../../cases/cases.models';
import { canSeeAllCases } from '../../staff/staff.models';

/** Which forms the case page draws: the case's status and the viewer's role, read from the models' rules. */
export interface CaseActions {
  acknowledge: boolean;
  /** `needs_assignee`: the form is replaced by a hint, as a result needs someone who answers for it. */
  result: 'yes' | 'needs_assignee' | 'no';
  note: boolean;
  assign: boolean;
  triage: boolean;
  /** A closed case keeps the priority it closed under (see triageCase). */
  triagePriority: boolean;
  callback: boolean;
  /** A satisfaction answer given on the phone counts only for a resolved case. */
  callbackSatisfaction: boolean;
  /** Only a supervisor gives up on a number nobody answers. */
  callbackClose: boolean;
  /** A masked call-back rings the viewer's own phone: the case's officer or a supervisor, with a citizen phone. */
  callCitizen: boolean;
  merge: boolean;
  signOff: boolean;
  reopen: boolean;
  /** Only a supervisor names the staff member a complaint is about (SPEC §18). */
  concerns: boolean;
}

/**
 * What the person may do to the case now. The use cases still enforce every rule; this only keeps
 * the page from offering what they would refuse.
 */
export function availableActions(found: Case, principal: Principal): CaseActions {
  const supervisor = canSeeAllCases(principal.role);
  const merged = found.status === 'merged';
  const open = canResolve(found.status);
  return {
    acknowledge: canAcknowledge(found.status),
    result: !open ? 'no' : found.assigneeId === null ? 'needs_assignee' : 'yes',
    note: !merged,
    assign: supervisor && open,
    triage: !merged,
    triagePriority: !merged && found.status !== 'closed',
    callback: !merged,
    callbackSatisfaction: found.status === 'resolved',
    callbackClose: supervisor,
    callCitizen:
      !merged &&
      found.phone !== null &&
      principal.kind === 'staff' &&
      (supervisor || found.assigneeId === principal.staffId),
    merge: isOpen(found.status),
    signOff: supervisor && needsSignOff(found) && found.status === 'resolved' && found.signedOffAt === null,
    reopen: found.status === 'resolved' || found.status === 'closed',
    concerns: supervisor && !merged,
  };
}
