import {
  type GroupCounts,
  listPublicMonths,
  mergeSmallGroups,
  totalOf,
} from '../../src/public/public.models';

const group = (
  key: string | null,
  volume: number,
  resolved = 0,
  onTime = 0,
  withFeedback = 0,
  answers = 0,
  satisfied = 0,
): GroupCounts => ({
  key,
  volume,
  resolutions: { resolved, onTime, withFeedback },
  answers: { answers, satisfied },
});

describe('public months', () => {
  it('are twelve full months and the current one, starting at local midnight across a DST change', () => {
    const months = listPublicMonths(new Date('2027-04-15T12:00:00Z'), 'Europe/London');
    expect(months).toHaveLength(13);
    expect(months[0]).toMatchObject({ month: '2026-04', complete: true });
    expect(months[0].from.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    // March 2027 starts in winter time and ends in summer time.
    expect(months[11]).toMatchObject({ month: '2027-03', complete: true });
    expect(months[11].from.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(months[11].to.toISOString()).toBe('2027-03-31T23:00:00.000Z');
    expect(months[12]).toMatchObject({ month: '2027-04', complete: false });
  });
});

describe('the small-numbers rule', () => {
  const known = (key: string) => key !== 'retired';

  it('merges groups under three complaints, unknown ones and those with no key into other', () => {
    const rows = mergeSmallGroups(
      [
        group('a', 3, 3, 3, 2, 3, 1),
        group('b', 2, 2, 2, 2, 2, 2),
        group('retired', 5, 1, 1, 1, 0, 0),
        group(null, 1),
        group('c', 7, 4, 1, 4, 4, 3),
      ],
      known,
    );
    expect(rows).toEqual([
      { key: 'c', volume: 7, onTimeRate: 1 / 4, feedbackRate: 1, satisfactionRate: 3 / 4 },
      { key: 'a', volume: 3, onTimeRate: 1, feedbackRate: 2 / 3, satisfactionRate: 1 / 3 },
      // b (2), retired (5) and the keyless one (1): 3 resolved, 2 answers.
      { key: 'other', volume: 8, onTimeRate: 1, feedbackRate: 1, satisfactionRate: null },
    ]);
  });

  it('shows an "other" of fewer than three complaints by its count alone', () => {
    expect(mergeSmallGroups([group('a', 4), group('b', 2, 5, 5, 5, 5, 5)], known)).toEqual([
      { key: 'a', volume: 4, onTimeRate: null, feedbackRate: null, satisfactionRate: null },
      { key: 'other', volume: 2, onTimeRate: null, feedbackRate: null, satisfactionRate: null },
    ]);
  });

  it('leaves out other when nothing fell into it, and shows no rate over fewer than three', () => {
    expect(mergeSmallGroups([group('a', 3, 2, 2, 2, 3, 3)], known)).toEqual([
      { key: 'a', volume: 3, onTimeRate: null, feedbackRate: null, satisfactionRate: 1 },
    ]);
    expect(mergeSmallGroups([], known)).toEqual([]);
    expect(totalOf([group('a', 1, 1, 1, 1), group('b', 2, 2, 1, 0)])).toEqual({
      key: 'total',
      volume: 3,
      onTimeRate: 2 / 3,
      feedbackRate: 1 / 3,
      satisfactionRate: null,
    });
  });
});
