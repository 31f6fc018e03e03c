import type { Actor } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import { AppError, badRequest, conflict, notFound } from '../shared/errors';
import { windowProblem } from '../shared/time-window';
import type { StaffRepository } from '../staff/staff.repository';
import {
  buildCampaignFigures,
  type Campaign,
  type CampaignEvent,
  type CampaignFigures,
  type CampaignStatus,
  campaignPeriods,
  sumCounts,
} from './campaigns.models';
import type { CampaignsRepository, LinkedCase } from './campaigns.repository';
import type { CreateCampaignInput, UpdateCampaignInput } from './campaigns.schemas';

export interface CampaignsDeps {
  db: Db;
  campaignsRepository: CampaignsRepository;
  /** The counts, read where the long reports read (see ContainerInput.reportsDb). */
  campaignFigures: Pick<CampaignsRepository, 'countVolumesByPlace' | 'countLinkedCases' | 'listOverlapping'>;
  casesRepository: Pick<CasesRepository, 'findByRef' | 'appendEvent'>;
  staffRepository: Pick<StaffRepository, 'findById'>;
  places: Pick<Places, 'get'>;
  categories: Pick<Categories, 'get'>;
  clock: Clock;
}

/** How many linked cases a campaign's page lists; the figures count them all. */
export const LINKED_CASES_SHOWN = 200;

export interface CampaignDetail {
  campaign: Campaign;
  figures: CampaignFigures;
  cases: LinkedCase[];
  events: CampaignEvent[];
}

/** Rectification campaigns (SPEC §17): each change in one transaction with its audit event. */
export function createCampaigns({
  db,
  campaignsRepository,
  campaignFigures,
  casesRepository,
  staffRepository,
  places,
  categories,
  clock,
}: CampaignsDeps) {
  async function findOrFail(id: number, trx: DbOrTransaction = db): Promise<Campaign> {
    const found = await campaignsRepository.findById(id, trx);
    if (!found) throw notFound('campaign.not_found', `No campaign ${id}`);
    return found;
  }

  async function figuresOf(campaign: Campaign): Promise<CampaignFigures> {
    const periods = campaignPeriods(campaign, clock.now());
    const volumes = (key: keyof typeof periods) =>
      campaignFigures.countVolumesByPlace(campaign, periods[key].from, periods[key].countedTo);
    const [before, during, after, linked] = await Promise.all([
      volumes('before'),
      volumes('during'),
      volumes('after'),
      campaignFigures.countLinkedCases(campaign),
    ]);
    return buildCampaignFigures(campaign, periods, { before, during, after }, linked);
  }

  /** Places and categories must be the bureau's, and the owner someone still on the staff. */
  async function checkScope(input: { places?: string[]; categories?: string[]; owner?: number }) {
    const unknownPlace = input.places?.find((placeId) => !places.get(placeId));
    if (unknownPlace) {
      throw badRequest('campaign.unknown_place', `Unknown place ${unknownPlace}; see flows/places.json`);
    }
    const unknownCategory = input.categories?.find((category) => !categories.get(category));
    if (unknownCategory) {
      throw badRequest('campaign.unknown_category', `Unknown category ${unknownCategory}`);
    }
    if (input.owner === undefined) return;
    const owner = await staffRepository.findById(input.owner);
    if (!owner?.active) {
      throw badRequest('campaign.unknown_owner', `No active staff member ${input.owner}`);
    }
  }

  async function closeIn(trx: DbOrTransaction, id: number, result: string, actor: Actor) {
    const at = clock.now().toISOString();
    const closed = await campaignsRepository.close(trx, id, result, at);
    if (!closed) throw new AppError(409, 'campaign.closed', `Campaign ${id} is already closed`);
    await campaignsRepository.appendEvent(trx, {
      campaignId: id,
      at,
      type: 'closed',
      actor,
      data: { result },
    });
    return closed;
  }

  /** A link or unlink by hand: the campaign must still be open, and the change goes on both trails. */
  async function changeLink(id: number, ref: string, actor: Actor, included: boolean): Promise<Campaign> {
    return db.transaction().execute(async (trx) => {
      const campaign = await findOrFail(id, trx);
      if (campaign.status === 'closed') {
        throw conflict('campaign.closed', `Campaign ${id} is closed; its cases no longer change`);
      }
      const found = await casesRepository.findByRef(ref, trx);
      if (!found) throw notFound('case.not_found', `No case ${ref}`);
      if (found.status === 'merged') {
        throw conflict('campaign.case_merged', `Case ${ref} is merged; link the case it joined`);
      }
      const linked = await campaignsRepository.isLinked(trx, campaign, found.id);
      if (included && linked) {
        throw conflict('campaign.case_linked', `Case ${ref} is already linked to campaign ${id}`);
      }
      if (!included && !linked) {
        throw notFound('campaign.case_not_linked', `Case ${ref} is not linked to campaign ${id}`);
      }
      const at = clock.now().toISOString();
      await campaignsRepository.setHandLink(trx, { campaignId: id, caseId: found.id, included, at });
      await campaignsRepository.appendEvent(trx, {
        campaignId: id,
        at,
        type: included ? 'case_linked' : 'case_unlinked',
        actor,
        data: { ref },
      });
      await casesRepository.appendEvent(trx, {
        caseId: found.id,
        at,
        type: included ? 'campaign_linked' : 'campaign_unlinked',
        actor,
        data: { campaignId: id, name: campaign.name },
      });
      return campaign;
    });
  }

  return {
    async create(input: CreateCampaignInput, actor: Actor): Promise<Campaign> {
      await checkScope(input);
      return db.transaction().execute(async (trx) => {
        const at = clock.now().toISOString();
        const data = {
          name: input.name,
          places: input.places,
          categories: input.categories,
          from: input.from.toISOString(),
          to: input.to.toISOString(),
          ownerId: input.owner,
        };
        const campaign = await campaignsRepository.insert(trx, { ...data, createdAt: at });
        await campaignsRepository.appendEvent(trx, {
          campaignId: campaign.id,
          at,
          type: 'created',
          actor,
          data,
        });
        return campaign;
      });
    },

    list(filters: { status?: CampaignStatus }, page: { limit: number; cursor?: number }) {
      return campaignsRepository.list(filters, page);
    },

    async show(id: number): Promise<CampaignDetail> {
      const campaign = await findOrFail(id);
      const [figures, cases, events] = await Promise.all([
        figuresOf(campaign),
        campaignsRepository.listLinkedCases(campaign, LINKED_CASES_SHOWN),
        campaignsRepository.listEvents(id),
      ]);
      return { campaign, figures, cases, events };
    },

    async close(id: number, result: string, actor: Actor): Promise<Campaign> {
      return db.transaction().execute(async (trx) => {
        await findOrFail(id, trx);
        return closeIn(trx, id, result, actor);
      });
    },

    /**
     * Corrects an open campaign (one `updated` event holding each change, from and to) and/or
     * closes it. A closed campaign no longer changes: its figures are what the bureau reported.
     */
    async update(id: number, input: UpdateCampaignInput, actor: Actor): Promise<Campaign> {
      await checkScope(input);
      return db.transaction().execute(async (trx) => {
        const found = await findOrFail(id, trx);
        if (found.status === 'closed') {
          throw conflict('campaign.closed', `Campaign ${id} is closed; it no longer changes`);
        }
        const wanted = {
          name: input.name,
          places: input.places,
          categories: input.categories,
          from: input.from?.toISOString(),
          to: input.to?.toISOString(),
          ownerId: input.owner,
        };
        const problem = windowProblem(new Date(wanted.from ?? found.from), new Date(wanted.to ?? found.to));
        if (problem) throw badRequest('request.invalid', problem, { field: 'to' });
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [field, to] of Object.entries(wanted)) {
          const from = found[field as keyof typeof wanted];
          if (to !== undefined && JSON.stringify(to) !== JSON.stringify(from)) changes[field] = { from, to };
        }
        let campaign = found;
        if (Object.keys(changes).length > 0) {
          const fields = Object.fromEntries(Object.entries(changes).map(([field, { to }]) => [field, to]));
          const updated = await campaignsRepository.update(trx, id, fields);
          if (!updated) throw conflict('campaign.closed', `Campaign ${id} is closed; it no longer changes`);
          campaign = updated;
          const at = clock.now().toISOString();
          await campaignsRepository.appendEvent(trx, {
            campaignId: id,
            at,
            type: 'updated',
            actor,
            data: changes,
          });
        }
        return input.result === undefined ? campaign : closeIn(trx, id, input.result, actor);
      });
    },

    link: (id: number, ref: string, actor: Actor) => changeLink(id, ref, actor, true),
    unlink: (id: number, ref: string, actor: Actor) => changeLink(id, ref, actor, false),

    /** The campaigns the hotspot report for [from, to) names: each with its complaints during it. */
    async listOverlapping(from: Date, to: Date): Promise<{ campaign: Campaign; during: number }[]> {
      const found = await campaignFigures.listOverlapping(from.toISOString(), to.toISOString());
      return Promise.all(
        found.map(async (campaign) => {
          const { during } = campaignPeriods(campaign, clock.now());
          const counts = await campaignFigures.countVolumesByPlace(campaign, during.from, during.countedTo);
          return { campaign, during: sumCounts(counts) };
        }),
      );
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
