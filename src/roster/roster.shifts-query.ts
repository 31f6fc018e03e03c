import { assertReportWindow } from '../shared/time-window';
import type { StaffRepository } from '../staff/staff.repository';
import { createRosterLabels, type LabelledSource, type RosterLabels, type StaffRef } from './roster.labels';
import { resolveSegments, type Segment } from './roster.segments';
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
  rosterService: Pick<RosterService, 'loadRoster'>;
  staffRepository: StaffRepository;
}

/** The resolved roster over [from, to) with names: who, from which rotation or override. */
export function createShiftsQuery({ rosterService, staffRepository }: ShiftsDeps) {
  return {
    async listShifts(from: Date, to: Date): Promise<LabelledShift[]> {
      assertReportWindow(from, to);
      // One roster, read once, both resolves the shifts and names their sources.
      const roster = await rosterService.loadRoster(from, to);
      const segments = resolveSegments(roster, from, to);
      const ids = segments.flatMap((segment) => (segment.staffId === null ? [] : [segment.staffId]));
      const staff = await staffRepository.findByIds([...new Set(ids)]);
      const labels = createRosterLabels({ staff, versions: roster.versions, overrides: roster.overrides });
      return segments.map((segment) => labelShift(segment, labels));
    },
  };
}

export type ShiftsQuery = ReturnType<typeof createShiftsQuery>;
