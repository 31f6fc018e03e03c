import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import { requireRole } from '../../auth/auth.middleware';
import { CAMPAIGN_STATUSES } from '../../campaigns/campaigns.models';
import { closeCampaignSchema, createCampaignSchema, linkCaseSchema } from '../../campaigns/campaigns.schemas';
import type { Campaigns } from '../../campaigns/campaigns.usecases';
import { actorOf } from '../../cases/cases.access';
import { refSchema } from '../../cases/cases.schemas';
import type { Categories } from '../../content/categories';
import type { Places } from '../../content/places';
import { type Clock, DAY } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { parseInput, routeParam } from '../../shared/http';
import { rowIdSchema } from '../../shared/schemas';
import type { StaffRepository } from '../../staff/staff.repository';
import { fromLocalInput } from '../format';
import { loadPageContext, type PageDeps, redirectWithNotice, sendPage } from '../web.page';
import { CampaignPage } from './campaign.page';
import { campaignsMessages, isCampaignsKey } from './campaigns.i18n';
import { CampaignsListPage } from './campaigns.list.page';

export type CampaignPagesDeps = PageDeps & {
  campaigns: Campaigns;
  staffRepository: Pick<StaffRepository, 'findById' | 'findByIds' | 'list'>;
  places: Pick<Places, 'list' | 'name'>;
  categories: Pick<Categories, 'list' | 'get'>;
  clock: Clock;
};

const LIST_SIZE = 100;
// The form's fields that say which field a refusal was about.
const FIELD_KEYS: Record<string, string> = {
  name: 'error.name',
  places: 'error.places',
  categories: 'error.categories',
  from: 'error.window',
  to: 'error.window',
  owner: 'error.owner',
  result: 'error.result',
  ref: 'error.ref',
};

/** A refusal as a message key for the URL (never the person's own text); the page shows the sentence. */
function errorKey(err: AppError): string {
  const field = (err.details as { field?: string } | undefined)?.field?.split('.')[0];
  if (err.code === 'request.invalid' && field && FIELD_KEYS[field]) return FIELD_KEYS[field];
  if (err.code === 'campaign.unknown_owner') return 'error.owner';
  if (err.code === 'campaign.unknown_place') return 'error.places';
  if (err.code === 'campaign.unknown_category') return 'error.categories';
  const key = `error.${err.code}`;
  return isCampaignsKey(key) ? key : 'error.refused';
}

const textField = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};
/** A group of checkboxes: none, one (a string) or several (an array). */
const checkedField = (body: unknown, name: string): string[] => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};
/** A datetime-local field as the API's instant text; an unreadable one stays as typed, for zod to refuse. */
const instantField = (body: unknown, name: string, zone: string) => {
  const value = textField(body, name) ?? '';
  return fromLocalInput(value, zone)?.toISOString() ?? value;
};

/** /console/campaigns and /console/campaigns/:id, over the same use cases as /api/campaigns. */
export function createCampaignPagesRouter(deps: CampaignPagesDeps): Router {
  const router = Router();
  router.use('/campaigns', requireRole('supervisor'));

  const noticeOf = (req: Request, t: ReturnType<typeof campaignsMessages>) => {
    const { done, error } = req.query;
    if (typeof error === 'string' && error.startsWith('error.') && isCampaignsKey(error))
      return { kind: 'error' as const, text: t(error) };
    if (typeof done === 'string' && done.startsWith('done.') && isCampaignsKey(done))
      return { kind: 'done' as const, text: t(done) };
    return null;
  };
  // An id that cannot exist is as absent as one that does not: the 404 page either way.
  const idOf = (req: Request) => {
    const parsed = rowIdSchema.safeParse(routeParam(req, 'id'));
    if (!parsed.success) throw new AppError(404, 'campaign.not_found', 'No such campaign');
    return parsed.data;
  };

  router.get('/campaigns', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = campaignsMessages(context.language);
    const status = CAMPAIGN_STATUSES.find((each) => each === req.query.status) ?? null;
    const [{ items }, everyone] = await Promise.all([
      deps.campaigns.list({ status: status ?? undefined }, { limit: LIST_SIZE }),
      deps.staffRepository.list(),
    ]);
    const from = DateTime.fromJSDate(deps.clock.now(), { zone: deps.zone }).startOf('day').toJSDate();
    sendPage(
      res,
      <CampaignsListPage
        context={context}
        view={{
          status,
          items,
          staff: new Map(everyone.map((member) => [member.id, member])),
          activeStaff: everyone.filter((member) => member.active),
          places: deps.places,
          categories: deps.categories,
          suggested: { from, to: new Date(from.getTime() + 30 * DAY) },
          notice: noticeOf(req, t),
        }}
      />,
    );
  });

  router.get('/campaigns/:id', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = campaignsMessages(context.language);
    const detail = await deps.campaigns.show(idOf(req));
    const owner = (await deps.staffRepository.findById(detail.campaign.ownerId)) ?? null;
    sendPage(
      res,
      <CampaignPage
        context={context}
        view={{
          detail,
          owner,
          places: deps.places,
          categories: deps.categories,
          notice: noticeOf(req, t),
        }}
      />,
    );
  });

  /**
   * A form's post: the use case runs as the signed-in person on the console channel, and the answer
   * is a 303 to `path` saying what happened. An unknown campaign stays the 404 page.
   */
  async function runForm(res: Response, path: string, done: string, work: () => Promise<unknown>) {
    let target = path;
    try {
      const result = await work();
      // A page path when the form made something to go to (a new campaign), else back where it was.
      if (typeof result === 'string') target = result;
    } catch (err) {
      if (
        err instanceof AppError &&
        err.status !== 401 &&
        err.status !== 403 &&
        err.code !== 'campaign.not_found'
      ) {
        return redirectWithNotice(res, path, { error: errorKey(err) });
      }
      throw err;
    }
    redirectWithNotice(res, target, { done });
  }
  const actor = (req: Request) => actorOf(req.principal!, 'console');

  router.post('/campaigns', (req, res) =>
    runForm(res, '/console/campaigns', 'done.created', async () => {
      const input = parseInput(createCampaignSchema, {
        name: textField(req.body, 'name'),
        places: checkedField(req.body, 'places'),
        categories: checkedField(req.body, 'categories'),
        from: instantField(req.body, 'from', deps.zone),
        to: instantField(req.body, 'to', deps.zone),
        owner: textField(req.body, 'owner'),
      });
      const created = await deps.campaigns.create(input, actor(req));
      return `/console/campaigns/${created.id}`;
    }),
  );

  router.post('/campaigns/:id/close', (req, res) => {
    const id = idOf(req);
    return runForm(res, `/console/campaigns/${id}`, 'done.closed', async () => {
      const { result } = parseInput(closeCampaignSchema, { result: textField(req.body, 'result') });
      await deps.campaigns.close(id, result, actor(req));
    });
  });

  router.post('/campaigns/:id/cases', (req, res) => {
    const id = idOf(req);
    return runForm(res, `/console/campaigns/${id}`, 'done.linked', async () => {
      const { ref } = parseInput(linkCaseSchema, { ref: textField(req.body, 'ref')?.trim() });
      await deps.campaigns.link(id, ref, actor(req));
    });
  });

  router.post('/campaigns/:id/cases/:ref/unlink', (req, res) => {
    const id = idOf(req);
    return runForm(res, `/console/campaigns/${id}`, 'done.unlinked', async () => {
      const ref = parseInput(refSchema, routeParam(req, 'ref'), 'request.invalid');
      await deps.campaigns.unlink(id, ref, actor(req));
    });
  });

  return router;
}
