import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import { chooseSupervisorsToTell, type Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { NoticesRepository } from './notices.repository';

/** What the gap-watch and shift-notices jobs need, named, so tests can run them at any instant. */
export interface NoticesDeps {
  db: Db;
  noticesRepository: NoticesRepository;
  rosterService: Pick<RosterService, 'onDutyAt' | 'shiftsBetween' | 'dutyShiftsBetween'>;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** The hotline's zone: local times in texts and the daily summary's time of day. */
  timezone: string;
  /** 'HH:mm' local. */
  gapSummaryTime: string;
  shiftReminderMinutes: number;
}

/** The supervisors to tell at `at` (chooseSupervisorsToTell): the one on duty, else every active one. */
export async function supervisorsOnDutyOrAll(
  deps: {
    rosterService: Pick<RosterService, 'onDutyAt'>;
    staffRepository: Pick<StaffRepository, 'listActiveSupervisors'>;
  },
  at: Date,
): Promise<Staff[]> {
  const onDuty = (await deps.rosterService.onDutyAt(at)).supervisor;
  return chooseSupervisorsToTell(onDuty, await deps.staffRepository.listActiveSupervisors());
}
