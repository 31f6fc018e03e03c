import { handOverOpenCases } from '../cases/cases.handover';
import type { Actor } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import { resolveOnDuty } from './roster.models';
import type { RosterRepository, StoredOverride } from './roster.repository';
import type { OverrideInput, RosterService } from './roster.service';

export interface RecordAbsenceDeps {
  db: Db;
  rosterService: Pick<RosterService, 'planOverride' | 'loadRoster'>;
  rosterRepository: Pick<RosterRepository, 'createOverride'>;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}

/**
 * Records an override (an absence, a cover, or both) for the API and the CLI alike. When the
 * absence has already begun, the absent person's open cases go to whoever takes over, as after a
 * SICK text (handOverOpenCases), in the same transaction: the absence and its hand-over are stored
 * together or not at all. One for later changes nobody's cases now.
 */
export async function recordAbsence(
  {
    db,
    rosterService,
    rosterRepository,
    casesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
  }: RecordAbsenceDeps,
  input: Omit<OverrideInput, 'createdBy'>,
  actor: Actor,
): Promise<StoredOverride> {
  // Checked before the transaction: the roster read it takes goes through the one connection.
  const planned = await rosterService.planOverride({ ...input, createdBy: actor.staffId });
  const now = clock.now();
  const begun = Date.parse(planned.from) <= now.getTime() && now.getTime() < Date.parse(planned.to);
  const { absentStaffId, coverStaffId } = planned;
  const stored = await db.transaction().execute(async (trx) => {
    const override = await rosterRepository.createOverride(planned, trx);
    if (absentStaffId === null || !begun) return override;
    // Resolved with the absence stored, so nobody absent is chosen to take over.
    const duty = resolveOnDuty(await rosterService.loadRoster(now, new Date(now.getTime() + 1), trx), now);
    await handOverOpenCases({ casesRepository, staffRepository, outbox, templates, clock, logger }, trx, {
      absentStaffId,
      coverStaffId,
      onDuty: {
        primary: duty.primary.staffId,
        backup: duty.backup.staffId,
        supervisor: duty.supervisor.staffId,
      },
      reason: 'handover_absence',
      actor,
    });
    return override;
  });
  if (absentStaffId !== null && begun) kickOutbox();
  return stored;
}
