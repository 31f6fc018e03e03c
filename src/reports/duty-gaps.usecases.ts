import { createRosterLabels } from '../roster/roster.labels';
import { resolveSegments } from '../roster/roster.segments';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import { assertReportWindow } from '../shared/time-window';
import type { StaffRepository } from '../staff/staff.repository';
import { buildDutyGapFindings, planSlots } from './duty-gaps.models';
import { type DutyGapReport, renderDutyGapReport } from './duty-gaps.render';
import type { ReportsRepository } from './reports.repository';

export interface DutyGapDeps {
  rosterService: Pick<RosterService, 'loadRoster'>;
  staffRepository: StaffRepository;
  reportsRepository: ReportsRepository;
  clock: Clock;
  /** The hotline's zone, in which the report shows its times. */
  zone: string;
}

/** The report, with extra keys saying whether its case lists stopped at `listLimit` rows. */
export type BoundedDutyGapReport = DutyGapReport & {
  listLimit: number;
  truncated: { cases: boolean; awaitingSignOff: boolean; petitions: boolean };
};

/** Loads what the duty-gap report needs for [from, to), past or future, and computes it. */
export function createDutyGapReports(deps: DutyGapDeps) {
  const { rosterService, staffRepository, reportsRepository, clock, zone } = deps;
  return {
    /** `hiddenFrom`: the staff member reading it, from whom complaints about them stay hidden (SPEC §18). */
    async buildDutyGapReport(from: Date, to: Date, hiddenFrom?: number): Promise<BoundedDutyGapReport> {
      assertReportWindow(from, to);
      const now = clock.now();
      const [roster, dueCases, signOffs, petitionRows] = await Promise.all([
        rosterService.loadRoster(from, to),
        // Only deadlines already past can be missed; future ones are left for a later report.
        reportsRepository.casesDueBetween(from, new Date(Math.min(to.getTime(), now.getTime())), hiddenFrom),
        reportsRepository.casesAwaitingSignOff(to, hiddenFrom),
        reportsRepository.petitionsMissingHaves(to, hiddenFrom),
      ]);
      const cases = dueCases.items;
      const awaitingSignOff = signOffs.items;
      // One roster, read once, gives the timeline, the slots and the names alike.
      const { versions, overrides } = roster;
      const segments = resolveSegments(roster, from, to);
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
        petitions: petitionRows.items,
      });
      const ids = [
        ...segments.map((segment) => segment.staffId),
        ...findings.gaps.map((gap) => gap.staffId),
        ...findings.absences.flatMap((absence) => [absence.staffId, ...absence.coverStaffIds]),
        ...findings.cases.map((item) => item.assigneeId),
        ...awaitingSignOff.map((item) => item.assigneeId),
        ...findings.petitions.map((item) => item.assigneeId),
      ].filter((id): id is number => id !== null);
      const staff = await staffRepository.findByIds([...new Set(ids)]);
      const labels = createRosterLabels({ staff, versions, overrides });
      return {
        ...renderDutyGapReport(findings, { labels, zone, now }),
        listLimit: reportsRepository.listLimit,
        truncated: {
          cases: dueCases.truncated,
          awaitingSignOff: signOffs.truncated,
          petitions: petitionRows.truncated,
        },
      };
    },
  };
}

export type DutyGapReports = ReturnType<typeof createDutyGapReports>;
