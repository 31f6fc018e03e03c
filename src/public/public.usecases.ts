import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Clock } from '../shared/clock';
import {
  buildPublicMonth,
  listPublicMonths,
  type PublicMonth,
  type PublicMonthWindow,
} from './public.models';
import type { PublicRepository } from './public.repository';

export const PUBLIC_FIGURES_TTL_MS = 5 * 60_000;
/**
 * A past month changes only when staff correct one of its cases (triage, merge, a reopened case
 * resolved again), while counting it reads every case it holds (about half a second a month at a
 * million cases a year): past months are counted again hourly, the current one every
 * PUBLIC_FIGURES_TTL_MS.
 */
export const PAST_MONTH_TTL_MS = 60 * 60_000;

export interface PublicFigures {
  generatedAt: string;
  timezone: string;
  months: PublicMonth[];
}

export interface PublicFiguresDeps {
  publicRepository: PublicRepository;
  categories: Pick<Categories, 'get'>;
  places: Pick<Places, 'get'>;
  clock: Clock;
  zone: string;
  ttlMs?: number;
}

/**
 * The figures /public shows, computed at most once per TTL whatever the traffic: names are added when
 * a page is drawn, so both languages and the JSON share one computation. Callers arriving while it
 * runs wait for the same one.
 */
export function createPublicFigures({
  publicRepository,
  categories,
  places,
  clock,
  zone,
  ttlMs = PUBLIC_FIGURES_TTL_MS,
}: PublicFiguresDeps) {
  type Entry<T> = { expiresAt: number; value: Promise<T> };
  let cached: (Entry<PublicFigures> & { month: string }) | undefined;
  const monthCache = new Map<string, Entry<PublicMonth> & { complete: boolean }>();
  const known = {
    category: (id: string) => categories.get(id) !== undefined,
    place: (id: string) => places.get(id) !== undefined,
  };

  /** A failure is not kept: the next visitor tries again. */
  function forgetOnFailure<T>(value: Promise<T>, forget: () => void): void {
    value.catch(forget);
  }

  const pastTtl = Math.max(ttlMs, PAST_MONTH_TTL_MS);
  // Counted for the first time, the past months expire in turn over the hour (the latest last), so
  // that from then on they are counted again one at a time, not all twelve at once.
  const firstPastTtl = (turn: number, of: number) => Math.max(ttlMs, Math.round((pastTtl * (turn + 1)) / of));

  function countMonth(
    window: PublicMonthWindow,
    now: number,
    turn: number,
    of: number,
  ): Promise<PublicMonth> {
    const hit = monthCache.get(window.month);
    // The month that just ended is counted again at once: its last figures were "so far".
    if (hit && hit.expiresAt > now && hit.complete === window.complete) return hit.value;
    const value = publicRepository
      .countCells(window.from.toISOString(), window.to.toISOString())
      .then((cells) => buildPublicMonth(window, cells, known));
    const entry = {
      expiresAt: now + (!window.complete ? ttlMs : hit ? pastTtl : firstPastTtl(turn, of)),
      complete: window.complete,
      value,
    };
    monthCache.set(window.month, entry);
    forgetOnFailure(value, () => {
      if (monthCache.get(window.month) === entry) monthCache.delete(window.month);
    });
    return value;
  }

  async function computeFigures(now: Date): Promise<PublicFigures> {
    const windows = listPublicMonths(now, zone);
    const shown = new Set(windows.map((window) => window.month));
    for (const month of monthCache.keys()) if (!shown.has(month)) monthCache.delete(month);
    const months = await Promise.all(
      windows.map((window, turn) => countMonth(window, now.getTime(), turn, windows.length - 1)),
    );
    return { generatedAt: now.toISOString(), timezone: zone, months };
  }

  return {
    currentFigures(): Promise<PublicFigures> {
      const now = clock.now();
      const month = listPublicMonths(now, zone, 1)[0].month;
      // A new month starts a new table at once, cache or not.
      if (!cached || cached.expiresAt <= now.getTime() || cached.month !== month) {
        const entry = { expiresAt: now.getTime() + ttlMs, month, value: computeFigures(now) };
        cached = entry;
        forgetOnFailure(entry.value, () => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
  };
}

export type PublicFiguresService = ReturnType<typeof createPublicFigures>;
