import type { CampaignStatus } from '../../campaigns/campaigns.models';
import type { Campaigns } from '../../campaigns/campaigns.usecases';
import type { Places } from '../../content/places';
import type { Clock } from '../../shared/clock';
import { formatInstant } from '../../shared/time-format';
import { assertReportWindow } from '../../shared/time-window';
import {
  buildHotspotReport,
  type HotspotReport,
  type PlaceLabel,
  previousWindowOf,
  REPEAT_THRESHOLD,
} from './hotspots.models';
import type { HotspotsRepository } from './hotspots.repository';

export interface HotspotDeps {
  hotspotsRepository: HotspotsRepository;
  campaigns: Pick<Campaigns, 'listOverlapping'>;
  places: Pick<Places, 'get'>;
  clock: Clock;
  /** The hotline's zone, in which the report shows its times. */
  zone: string;
}

/**
 * The hotspot report for [from, to): cases by when they arrived, grouped by the gazetteer's place id
 * (cases.place_id), so a renamed place keeps its history and free text typed as a place counts as
 * unknown until triage picks a gazetteer place.
 */
export function createHotspotReports({ hotspotsRepository, campaigns, places, clock, zone }: HotspotDeps) {
  const placeLabel = (id: string): PlaceLabel => {
    const place = places.get(id);
    return { id, name: place ? place.name : { 'zh-CN': id, en: id } };
  };
  return {
    async buildHotspotReport(from: Date, to: Date): Promise<HotspotReportWithCampaigns> {
      assertReportWindow(from, to);
      const now = clock.now();
      const previous = previousWindowOf(from, to);
      const start = from.toISOString();
      const end = to.toISOString();
      const [pairs, open, overlapping] = await Promise.all([
        hotspotsRepository.countPairs(previous.from.toISOString(), start, end),
        hotspotsRepository.countOpenByPlace(),
        campaigns.listOverlapping(from, to),
      ]);
      const candidates = pairs.flatMap((pair) =>
        pair.placeId !== null && pair.count >= REPEAT_THRESHOLD
          ? [{ placeId: pair.placeId, category: pair.category }]
          : [],
      );
      const pairCases = await hotspotsRepository.listPairCases(start, end, candidates);
      const time = (instant: string) => formatInstant(new Date(instant), zone);
      const report = buildHotspotReport(
        { window: { from, to }, now, pairs, pairCases, open },
        { place: placeLabel, time, timezone: zone },
      );
      return {
        ...report,
        campaigns: overlapping.map(({ campaign, during }) => ({
          id: campaign.id,
          name: campaign.name,
          places: campaign.places.map(placeLabel),
          categories: campaign.categories,
          status: campaign.status,
          from: time(campaign.from),
          to: time(campaign.to),
          during,
        })),
      };
    },
  };
}

/**
 * A rectification campaign whose window overlaps the report's, with its complaints during its own
 * window (up to now), as its page counts them.
 */
export interface HotspotCampaign {
  id: number;
  name: string;
  places: PlaceLabel[];
  categories: string[];
  status: CampaignStatus;
  from: string;
  to: string;
  during: number;
}

export type HotspotReportWithCampaigns = HotspotReport & { campaigns: HotspotCampaign[] };

export type HotspotReports = ReturnType<typeof createHotspotReports>;
