import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import { requireRole } from '../../auth/auth.middleware';
import { type CalendarFeeds, mayCreateFeed } from '../../calendar/calendar.usecases';
import { actorOf } from '../../cases/cases.access';
import type { Actor } from '../../cases/cases.models';
import { absenceCoverage } from '../../roster/roster.coverage';
import { type RosterImport, RosterImportError } from '../../roster/roster.import';
import { POSITIONS } from '../../roster/roster.models';
import { canCancelOverride, overrideState } from '../../roster/roster.overrides';
import type { StoredOverride } from '../../roster/roster.repository';
import { createOverrideSchema, overrideIdSchema } from '../../roster/roster.schemas';
import type { Segment } from '../../roster/roster.segments';
import type { OverrideInput, RosterService } from '../../roster/roster.service';
import type { ShiftsQuery } from '../../roster/roster.shifts-query';
import { type Clock, DAY } from '../../shared/clock';
import { AppError, notFound } from '../../shared/errors';
import { windowProblem } from '../../shared/time-window';
import type { StaffRepository } from '../../staff/staff.repository';
import { fromLocalInput, toLocalInput } from '../format';
import { readMultipartForm } from '../multipart';
import { isSupervisor, type PageContext } from '../web.context';
import { loadPageContext, type PageDeps, redirectWithNotice, sendPage } from '../web.page';
import { rosterMessages } from './roster.i18n';
import { EMPTY_FORM, type OverrideRow, type RecordForm, RosterPage, type RosterView } from './roster.page';

export type RosterPagesDeps = PageDeps & {
  staffRepository: Pick<StaffRepository, 'findById' | 'list'>;
  rosterService: Pick<
    RosterService,
    'listRotationHistories' | 'listOverrides' | 'cancelOverride' | 'shiftsBetween'
  >;
  shiftsQuery: Pick<ShiftsQuery, 'listShifts'>;
  /** The use case behind POST /api/roster/overrides: stores it, and hands over cases if begun. */
  recordAbsence: (input: Omit<OverrideInput, 'createdBy'>, actor: Actor) => Promise<StoredOverride>;
  rosterImport: Pick<RosterImport, 'importCsv'>;
  calendarFeeds: Pick<CalendarFeeds, 'createFeed'>;
  clock: Clock;
};

/** A roster CSV of thousands of rows is far smaller; anything larger is refused unread. */
export const ROSTER_CSV_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The import form posts a file, so its fields (the form token among them) are read before the
 * console's token check; web.routes.tsx mounts this on POST /roster/import ahead of that check.
 */
export const readRosterImportForm = readMultipartForm({
  maxBytes: ROSTER_CSV_MAX_BYTES,
  onTooLarge: (_req, res) => redirectWithNotice(res, '/console/roster', { error: 'tooLarge' }),
});

/**
 * A refused form comes back as the page, with the reason in an alert beside the form. It is sent
 * as 200: browsers log a document answered 4xx as a console error, and a person reads the alert.
 */
const REFUSED = 200;

const DONE = ['recorded', 'cancelled', 'imported'] as const;
const ERRORS = ['ended', 'tooLarge', 'noCsv'] as const;

/** The week of shifts shown, and the default window of overrides around today. */
const WEEK_MS = 7 * DAY;
const DAYS_BEFORE = 7;
const DAYS_AFTER = 30;

type Extras = Partial<
  Pick<RosterView, 'form' | 'formError' | 'importProblems' | 'pasted' | 'feedUrl' | 'notice'>
>;

/** GET /console/roster and its forms: the same roster use cases as /api/roster. */
export function createRosterPagesRouter(deps: RosterPagesDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const admin = requireRole('admin');

  async function show(req: Request, res: Response, extras: Extras = {}, status = 200) {
    // A form's answer is this page too: the language switch must lead back to it, not to the post.
    const context = { ...(await loadPageContext(deps, req)), path: '/console/roster' };
    const t = rosterMessages(context.language);
    const now = deps.clock.now();
    const window = windowOf(req, now, context.zone);
    const [staff, rotations, week, listed] = await Promise.all([
      deps.staffRepository.list(),
      deps.rosterService.listRotationHistories(),
      deps.shiftsQuery.listShifts(now, new Date(now.getTime() + WEEK_MS)),
      deps.rosterService.listOverrides(window.from, window.to),
    ]);
    const { items: overrides, truncated } = listed;
    const absences = overrides.filter((each) => each.absentStaffId !== null && each.cancelledAt === null);
    // One resolution of the window tells, for every absence, whether a gap is left or who covers it.
    const segments =
      absences.length > 0 ? await deps.rosterService.shiftsBetween(window.from, window.to) : [];
    const names = new Map(staff.map((member) => [member.id, member.name]));
    const canRecord = isSupervisor(context.principal);
    // Position by position, so a reader follows who holds each through the week.
    week.sort(
      (a, b) =>
        POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position) || a.from.getTime() - b.from.getTime(),
    );
    const view: RosterView = {
      canRecord,
      canImport: context.principal.role === 'admin',
      canOwnFeed: context.principal.kind === 'staff',
      staff: [...staff].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)),
      names,
      week,
      window: { from: window.fromText, to: window.toText },
      overrides: overrides.map((override) => overrideRow(override, segments, names, now, canRecord, context)),
      overridesTruncated: truncated,
      rotations,
      form: EMPTY_FORM,
      formError: null,
      importProblems: null,
      pasted: '',
      feedUrl: null,
      notice: window.invalid ? { kind: 'error', text: t('error.window') } : noticeOf(req, t),
      ...extras,
    };
    sendPage(res, <RosterPage context={context} view={view} />, status);
  }

  router.get('/roster', (req, res) => show(req, res));

  router.post('/roster/overrides', supervisor, async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = rosterMessages(context.language);
    const form = formOf(req.body);
    const refuse = (key: Parameters<typeof t>[0]) =>
      show(req, res, { form, formError: t(key), notice: { kind: 'error', text: t(key) } }, REFUSED);
    const instant = (text: string) => fromLocalInput(text, context.zone)?.toISOString() ?? text;
    const idOf = (text: string) => (text === '' ? null : Number(text));
    // The API's own schema checks the form, so a page accepts exactly what the API does.
    const parsed = createOverrideSchema.safeParse({
      absentStaffId: idOf(form.absentStaffId),
      coverStaffId: idOf(form.coverStaffId),
      from: instant(form.from),
      to: instant(form.to),
      reason: form.reason,
      ...(form.position === '' ? {} : { position: form.position }),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      if (field === 'absentStaffId') {
        return refuse(
          form.absentStaffId === '' && form.coverStaffId === '' ? 'error.needPerson' : 'error.staff',
        );
      }
      if (field === 'coverStaffId') {
        return refuse(form.coverStaffId === form.absentStaffId ? 'error.samePerson' : 'error.staff');
      }
      if (field === 'reason') return refuse('error.reason');
      if (field === 'position') return refuse('error.staff');
      return refuse('error.times');
    }
    try {
      await deps.recordAbsence(parsed.data, actorOf(context.principal, 'console'));
    } catch (error) {
      if (error instanceof AppError && error.code === 'roster.unknown_staff') return refuse('error.staff');
      throw error;
    }
    redirectWithNotice(res, '/console/roster', { done: 'recorded' });
  });

  router.post('/roster/overrides/:id/cancel', supervisor, async (req, res) => {
    const id = overrideIdSchema.safeParse(req.params.id);
    if (!id.success) throw notFound('override.not_found', 'No such override');
    try {
      await deps.rosterService.cancelOverride(id.data);
    } catch (error) {
      if (error instanceof AppError && error.code === 'override.ended') {
        return redirectWithNotice(res, '/console/roster', { error: 'ended' });
      }
      throw error;
    }
    redirectWithNotice(res, '/console/roster', { done: 'cancelled' });
  });

  router.post('/roster/import', admin, async (req, res) => {
    const file = req.uploads?.get('file');
    const pasted = typeof req.body?.csv === 'string' ? req.body.csv : '';
    const text = file && file.text.trim() !== '' ? file.text : pasted;
    if (text.trim() === '') return redirectWithNotice(res, '/console/roster', { error: 'noCsv' });
    try {
      await deps.rosterImport.importCsv(text);
    } catch (error) {
      if (!(error instanceof RosterImportError)) throw error;
      // Shown again with every row's problem; what was pasted stays to be corrected.
      const t = rosterMessages((await loadPageContext(deps, req)).language);
      const notice = { kind: 'error' as const, text: t('problems', { count: error.problems.length }) };
      return show(req, res, { importProblems: error.problems, pasted, notice }, REFUSED);
    }
    redirectWithNotice(res, '/console/roster', { done: 'imported' });
  });

  // The secret address is shown once, in this answer; it never goes into a URL of the console.
  router.post('/roster/calendar', async (req, res) => {
    const principal = req.principal!;
    const staffId =
      req.body?.scope === 'all' ? null : principal.kind === 'staff' ? principal.staffId : undefined;
    if (staffId === undefined || !mayCreateFeed(principal, staffId)) {
      throw new AppError(403, 'auth.forbidden', 'This feed is not yours to make');
    }
    const feed = await deps.calendarFeeds.createFeed(staffId);
    await show(req, res, { feedUrl: feed.url });
  });

  return router;
}

function overrideRow(
  override: StoredOverride,
  segments: Segment[],
  names: Map<number, string>,
  now: Date,
  canRecord: boolean,
  context: PageContext,
): OverrideRow {
  const state = overrideState(override, now);
  const isAbsence = override.absentStaffId !== null && state !== 'cancelled';
  const coverage = isAbsence ? absenceCoverage(override, segments) : null;
  const open = canCancelOverride(state);
  const from = new Date(Math.max(Date.parse(override.from), now.getTime()));
  return {
    override,
    state,
    canCancel: canRecord && open,
    coverage: coverage && {
      gap: coverage.uncovered,
      coverNames: coverage.coverIds.map((id) => names.get(id) ?? `#${id}`),
    },
    coverSpan:
      canRecord && open && coverage?.uncovered
        ? { from: toLocalInput(from, context.zone), to: toLocalInput(new Date(override.to), context.zone) }
        : null,
  };
}

function formOf(body: unknown): RecordForm {
  const source = (body ?? {}) as Record<string, unknown>;
  const text = (key: keyof RecordForm) =>
    typeof source[key] === 'string' ? (source[key] as string).trim() : '';
  return {
    absentStaffId: text('absentStaffId'),
    coverStaffId: text('coverStaffId'),
    position: text('position'),
    from: text('from'),
    to: text('to'),
    reason: text('reason'),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The overrides' window from ?from&to (dates in the hotline's zone, `to` inclusive), else around today. */
function windowOf(req: Request, now: Date, zone: string) {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const fallback = {
    from: today.minus({ days: DAYS_BEFORE }),
    last: today.plus({ days: DAYS_AFTER }),
  };
  const { from: fromText, to: toText } = req.query;
  let chosen = fallback;
  let invalid = false;
  if (typeof fromText === 'string' && typeof toText === 'string') {
    const from = DATE.test(fromText) ? DateTime.fromISO(fromText, { zone }) : null;
    const last = DATE.test(toText) ? DateTime.fromISO(toText, { zone }) : null;
    const usable =
      from?.isValid &&
      last?.isValid &&
      windowProblem(from.toJSDate(), last.plus({ days: 1 }).toJSDate()) === null;
    if (usable) chosen = { from, last };
    else invalid = true;
  }
  return {
    from: chosen.from.toJSDate(),
    to: chosen.last.plus({ days: 1 }).toJSDate(),
    fromText: chosen.from.toISODate() ?? '',
    toText: chosen.last.toISODate() ?? '',
    invalid,
  };
}

function noticeOf(req: Request, t: ReturnType<typeof rosterMessages>) {
  const done = DONE.find((key) => key === req.query.done);
  if (done) return { kind: 'done' as const, text: t(`done.${done}` as const) };
  const error = ERRORS.find((key) => key === req.query.error);
  if (error) return { kind: 'error' as const, text: t(`error.${error}` as const) };
  return null;
}
