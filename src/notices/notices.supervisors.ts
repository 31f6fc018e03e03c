import type { RosterService } from '../roster/roster.service';
import { chooseSupervisorsToTell, type Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';

export interface SupervisorsOnDutyOrAllDeps {
  rosterService: Pick<RosterService, 'onDutyAt'>;
  staffRepository: Pick<StaffRepository, 'listActiveSupervisors'>;
}

/** The supervisors to tell at `at` (chooseSupervisorsToTell): the one on duty, else every active one. */
export async function supervisorsOnDutyOrAll(
  { rosterService, staffRepository }: SupervisorsOnDutyOrAllDeps,
  at: Date,
): Promise<Staff[]> {
  const onDuty = (await rosterService.onDutyAt(at)).supervisor;
  return chooseSupervisorsToTell(onDuty, await staffRepository.listActiveSupervisors());
}
