import type { Language } from '../../staff/staff.models';

// The hotspot report of SPEC §17: complaints by place and category, against the window before, the
// places and categories complained about again and again, and the open cases per place. Pure: the
// repository hands over counts and a few rows, the use case the names and the zone.

export const REPEAT_DAYS = 30;
export const REPEAT_THRESHOLD = 3;
const REPEAT_SPAN_MS = REPEAT_DAYS * 86_400_000;

export type Trend = 'up' | 'down' | 'flat' | 'new';

/** A gazetteer place by its id; a case with no gazetteer place is `null` in the report. */
export interface PlaceLabel {
  id: string;
  name: Record<Language, string>;
}

/** Counts per (place, category) in the window and in the one before it; `placeId` null: unknown. */
export interface PairCounts {
  placeId: string | null;
  category: string;
  count: number;
  previousCount: number;
}

/** A case of a (place, category) pair counted in the window, for the repeats. */
export interface PairCase {
  placeId: string;
  category: string;
  ref: string;
  createdAt: string;
}

export interface OpenCount {
  placeId: string | null;
  count: number;
}

export interface Hotspot {
  place: PlaceLabel | null;
  category: string;
  count: number;
  previousCount: number;
  change: number;
  trend: Trend;
  /** The pair is among `repeats`. */
  repeat: boolean;
}

export interface Repeat {
  place: PlaceLabel;
  category: string;
  /** Cases in the densest 30 days. */
  count: number;
  /** When the first and the last of those cases arrived. */
  from: string;
  to: string;
  refs: string[];
}

export interface HotspotReport {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  generatedAt: string;
  timezone: string;
  hotspots: Hotspot[];
  repeats: Repeat[];
  /** Open cases are counted by the status they have now (see openAsOf). */
  openAsOf: string;
  openByPlace: { place: PlaceLabel | null; count: number }[];
}

/** The window of the same length that ends where this one starts. */
export function previousWindowOf(from: Date, to: Date): { from: Date; to: Date } {
  return { from: new Date(from.getTime() - (to.getTime() - from.getTime())), to: from };
}

export function trendOf(count: number, previousCount: number): Trend {
  if (previousCount === 0 && count > 0) return 'new';
  if (count > previousCount) return 'up';
  if (count < previousCount) return 'down';
  return 'flat';
}

/**
 * The most cases of one pair that fit in any 30 days: a sliding window over their arrival times
 * (sorted), whose start moves from case to case, so the 30 days need not begin at a calendar
 * boundary or at the report's start. "Within 30 days" means the last arrived less than 30 × 24 h
 * after the first. The earliest of equally dense stretches is the one returned.
 */
export function findDensestStretch<T extends { createdAt: string }>(sortedCases: readonly T[]): T[] {
  let best: T[] = [];
  let end = 0;
  for (let start = 0; start < sortedCases.length; start += 1) {
    const limit = Date.parse(sortedCases[start].createdAt) + REPEAT_SPAN_MS;
    end = Math.max(end, start);
    while (end < sortedCases.length && Date.parse(sortedCases[end].createdAt) < limit) end += 1;
    if (end - start > best.length) best = sortedCases.slice(start, end);
  }
  return best;
}

const pairKey = (placeId: string | null, category: string) => `${placeId ?? ''}\u0000${category}`;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Known places first by id, the unknown place last. */
function comparePlaceIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

export interface HotspotInput {
  window: { from: Date; to: Date };
  now: Date;
  pairs: readonly PairCounts[];
  /** The cases of every pair that might repeat, in any order. */
  pairCases: readonly PairCase[];
  open: readonly OpenCount[];
}

export interface HotspotLabels {
  /** A place's names; a place since taken out of the gazetteer is shown by its id. */
  place(id: string): PlaceLabel;
  /** An instant (Date or stored UTC ISO text) in the hotline's zone. */
  time(instant: Date | string): string;
  timezone: string;
}

export function buildHotspotReport(input: HotspotInput, labels: HotspotLabels): HotspotReport {
  const placeOf = (id: string | null) => (id === null ? null : labels.place(id));
  const previous = previousWindowOf(input.window.from, input.window.to);

  const byPair = new Map<string, PairCase[]>();
  for (const item of input.pairCases) {
    const key = pairKey(item.placeId, item.category);
    const cases = byPair.get(key);
    if (cases) cases.push(item);
    else byPair.set(key, [item]);
  }
  const repeats: Repeat[] = [];
  const repeating = new Set<string>();
  for (const [key, cases] of byPair) {
    // Stored times are UTC ISO text, which sorts as it reads; localeCompare took half a second here.
    const sorted = [...cases].sort(
      (a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.ref, b.ref),
    );
    const stretch = findDensestStretch(sorted);
    if (stretch.length < REPEAT_THRESHOLD) continue;
    repeating.add(key);
    repeats.push({
      place: labels.place(sorted[0].placeId),
      category: sorted[0].category,
      count: stretch.length,
      from: labels.time(stretch[0].createdAt),
      to: labels.time(stretch.at(-1)!.createdAt),
      refs: stretch.map((item) => item.ref),
    });
  }
  repeats.sort(
    (a, b) =>
      b.count - a.count || comparePlaceIds(a.place.id, b.place.id) || compareText(a.category, b.category),
  );

  const hotspots = input.pairs
    .filter((pair) => pair.count > 0 || pair.previousCount > 0)
    .sort(
      (a, b) =>
        b.count - a.count || comparePlaceIds(a.placeId, b.placeId) || compareText(a.category, b.category),
    )
    .map((pair) => ({
      place: placeOf(pair.placeId),
      category: pair.category,
      count: pair.count,
      previousCount: pair.previousCount,
      change: pair.count - pair.previousCount,
      trend: trendOf(pair.count, pair.previousCount),
      repeat: repeating.has(pairKey(pair.placeId, pair.category)),
    }));

  const openByPlace = input.open
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || comparePlaceIds(a.placeId, b.placeId))
    .map((row) => ({ place: placeOf(row.placeId), count: row.count }));

  return {
    window: { from: labels.time(input.window.from), to: labels.time(input.window.to) },
    previousWindow: { from: labels.time(previous.from), to: labels.time(previous.to) },
    generatedAt: labels.time(input.now),
    timezone: labels.timezone,
    hotspots,
    repeats,
    openAsOf: labels.time(input.now),
    openByPlace,
  };
}
