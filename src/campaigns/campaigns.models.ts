export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A rectification campaign: its places (gazetteer ids) and categories, worked on over [from, to). */
export interface Campaign {
  id: number;
  name: string;
  places: string[];
  categories: string[];
  from: string;
  to: string;
  ownerId: number;
  status: CampaignStatus;
  result: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface CampaignEvent {
  id: number;
  at: string;
  type: 'created' | 'updated' | 'closed' | 'case_linked' | 'case_unlinked';
  staffId: number | null;
  channel: string;
  data: Record<string, unknown>;
}

/**
 * One of the three windows the figures compare. Complaints are counted over [from, countedTo):
 * `countedTo` is `to`, or now while the window is still running (then `partial`).
 */
export interface Period {
  from: string;
  to: string;
  countedTo: string;
  partial: boolean;
}

export interface CampaignPeriods {
  before: Period;
  during: Period;
  after: Period;
}

function periodOf(from: number, to: number, now: number): Period {
  const countedTo = Math.min(Math.max(now, from), to);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    countedTo: new Date(countedTo).toISOString(),
    partial: countedTo < to,
  };
}

/**
 * Before is the window of the campaign's length that ends where it starts, after the one that
 * starts where it ends: the same length, so the three volumes compare as they are. None is counted
 * past now, so a campaign's "after" grows until it is as long as the campaign.
 */
export function campaignPeriods(campaign: Pick<Campaign, 'from' | 'to'>, now: Date): CampaignPeriods {
  const from = Date.parse(campaign.from);
  const to = Date.parse(campaign.to);
  const length = to - from;
  const at = now.getTime();
  return {
    before: periodOf(from - length, from, at),
    during: periodOf(from, to, at),
    after: periodOf(to, to + length, at),
  };
}

/** Complaints in the campaign's places × categories per period, each by gazetteer place id. */
export type VolumesByPlace = Record<keyof CampaignPeriods, Map<string, number>>;

export interface PeriodFigure extends Period {
  count: number;
}

export interface PlaceFigure {
  placeId: string;
  before: number;
  during: number;
  after: number;
  /** Open cases linked to the campaign at this place. */
  open: number;
}

export interface CampaignFigures {
  before: PeriodFigure;
  during: PeriodFigure;
  after: PeriodFigure;
  byPlace: PlaceFigure[];
  /** Cases linked to the campaign (in scope or by hand) still open. */
  open: number;
  /** Cases linked to the campaign, in scope or by hand, less those taken out by hand. */
  linked: number;
  result: string | null;
}

/** A total over places (complaints of a period, open cases). */
export const sumCounts = (counts: Map<unknown, number>) =>
  [...counts.values()].reduce((sum, count) => sum + count, 0);

/**
 * The campaign's page: volumes before, during and after over its places × categories (comparable
 * windows, so hand links do not count here), its linked and open cases, and the closing result.
 */
export function buildCampaignFigures(
  campaign: Pick<Campaign, 'places' | 'result'>,
  periods: CampaignPeriods,
  volumes: VolumesByPlace,
  linked: { total: number; openByPlace: Map<string | null, number> },
): CampaignFigures {
  const figure = (key: keyof CampaignPeriods): PeriodFigure => ({
    ...periods[key],
    count: sumCounts(volumes[key]),
  });
  return {
    before: figure('before'),
    during: figure('during'),
    after: figure('after'),
    byPlace: campaign.places.map((placeId) => ({
      placeId,
      before: volumes.before.get(placeId) ?? 0,
      during: volumes.during.get(placeId) ?? 0,
      after: volumes.after.get(placeId) ?? 0,
      open: linked.openByPlace.get(placeId) ?? 0,
    })),
    open: sumCounts(linked.openByPlace),
    linked: linked.total,
    result: campaign.result,
  };
}
