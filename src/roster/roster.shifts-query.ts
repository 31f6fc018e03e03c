import { assertReportWindow } from '../shared/time-window';
import type { StaffRepository } from '../staff/staff.repository';
import { createRosterLabels, type LabelledSource, type RosterLabels, type StaffRef } from './roster.labels';
import type { RosterRepository } from './roster.repository';
import type { Segment } from './roster.segments';
import type { RosterService } from './roster.service';

export interface LabelledShift {
  position: Segment['position'];
  staff: StaffRef | null;
  from: Date;
  to: Date;
  source: LabelledSource;
}

export function labelShift(segment: Segment, labels: RosterLabels): LabelledShift {
  return {
    position: segment.position,
    staff: labels.staff(segment.staffId),
    from: segment.from,
    to: segment.to,
    source: labels.source(segment.source, segment.from),
  };
}

export interface ShiftsDeps {
  rosterService: RosterService;
  rosterRepository: RosterRepository;
  staffRepository: StaffRepository;
}

/** The resolved roster over [from, to) with names: who, from which rotation or override. */
export function createShiftsQuery({ rosterService, rosterRepository, staffRepository }: ShiftsDeps) {
  return {
    async listShifts(from: Date, to: Date): Promise<LabelledShift[]> {
      assertReportWindow(from, to);
      const [segments, versions, overrides] = await Promise.all([
        rosterService.shiftsBetween(from, to),
        rosterRepository.loadVersions(),
        rosterRepository.loadOverrides(from, to),
      ]);
      const ids = segments.flatMap((segment) => (segment.staffId === null ? [] : [segment.staffId]));
      const staff = await staffRepository.findByIds([...new Set(ids)]);
      const labels = createRosterLabels({ staff, versions, overrides });
      return segments.map((segment) => labelShift(segment, labels));
    },
  };
}

export type ShiftsQuery = ReturnType<typeof createShiftsQuery>;
