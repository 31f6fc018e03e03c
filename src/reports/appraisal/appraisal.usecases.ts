import type { KpisRepository } from '../../kpis/kpis.repository';
import { resolveSegments } from '../../roster/roster.segments';
import type { RosterService } from '../../roster/roster.service';
import type { Clock } from '../../shared/clock';
import { formatInstant } from '../../shared/time-format';
import { assertReportWindow } from '../../shared/time-window';
import type { StaffRepository } from '../../staff/staff.repository';
import { findAbsences } from '../absences.models';
import { planSlots } from '../duty-gaps.models';
import { dutyHours } from '../duty-hours.models';
import type { ReportsRepository } from '../reports.repository';
import {
  absenceHours,
  appraisedStaffIds,
  appraiseOfficer,
  callsOnShifts,
  NO_COUNTS,
  type OfficerCounts,
  type StaffAppraisal,
} from './appraisal.models';
import type { AppraisalRepository } from './appraisal.repository';

export interface StaffAppraisalDeps {
  kpisRepository: Pick<KpisRepository, 'countResolutionsByAssignee' | 'countAnswersByAssignee'>;
  appraisalRepository: AppraisalRepository;
  reportsRepository: Pick<ReportsRepository, 'slotActivity'>;
  rosterService: Pick<RosterService, 'loadRoster'>;
  staffRepository: Pick<StaffRepository, 'findByIds'>;
  clock: Clock;
  /** The hotline's zone, in which the report shows its window. */
  zone: string;
}

export interface StaffAppraisalReport {
  from: string;
  to: string;
  staff: StaffAppraisal[];
}

/**
 * The appraisal for [from, to): each record placed in the window as the KPIs place it (a resolution
 * by resolved_at, an answer by when it was given, a case's arrival by created_at), and duty, calls on
 * shifts and absences read from the roster exactly as the duty-gap report reads them.
 */
export function createStaffAppraisals(deps: StaffAppraisalDeps) {
  const {
    kpisRepository,
    appraisalRepository,
    reportsRepository,
    rosterService,
    staffRepository,
    clock,
    zone,
  } = deps;
  return {
    /** `only`: the one officer a staff member may see, listed even with nothing to count. */
    async buildStaffAppraisal(
      from: Date,
      to: Date,
      options: { only?: number } = {},
    ): Promise<StaffAppraisalReport> {
      assertReportWindow(from, to);
      const start = from.toISOString();
      const end = to.toISOString();
      const [resolutions, answers, assigned, acknowledgements, callbacksDone, roster] = await Promise.all([
        kpisRepository.countResolutionsByAssignee(start, end),
        kpisRepository.countAnswersByAssignee(start, end),
        appraisalRepository.countAssigned(start, end),
        appraisalRepository.listAcknowledgements(start, end),
        appraisalRepository.countCallbacksDone(start, end),
        rosterService.loadRoster(from, to),
      ]);
      const counts = new Map<number, OfficerCounts>();
      const countsOf = (staffId: number) => {
        let entry = counts.get(staffId);
        if (!entry) {
          entry = structuredClone(NO_COUNTS);
          counts.set(staffId, entry);
        }
        return entry;
      };
      for (const [staffId, value] of resolutions) countsOf(staffId).resolutions = value;
      for (const [staffId, value] of answers) countsOf(staffId).answers = value;
      for (const [staffId, value] of assigned) countsOf(staffId).assigned = value;
      for (const [staffId, value] of callbacksDone) countsOf(staffId).callbacksDone = value;
      for (const row of acknowledgements)
        countsOf(row.staffId).acknowledgeMs.push(Date.parse(row.acknowledgedAt) - Date.parse(row.createdAt));

      // Calls are counted over the whole window (none are in the future), as the duty-gap report does;
      // hours only up to now, so a window reaching into the future (this month) does not count the
      // shifts still to come as duty, sickness or leave.
      const segments = resolveSegments(roster, from, to);
      const slots = planSlots(segments, roster.versions, from, to).filter(
        (slot) => slot.staffId !== null && (options.only === undefined || slot.staffId === options.only),
      );
      const activity = await reportsRepository.slotActivity(slots);
      const until = new Date(Math.max(from.getTime(), Math.min(to.getTime(), clock.now().getTime())));
      const pastSegments = until > from ? resolveSegments(roster, from, until) : [];
      const input = {
        counts,
        calls: callsOnShifts(slots.map((slot, i) => ({ ...slot, ...activity[i] }))),
        dutyHours: new Map(dutyHours(pastSegments).map((entry) => [entry.staffId, entry.hours])),
        absences: absenceHours(findAbsences(roster.overrides, pastSegments, from, until), from, until),
      };
      const ids = options.only === undefined ? appraisedStaffIds(input) : [options.only];
      const staff = await staffRepository.findByIds(ids);
      return {
        from: formatInstant(from, zone),
        to: formatInstant(to, zone),
        staff: ids.flatMap((id) => {
          const member = staff.get(id);
          return member ? [appraiseOfficer(member, input)] : [];
        }),
      };
    },
  };
}

export type StaffAppraisals = ReturnType<typeof createStaffAppraisals>;
