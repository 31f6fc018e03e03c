import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { Staff } from '../staff/staff.models';
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

/** The supervisor on duty at `at`; when there is none, every active supervisor, so a gap is never told to nobody. */
export async function supervisorsOnDutyOrAll(deps: NoticesDeps, at: Date): Promise<Staff[]> {
  const onDuty = (await deps.rosterService.onDutyAt(at)).supervisor;
  if (onDuty) return [onDuty];
  const ids = await deps.noticesRepository.listActiveSupervisorIds();
  const staff = await deps.staffRepository.findByIds(ids);
  return ids.flatMap((id) => {
    const member = staff.get(id);
    return member?.active ? [member] : [];
  });
}
