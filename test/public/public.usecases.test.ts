import type { PublicRepository } from '../../src/public/public.repository';
import { createPublicFigures } from '../../src/public/public.usecases';
import { createManualClock } from '../../src/shared/clock';

// How often the public figures read the store: whatever the traffic, the current month every five
// minutes and each past month about hourly, the past months in turn rather than all at once.

describe('the public figures cache', () => {
  function setUp() {
    const clock = createManualClock('2027-03-01T02:00:00Z');
    const counted: string[] = [];
    const publicRepository: PublicRepository = {
      async countCells(from) {
        counted.push(from);
        return [];
      },
    };
    const figures = createPublicFigures({
      publicRepository,
      categories: { get: () => undefined },
      places: { get: () => undefined },
      clock,
      zone: 'Asia/Shanghai',
    });
    return { clock, counted, figures };
  }

  it('counts all thirteen months once, then the current month every five minutes and one past month in turn', async () => {
    const { clock, counted, figures } = setUp();
    await Promise.all([figures.currentFigures(), figures.currentFigures(), figures.currentFigures()]);
    expect(counted).toHaveLength(13);

    counted.length = 0;
    clock.advance(4 * 60_000);
    await figures.currentFigures();
    expect(counted).toEqual([]);

    // Five minutes on: the current month (1 March) and the oldest, March 2026.
    clock.advance(60_000);
    await figures.currentFigures();
    expect(counted.sort()).toEqual(['2026-02-28T16:00:00.000Z', '2027-02-28T16:00:00.000Z']);

    // Within the first hour every past month has been counted once more, each in its turn.
    counted.length = 0;
    for (let step = 0; step < 11; step += 1) {
      clock.advance(5 * 60_000);
      await figures.currentFigures();
    }
    expect(counted.filter((from) => from !== '2027-02-28T16:00:00.000Z')).toHaveLength(11);
    expect(new Set(counted).size).toBe(12);
  });

  it('counts the month that just ended again as soon as the next one begins', async () => {
    const { clock, counted, figures } = setUp();
    clock.set('2027-03-31T15:58:00Z');
    await figures.currentFigures();
    counted.length = 0;
    clock.set('2027-03-31T16:00:00Z');
    const body = await figures.currentFigures();
    expect(body.months.at(-1)!.month).toBe('2027-04');
    expect(body.months.at(-2)).toMatchObject({ month: '2027-03', complete: true });
    // March again (complete now) and April; the other past months are kept.
    expect(counted.sort()).toEqual(['2027-02-28T16:00:00.000Z', '2027-03-31T16:00:00.000Z']);
  });
});
