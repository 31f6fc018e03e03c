import { Router } from 'express';
import type { NoticesRepository } from '../../notices/notices.repository';
import type { DutyGapReports } from '../../reports/duty-gaps.usecases';
import { POSITIONS } from '../../roster/roster.positions';
import type { RosterService } from '../../roster/roster.service';
import type { DutyShift } from '../../roster/roster.shifts';
import { type Clock, DAY, HOUR } from '../../shared/clock';
import type { StaffRepository } from '../../staff/staff.repository';
import { isSupervisor } from '../web.context';
import { loadPageContext, type PageDeps, sendPage } from '../web.page';
import { TodayPage, type TodayView } from './today.page';

export type TodayRoutesDeps = PageDeps & {
  rosterService: Pick<RosterService, 'dutyShiftsBetween'>;
  staffRepository: Pick<StaffRepository, 'findById' | 'findByIds'>;
  noticesRepository: Pick<NoticesRepository, 'summaryFigures' | 'handoverFigures'>;
  dutyGapReports: DutyGapReports;
  clock: Clock;
};

const ATTENTION_LIMIT = 20;

/** GET /console: a supervisor's today; duty staff go to their own cases. */
export function createTodayRouter(deps: TodayRoutesDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const context = await loadPageContext(deps, req);
    if (!isSupervisor(context.principal)) return res.redirect(303, '/console/my');
    const now = deps.clock.now();
    const week = new Date(now.getTime() + 7 * DAY);
    const [shifts, summary, attention, report] = await Promise.all([
      deps.rosterService.dutyShiftsBetween(now, week),
      deps.noticesRepository.summaryFigures(now, new Date(now.getTime() - 24 * HOUR)),
      // No staff member has id 0: a supervisor's today needs no count of their own cases.
      deps.noticesRepository.handoverFigures(0, now, ATTENTION_LIMIT),
      deps.dutyGapReports.buildDutyGapReport(now, week),
    ]);
    const staff = await deps.staffRepository.findByIds([...new Set(shifts.map((shift) => shift.staffId))]);
    const named = (shift: DutyShift | undefined) =>
      shift ? { name: staff.get(shift.staffId)?.name ?? '', from: shift.from, to: shift.to } : null;
    // Shifts split at every handoff: "now" ends at the next handoff, and "next" is whoever follows.
    const duty = Object.fromEntries(
      POSITIONS.map((position) => {
        const mine = shifts.filter((shift) => shift.position === position);
        const current = mine.find((shift) => shift.from <= now && now < shift.to);
        const following = mine.find((shift) => shift.from >= (current?.to ?? now) && shift !== current);
        return [position, { now: named(current), next: named(following) }];
      }),
    ) as TodayView['duty'];
    sendPage(
      res,
      <TodayPage
        context={context}
        view={{
          duty,
          figures: summary,
          attention: attention.attention,
          attentionTotal: attention.attentionTotal,
          gaps: report.gaps.filter((gap) => gap.position === 'primary'),
        }}
      />,
    );
  });
  return router;
}
