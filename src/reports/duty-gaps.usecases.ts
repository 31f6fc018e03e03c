import { createRosterLabels } from '../roster/roster.labels';
import type { RosterRepository } from '../roster/roster.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import { assertReportWindow } from '../shared/time-window';
import type { StaffRepository } from '../staff/staff.repository';
import { buildDutyGapFindings, planSlots } from './duty-gaps.models';
import { type DutyGapReport, renderDutyGapReport } from './duty-gaps.render';
import type { ReportsRepository } from './reports.repository';

export interface DutyGapDeps {
  rosterService: RosterService;
  rosterRepository: RosterRepository;
  staffRepository: StaffRepository;
  reportsRepository: ReportsRepository;
  clock: Clock;
  /** The hotline's zone, in which the report shows its times. */
  zone: string;
}

/** Loads what the duty-gap report needs for [from, to), past or future, and computes it. */
export function createDutyGapReports(deps: DutyGapDeps) {
  const { rosterService, rosterRepository, staffRepository, reportsRepository, clock, zone } = deps;
  return {
    async buildDutyGapReport(from: Date, to: Date): Promise<DutyGapReport> {
      assertReportWindow(from, to);
      const now = clock.now();
      const [segments, versions, overrides, cases, awaitingSignOff] = await Promise.all([
        rosterService.shiftsBetween(from, to),
        rosterRepository.loadVersions(),
        rosterRepository.loadOverrides(from, to),
        // Only deadlines already past can be missed; future ones are left for a later report.
        reportsRepository.casesDueBetween(from, new Date(Math.min(to.getTime(), now.getTime()))),
        reportsRepository.casesAwaitingSignOff(to),
      ]);
      const slots = planSlots(segments, versions, from, to);
      const activity = await reportsRepository.slotActivity(slots);
      const findings = buildDutyGapFindings({
        from,
        to,
        now,
        segments,
        versions,
        overrides,
        slots,
        activity,
        cases,
        awaitingSignOff,
      });
      const ids = [
        ...segments.map((segment) => segment.staffId),
        ...findings.absences.flatMap((absence) => [absence.staffId, absence.coverStaffId]),
        ...findings.cases.map((item) => item.assigneeId),
        ...awaitingSignOff.map((item) => item.assigneeId),
      ].filter((id): id is number => id !== null);
      const staff = await staffRepository.findByIds([...new Set(ids)]);
      const labels = createRosterLabels({ staff, versions, overrides });
      return renderDutyGapReport(findings, { labels, zone, now });
    },
  };
}

export type DutyGapReports = ReturnType<typeof createDutyGapReports>;
