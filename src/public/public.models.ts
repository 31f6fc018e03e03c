import { DateTime } from 'luxon';
import {
  type AnswerCounts,
  feedbackRate,
  onTimeCompletionRate,
  type ResolutionCounts,
  satisfactionRate,
} from '../kpis/kpis.models';

// The public figures of SPEC §17: monthly aggregates only, never a case. A place or category with
// fewer than MINIMUM_COUNT complaints in a month would let a neighbour guess who complained, so its
// counts are added into the "other" row; no rate is shown over fewer than MINIMUM_COUNT cases.

export const MINIMUM_COUNT = 3;
/** The row small groups are merged into; the bureau's own "other" category lands in it too. */
export const OTHER = 'other';
/** Twelve full months and the current one so far. */
export const PUBLIC_MONTHS = 13;

export interface PublicMonthWindow {
  /** yyyy-MM in the hotline's zone. */
  month: string;
  from: Date;
  to: Date;
  /** False for the current month, whose figures are so far. */
  complete: boolean;
}

/** What one category or place did in a month; null key: no category or place the public may see. */
export interface GroupCounts {
  key: string | null;
  volume: number;
  resolutions: Pick<ResolutionCounts, 'resolved' | 'onTime' | 'withFeedback'>;
  answers: AnswerCounts;
}

/** The counts of one category at one place (null: none from the gazetteer), as the database gives them. */
export interface CellCounts extends Omit<GroupCounts, 'key'> {
  category: string;
  placeId: string | null;
}

export interface PublicRow {
  key: string;
  volume: number;
  onTimeRate: number | null;
  feedbackRate: number | null;
  satisfactionRate: number | null;
}

export interface PublicMonth extends PublicMonthWindow {
  total: PublicRow;
  byCategory: PublicRow[];
  byPlace: PublicRow[];
}

/** The months shown at `now`, oldest first, each [start, next start) in the hotline's zone. */
export function listPublicMonths(now: Date, zone: string, count = PUBLIC_MONTHS): PublicMonthWindow[] {
  const current = DateTime.fromJSDate(now, { zone }).startOf('month');
  return Array.from({ length: count }, (_unused, index) => {
    const start = current.minus({ months: count - 1 - index });
    return {
      month: start.toFormat('yyyy-MM'),
      from: start.toJSDate(),
      to: start.plus({ months: 1 }).toJSDate(),
      complete: index < count - 1,
    };
  });
}

export const emptyCounts = (key: string | null): GroupCounts => ({
  key,
  volume: 0,
  resolutions: { resolved: 0, onTime: 0, withFeedback: 0 },
  answers: { answers: 0, satisfied: 0 },
});

export function addCounts(into: GroupCounts, from: GroupCounts): void {
  into.volume += from.volume;
  into.resolutions.resolved += from.resolutions.resolved;
  into.resolutions.onTime += from.resolutions.onTime;
  into.resolutions.withFeedback += from.resolutions.withFeedback;
  into.answers.answers += from.answers.answers;
  into.answers.satisfied += from.answers.satisfied;
}

/** A rate, or null when fewer than MINIMUM_COUNT cases were measured. */
const shownRate = (rate: number | null, measured: number) => (measured < MINIMUM_COUNT ? null : rate);

export function toPublicRow(counts: GroupCounts & { key: string }): PublicRow {
  // An "other" row that is itself small is shown by its count only.
  const small = counts.volume < MINIMUM_COUNT;
  const { resolutions, answers } = counts;
  return {
    key: counts.key,
    volume: counts.volume,
    onTimeRate: small ? null : shownRate(onTimeCompletionRate(resolutions), resolutions.resolved),
    feedbackRate: small ? null : shownRate(feedbackRate(resolutions), resolutions.resolved),
    satisfactionRate: small ? null : shownRate(satisfactionRate(answers), answers.answers),
  };
}

/**
 * One row per group with at least MINIMUM_COUNT complaints, most first (ties by key), then "other":
 * the small groups, those the public has no name for (`isPublic` false or a null key) and the group
 * keyed "other" itself. "Other" is left out when nothing at all fell into it.
 */
export function mergeSmallGroups(
  groups: readonly GroupCounts[],
  isPublic: (key: string) => boolean,
): PublicRow[] {
  const kept: (GroupCounts & { key: string })[] = [];
  const other = emptyCounts(OTHER);
  for (const group of groups) {
    const { key } = group;
    if (key !== null && key !== OTHER && isPublic(key) && group.volume >= MINIMUM_COUNT) {
      kept.push({ ...group, key });
    } else {
      addCounts(other, group);
    }
  }
  kept.sort((a, b) => b.volume - a.volume || a.key.localeCompare(b.key));
  const rows = kept.map(toPublicRow);
  const anything = other.volume + other.resolutions.resolved + other.answers.answers > 0;
  return anything ? [...rows, toPublicRow({ ...other, key: OTHER })] : rows;
}

export function totalOf(groups: readonly GroupCounts[]): PublicRow {
  const total = emptyCounts('total');
  for (const group of groups) addCounts(total, group);
  return toPublicRow({ ...total, key: 'total' });
}

function groupCells(cells: readonly CellCounts[], keyOf: (cell: CellCounts) => string | null): GroupCounts[] {
  const groups = new Map<string | null, GroupCounts>();
  for (const cell of cells) {
    const key = keyOf(cell);
    let group = groups.get(key);
    if (!group) {
      group = emptyCounts(key);
      groups.set(key, group);
    }
    addCounts(group, { ...cell, key });
  }
  return [...groups.values()];
}

/** A month's public figures from its cells; `is…` say which ids the public has a name for. */
export function buildPublicMonth(
  window: PublicMonthWindow,
  cells: readonly CellCounts[],
  known: { category: (id: string) => boolean; place: (id: string) => boolean },
): PublicMonth {
  const asGroups = cells.map((cell) => ({ ...cell, key: cell.category }));
  return {
    ...window,
    total: totalOf(asGroups),
    byCategory: mergeSmallGroups(
      groupCells(cells, (cell) => cell.category),
      known.category,
    ),
    byPlace: mergeSmallGroups(
      groupCells(cells, (cell) => cell.placeId),
      known.place,
    ),
  };
}
