import { type Request, type Response, Router } from 'express';
import { principalOf } from '../auth/auth.middleware';
import { actorOf } from '../cases/cases.access';
import { refSchema } from '../cases/cases.schemas';
import { notFound } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import { rowIdSchema } from '../shared/schemas';
import type { StaffRepository } from '../staff/staff.repository';
import type { Campaign } from './campaigns.models';
import { presentCampaign, presentCampaignDetail } from './campaigns.presenter';
import {
  createCampaignSchema,
  linkCaseSchema,
  listCampaignsQuerySchema,
  updateCampaignSchema,
} from './campaigns.schemas';
import type { Campaigns } from './campaigns.usecases';

export interface CampaignsRouterDeps {
  campaigns: Campaigns;
  staffRepository: Pick<StaffRepository, 'findByIds'>;
  zone: string;
}

/** Mounted at /api/campaigns behind authentication and the supervisor role. */
export function createCampaignsRouter({ campaigns, staffRepository, zone }: CampaignsRouterDeps) {
  const router = Router();

  // An id that cannot exist is as absent as one that does not.
  const idOf = (req: Request) => {
    const parsed = rowIdSchema.safeParse(routeParam(req, 'id'));
    if (!parsed.success) throw notFound('campaign.not_found', 'No such campaign');
    return parsed.data;
  };
  const contextFor = async (found: Campaign[]) => ({
    zone,
    staff: await staffRepository.findByIds([...new Set(found.map((campaign) => campaign.ownerId))]),
  });
  const actor = (req: Request) => actorOf(principalOf(req), 'api');
  const sendCampaign = async (res: Response, id: number) => {
    const detail = await campaigns.show(id);
    res.json(presentCampaignDetail(detail, await contextFor([detail.campaign])));
  };

  router.post('/', async (req, res) => {
    const input = parseInput(createCampaignSchema, req.body);
    const created = await campaigns.create(input, actor(req));
    res.status(201);
    await sendCampaign(res, created.id);
  });

  router.get('/', async (req, res) => {
    const { status, limit, cursor } = parseInput(listCampaignsQuerySchema, req.query);
    const { items, next } = await campaigns.list({ status }, { limit, cursor });
    const context = await contextFor(items);
    res.json({ items: items.map((campaign) => presentCampaign(campaign, context)), next });
  });

  router.get('/:id', async (req, res) => {
    await sendCampaign(res, idOf(req));
  });

  router.patch('/:id', async (req, res) => {
    const id = idOf(req);
    const input = parseInput(updateCampaignSchema, req.body);
    await campaigns.update(id, input, actor(req));
    await sendCampaign(res, id);
  });

  router.post('/:id/cases', async (req, res) => {
    const id = idOf(req);
    const { ref } = parseInput(linkCaseSchema, req.body);
    await campaigns.link(id, ref, actor(req));
    await sendCampaign(res, id);
  });

  router.delete('/:id/cases/:ref', async (req, res) => {
    const id = idOf(req);
    const ref = refSchema.safeParse(routeParam(req, 'ref'));
    if (!ref.success) throw notFound('case.not_found', 'No such case');
    await campaigns.unlink(id, ref.data, actor(req));
    await sendCampaign(res, id);
  });

  return router;
}
