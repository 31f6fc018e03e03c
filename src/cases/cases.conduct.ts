import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import { assignCase } from './cases.lifecycle';
import { type Actor, type Case, chooseAssignee, concernsStaff, isOpen, type OnDuty } from './cases.models';
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
 * `concerns_staff_set` event. If that officer holds the open case it leaves them at once, for whom
 * chooseAssignee picks for a complaint about staff (a supervisor), or for nobody when there is none.
 * Runs in the caller's transaction.
 */
export async function setConcernedStaff(
  { casesRepository, staffRepository, outbox, templates, clock, logger }: SetConcernedStaffDeps,
  trx: DbOrTransaction,
  found: Case,
  staffId: number | null,
  actor: Actor,
  onDuty: OnDuty,
): Promise<Case> {
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
  if (!isOpen(updated.status) || !concernsStaff(updated, updated.assigneeId)) return updated;
  const activeSupervisors = await staffRepository.listActiveSupervisors(trx);
  const taker = chooseAssignee(onDuty, [], { concernsStaffId: staffId, activeSupervisors });
  if (!taker) logger.warn({ ref: found.ref }, 'a complaint about staff and no supervisor to take it');
  return assignCase({ casesRepository, outbox, templates, clock }, trx, updated, taker, actor, 'about_staff');
}
