import { type Request, type Response, Router } from 'express';
import type { Case } from '../../cases/cases.models';
import { callbackSchema, refSchema, textSchema } from '../../cases/cases.schemas';
import type { CaseService } from '../../cases/cases.usecases';
import type { Categories } from '../../content/categories';
import type { StaffAppraisals } from '../../reports/appraisal/appraisal.usecases';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { pendingDeadline } from '../../sla/sla.models';
import { currentMonthWindow } from '../reports/appraisal/appraisal.routes';
import { loadPageContext, type PageDeps, redirectWithNotice, sendPage } from '../web.page';
import { myMessages } from './my.i18n';
import { type MyCase, MyPage } from './my.page';

export type MyRoutesDeps = PageDeps & {
  caseService: Pick<
    CaseService,
    'listHeldOpen' | 'listClaimable' | 'claim' | 'acknowledge' | 'recordResult' | 'addNote' | 'logCallback'
  >;
  categories: Pick<Categories, 'name'>;
  staffAppraisals: Pick<StaffAppraisals, 'buildStaffAppraisal'>;
  clock: Clock;
};

/** An officer works through this many at a time; the total says when there are more. */
const HELD_SHOWN = 100;
const CLAIMABLE_SHOWN = 20;

const DONE = ['acknowledged', 'resolved', 'noted', 'callback', 'claimed'] as const;
type Done = (typeof DONE)[number];
const ERRORS = ['transition', 'taken', 'text', 'outcome', 'unassigned'] as const;
type Refusal = (typeof ERRORS)[number];

/** The refusals an officer can meet in ordinary work, shown on the page; anything else is an error page. */
const REFUSALS: Record<string, Refusal> = {
  'case.invalid_transition': 'transition',
  'case.already_assigned': 'taken',
  'case.unassigned': 'unassigned',
};

/** GET /console/my and the steps posted from it: the same case use cases as the API and SMS. */
export function createMyRouter(deps: MyRoutesDeps): Router {
  const router = Router();

  router.get('/my', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = myMessages(context.language);
    const { principal } = context;
    const month = currentMonthWindow(deps.clock.now(), deps.zone);
    const [held, claimable, appraisal] = await Promise.all([
      deps.caseService.listHeldOpen(principal, HELD_SHOWN),
      deps.caseService.listClaimable(principal, CLAIMABLE_SHOWN),
      // The officer's own row of the appraisal, by the same use case as GET /api/reports/staff.
      principal.kind === 'staff'
        ? deps.staffAppraisals.buildStaffAppraisal(month.from, month.to, { only: principal.staffId })
        : null,
    ]);
    const now = deps.clock.now().toISOString();
    const view = (found: Case): MyCase => {
      const deadline = pendingDeadline(found);
      return {
        found,
        categoryName: deps.categories.name(found.category, context.language),
        deadline,
        overdue: deadline !== null && deadline.at < now,
      };
    };
    sendPage(
      res,
      <MyPage
        context={context}
        view={{
          isStaff: context.principal.kind === 'staff',
          held: { items: held.items.map(view), total: held.total },
          claimable: { ...claimable, items: claimable.items.map(view) },
          appraisal: appraisal?.staff[0] ?? null,
          notice: noticeOf(req, t),
        }}
      />,
    );
  });

  /** Runs one step on a case and goes back to the list, saying what happened or why not. */
  async function step(req: Request, res: Response, done: Done, work: (ref: string) => Promise<unknown>) {
    const ref = refOf(req);
    const back = `/console/my?case=${ref}`;
    try {
      await work(ref);
    } catch (error) {
      const refusal = error instanceof AppError ? REFUSALS[error.code] : undefined;
      if (!refusal) throw error;
      return redirectWithNotice(res, back, { error: refusal });
    }
    redirectWithNotice(res, back, { done });
  }

  const refused = (res: Response, ref: string, error: Refusal) =>
    redirectWithNotice(res, `/console/my?case=${ref}`, { error });

  router.post('/my/:ref/acknowledge', (req, res) =>
    step(req, res, 'acknowledged', (ref) => deps.caseService.acknowledge(ref, req.principal!, 'console')),
  );

  router.post('/my/:ref/claim', (req, res) =>
    step(req, res, 'claimed', (ref) => deps.caseService.claim(ref, req.principal!, 'console')),
  );

  router.post('/my/:ref/result', async (req, res) => {
    const text = textSchema.safeParse({ text: req.body?.text });
    if (!text.success) return refused(res, refOf(req), 'text');
    await step(req, res, 'resolved', (ref) =>
      deps.caseService.recordResult(ref, text.data.text, req.principal!, 'console'),
    );
  });

  router.post('/my/:ref/note', async (req, res) => {
    const text = textSchema.safeParse({ text: req.body?.text });
    if (!text.success) return refused(res, refOf(req), 'text');
    await step(req, res, 'noted', (ref) =>
      deps.caseService.addNote(ref, text.data.text, req.principal!, 'console'),
    );
  });

  router.post('/my/:ref/callback', async (req, res) => {
    const log = callbackSchema.safeParse({ outcome: req.body?.outcome, note: req.body?.note ?? '' });
    if (!log.success) return refused(res, refOf(req), 'outcome');
    await step(req, res, 'callback', (ref) =>
      deps.caseService.logCallback(ref, log.data, req.principal!, 'console'),
    );
  });

  return router;
}

/** A reference that is not one names no case: the same 404 as a case that is not the viewer's. */
function refOf(req: Request): string {
  const ref = refSchema.safeParse(req.params.ref);
  if (!ref.success) throw new AppError(404, 'case.not_found', 'No such case');
  return ref.data;
}

function noticeOf(req: Request, t: ReturnType<typeof myMessages>) {
  const ref = refSchema.safeParse(req.query.case);
  if (!ref.success) return null;
  const done = DONE.find((key) => key === req.query.done);
  if (done) return { kind: 'done' as const, text: t(`done.${done}` as const, { ref: ref.data }) };
  const error = ERRORS.find((key) => key === req.query.error);
  if (error) return { kind: 'error' as const, text: t(`error.${error}` as const, { ref: ref.data }) };
  return null;
}
