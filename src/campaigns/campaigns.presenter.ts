import { formatTime } from '../shared/time-format';
import type { Staff } from '../staff/staff.models';
import type { Campaign, PeriodFigure } from './campaigns.models';
import type { CampaignDetail } from './campaigns.usecases';

export interface PresentCampaignContext {
  zone: string;
  staff: Map<number, Staff>;
}

/** The campaign as the API shows it, times in the hotline's zone with their offset. */
export function presentCampaign(campaign: Campaign, { zone, staff }: PresentCampaignContext) {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    places: campaign.places,
    categories: campaign.categories,
    from: formatTime(campaign.from, zone),
    to: formatTime(campaign.to, zone),
    owner: { id: campaign.ownerId, name: staff.get(campaign.ownerId)?.name ?? null },
    result: campaign.result,
    closedAt: formatTime(campaign.closedAt, zone),
    createdAt: formatTime(campaign.createdAt, zone),
  };
}

function presentPeriod(period: PeriodFigure, zone: string) {
  return {
    from: formatTime(period.from, zone),
    to: formatTime(period.to, zone),
    countedTo: formatTime(period.countedTo, zone),
    partial: period.partial,
    count: period.count,
  };
}

/** GET /api/campaigns/:id: the campaign, its figures, the cases linked and its audit trail. */
export function presentCampaignDetail(detail: CampaignDetail, context: PresentCampaignContext) {
  const { figures } = detail;
  const time = (iso: string) => formatTime(iso, context.zone);
  return {
    ...presentCampaign(detail.campaign, context),
    figures: {
      before: presentPeriod(figures.before, context.zone),
      during: presentPeriod(figures.during, context.zone),
      after: presentPeriod(figures.after, context.zone),
      byPlace: figures.byPlace,
      open: figures.open,
      linked: figures.linked,
      result: figures.result,
    },
    cases: detail.cases.map((linked) => ({
      ref: linked.ref,
      status: linked.status,
      category: linked.category,
      place: linked.place,
      placeId: linked.placeId,
      createdAt: time(linked.createdAt),
      linkedBy: linked.linkedBy,
    })),
    events: detail.events.map((event) => ({
      at: time(event.at),
      type: event.type,
      staffId: event.staffId,
      channel: event.channel,
      data: event.data,
    })),
  };
}
