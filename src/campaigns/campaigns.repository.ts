import type { Selectable } from 'kysely';
import { type Actor, type CaseStatus, OPEN_STATUSES } from '../cases/cases.models';
import type { Db, DbOrTransaction } from '../shared/db';
import type { CampaignEventsTable, CampaignsTable } from '../shared/db.schema';
import type { Campaign, CampaignEvent, CampaignStatus } from './campaigns.models';

function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id,
    name: row.name,
    places: JSON.parse(row.places) as string[],
    categories: JSON.parse(row.categories) as string[],
    from: row.starts_at,
    to: row.ends_at,
    ownerId: row.owner_id,
    status: row.status,
    result: row.result,
    closedAt: row.closed_at,
    createdAt: row.created_at,
  };
}

function toEvent(row: Selectable<CampaignEventsTable>): CampaignEvent {
  return {
    id: row.id,
    at: row.at,
    type: row.type as CampaignEvent['type'],
    staffId: row.actor_id,
    channel: row.channel,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export interface NewCampaign {
  name: string;
  places: string[];
  categories: string[];
  from: string;
  to: string;
  ownerId: number;
  createdAt: string;
}

/** A case linked to a campaign: by its scope, or by hand. */
export interface LinkedCase {
  id: number;
  ref: string;
  status: CaseStatus;
  category: string;
  place: string | null;
  placeId: string | null;
  createdAt: string;
  linkedBy: 'scope' | 'hand';
}

type Scope = Pick<Campaign, 'id' | 'places' | 'categories' | 'from' | 'to'>;

/**
 * The cases linked to a campaign: those it links by hand, and those in its places × categories
 * created in its window that were not taken out by hand. The scope is read at every query, never
 * copied, so a case triage moves into a campaign's places or categories is linked at once.
 * A merged case is part of the case it joined, as in the hotspot report: never linked, never counted.
 */
function linkedCasesOf(db: DbOrTransaction, campaign: Scope) {
  return db
    .selectFrom('cases')
    .leftJoin('campaign_cases as link', (join) =>
      join.onRef('link.case_id', '=', 'cases.id').on('link.campaign_id', '=', campaign.id),
    )
    .where('cases.status', '!=', 'merged')
    .where((eb) =>
      eb.or([
        eb('link.included', '=', 1),
        eb.and([
          eb('link.included', 'is', null),
          eb('cases.place_id', 'in', campaign.places),
          eb('cases.category', 'in', campaign.categories),
          eb('cases.created_at', '>=', campaign.from),
          eb('cases.created_at', '<', campaign.to),
        ]),
      ]),
    );
}

const count = (value: number | string | bigint) => Number(value);

/** The only writer of campaigns, campaign_cases and campaign_events. */
export function createCampaignsRepository({ db }: { db: Db }) {
  return {
    async insert(trx: DbOrTransaction, campaign: NewCampaign): Promise<Campaign> {
      const row = await trx
        .insertInto('campaigns')
        .values({
          name: campaign.name,
          places: JSON.stringify(campaign.places),
          categories: JSON.stringify(campaign.categories),
          starts_at: campaign.from,
          ends_at: campaign.to,
          owner_id: campaign.ownerId,
          status: 'open',
          created_at: campaign.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCampaign(row);
    },

    /** Corrects an open campaign's fields; undefined when it was closed meanwhile. */
    async update(
      trx: DbOrTransaction,
      id: number,
      fields: Partial<Omit<NewCampaign, 'createdAt'>>,
    ): Promise<Campaign | undefined> {
      const row = await trx
        .updateTable('campaigns')
        .set({
          ...(fields.name !== undefined ? { name: fields.name } : {}),
          ...(fields.places !== undefined ? { places: JSON.stringify(fields.places) } : {}),
          ...(fields.categories !== undefined ? { categories: JSON.stringify(fields.categories) } : {}),
          ...(fields.from !== undefined ? { starts_at: fields.from } : {}),
          ...(fields.to !== undefined ? { ends_at: fields.to } : {}),
          ...(fields.ownerId !== undefined ? { owner_id: fields.ownerId } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirst();
      return row && toCampaign(row);
    },

    /** Closes an open campaign; undefined when it was closed already (by this or another request). */
    async close(trx: DbOrTransaction, id: number, result: string, at: string): Promise<Campaign | undefined> {
      const row = await trx
        .updateTable('campaigns')
        .set({ status: 'closed', result, closed_at: at })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirst();
      return row && toCampaign(row);
    },

    async appendEvent(
      trx: DbOrTransaction,
      event: { campaignId: number; at: string; type: CampaignEvent['type']; actor: Actor; data?: object },
    ): Promise<void> {
      await trx
        .insertInto('campaign_events')
        .values({
          campaign_id: event.campaignId,
          at: event.at,
          type: event.type,
          actor_id: event.actor.staffId,
          channel: event.actor.channel,
          data: JSON.stringify(event.data ?? {}),
        })
        .execute();
    },

    async listEvents(campaignId: number): Promise<CampaignEvent[]> {
      const rows = await db
        .selectFrom('campaign_events')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },

    async findById(id: number, trx: DbOrTransaction = db): Promise<Campaign | undefined> {
      const row = await trx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCampaign(row);
    },

    /** Newest first, paged by id: `cursor` is the last id of the previous page. */
    async list(
      filters: { status?: CampaignStatus },
      page: { limit: number; cursor?: number },
    ): Promise<{ items: Campaign[]; next: number | null }> {
      let query = db.selectFrom('campaigns').selectAll();
      if (filters.status) query = query.where('status', '=', filters.status);
      if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(page.limit + 1)
        .execute();
      const items = rows.slice(0, page.limit).map(toCampaign);
      return { items, next: rows.length > page.limit ? items[items.length - 1].id : null };
    },

    /** Campaigns whose window shares an instant with [from, to), by their start. */
    async listOverlapping(from: string, to: string): Promise<Campaign[]> {
      const rows = await db
        .selectFrom('campaigns')
        .selectAll()
        .where('starts_at', '<', to)
        .where('ends_at', '>', from)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toCampaign);
    },

    /** Whether the case is linked (1) or taken out (0) by hand; undefined when neither. */
    async findHandLink(
      trx: DbOrTransaction,
      campaignId: number,
      caseId: number,
    ): Promise<boolean | undefined> {
      const row = await trx
        .selectFrom('campaign_cases')
        .select('included')
        .where('campaign_id', '=', campaignId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return row && row.included === 1;
    },

    async setHandLink(
      trx: DbOrTransaction,
      link: { campaignId: number; caseId: number; included: boolean; at: string },
    ): Promise<void> {
      const included = link.included ? 1 : 0;
      await trx
        .insertInto('campaign_cases')
        .values({ campaign_id: link.campaignId, case_id: link.caseId, included, at: link.at })
        .onConflict((conflict) =>
          conflict.columns(['campaign_id', 'case_id']).doUpdateSet({ included, at: link.at }),
        )
        .execute();
    },

    async isLinked(trx: DbOrTransaction, campaign: Scope, caseId: number): Promise<boolean> {
      const row = await linkedCasesOf(trx, campaign)
        .select('cases.id')
        .where('cases.id', '=', caseId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The linked cases, newest first, at most `limit` of them. */
    async listLinkedCases(campaign: Scope, limit: number): Promise<LinkedCase[]> {
      const rows = await linkedCasesOf(db, campaign)
        .select([
          'cases.id',
          'cases.ref',
          'cases.status',
          'cases.category',
          'cases.place',
          'cases.place_id',
          'cases.created_at',
          'link.included',
        ])
        .orderBy('cases.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        ref: row.ref,
        status: row.status as CaseStatus,
        category: row.category,
        place: row.place,
        placeId: row.place_id,
        createdAt: row.created_at,
        linkedBy: row.included === 1 ? 'hand' : 'scope',
      }));
    },

    /** How many cases are linked, and how many of them are open at each place (null: no place). */
    async countLinkedCases(
      campaign: Scope,
    ): Promise<{ total: number; openByPlace: Map<string | null, number> }> {
      const [total, open] = await Promise.all([
        linkedCasesOf(db, campaign)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow(),
        linkedCasesOf(db, campaign)
          .select((eb) => ['cases.place_id', eb.fn.countAll<number>().as('count')])
          .where('cases.status', 'in', OPEN_STATUSES)
          .groupBy('cases.place_id')
          .execute(),
      ]);
      return {
        total: count(total.count),
        openByPlace: new Map(open.map((row) => [row.place_id, count(row.count)])),
      };
    },

    /** Complaints in these places × categories created in [from, to), by place id. */
    async countVolumesByPlace(
      scope: Pick<Campaign, 'places' | 'categories'>,
      from: string,
      to: string,
    ): Promise<Map<string, number>> {
      if (from >= to) return new Map();
      const rows = await db
        .selectFrom('cases')
        .select((eb) => ['place_id', eb.fn.countAll<number>().as('count')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .where('status', '!=', 'merged')
        .where('place_id', 'in', scope.places)
        .where('category', 'in', scope.categories)
        .groupBy('place_id')
        .execute();
      return new Map(rows.map((row) => [row.place_id as string, count(row.count)]));
    },
  };
}

export type CampaignsRepository = ReturnType<typeof createCampaignsRepository>;
