import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import { assignCase } from './cases.lifecycle';
import { type Actor, type Case, chooseAssignee, holderKeepsCase, isOpen, type OnDuty } from './cases.models';
import type { CasesRepository } from './cases.repository';

export interface SetConcernedStaffDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
}

/**
 * A supervisor names (or, with null, stops naming) the staff member a case complains about, with a
 * `concerns_staff_set` event; then handOverComplaintAboutStaff. Runs in the caller's transaction.
 */
export async function setConcernedStaff(
  deps: SetConcernedStaffDeps,
  trx: DbOrTransaction,
  found: Case,
  staffId: number | null,
  actor: Actor,
  onDuty: OnDuty,
): Promise<Case> {
  const { casesRepository, clock } = deps;
  if (found.concernsStaffId === staffId) return found;
  if (found.status === 'merged') {
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${found.ref} is merged; mark the case it joined`,
    );
  }
  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    concerns_staff_id: staffId,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'concerns_staff_set',
    actor,
    data: { staffId, previousStaffId: found.concernsStaffId },
  });
  return handOverComplaintAboutStaff(deps, trx, found, updated, actor, onDuty);
}

/**
 * After triage or a mark turned an open case (`before`) into a complaint about staff (`after`):
 * unless its holder keeps it (holderKeepsCase), it goes to whom chooseAssignee picks for such a
 * complaint (a supervisor), or to nobody when there is none, as it would have on arrival.
 */
export async function handOverComplaintAboutStaff(
  { casesRepository, staffRepository, outbox, templates, clock, logger }: SetConcernedStaffDeps,
  trx: DbOrTransaction,
  before: Case,
  after: Case,
  actor: Actor,
  onDuty: OnDuty,
): Promise<Case> {
  if (!isOpen(after.status)) return after;
  const holder =
    after.assigneeId === null ? null : ((await staffRepository.findById(after.assigneeId, trx)) ?? null);
  if (holderKeepsCase(before, after, holder)) return after;
  const activeSupervisors = await staffRepository.listActiveSupervisors(trx);
  const taker = chooseAssignee(onDuty, [], { concernsStaffId: after.concernsStaffId, activeSupervisors });
  if (!taker) logger.warn({ ref: after.ref }, 'a complaint about staff and no supervisor to take it');
  if (!taker && !holder) return after;
  return assignCase({ casesRepository, outbox, templates, clock }, trx, after, taker, actor, 'about_staff');
}
