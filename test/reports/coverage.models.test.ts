import { coveragePercent, findEmptyStretches, findGaps } from '../../src/roster/roster.coverage';
import { at, segment, spans } from './fixtures';

describe('coverage of a position', () => {
  const sick = { kind: 'override', overrideId: 7 } as const;
  const timeline = [
    segment('primary', null, '2027-03-01T00:00:00.000Z', '2027-03-01T06:00:00.000Z'),
    segment('primary', null, '2027-03-01T06:00:00.000Z', '2027-03-01T08:00:00.000Z', sick),
    segment('primary', null, '2027-03-01T08:00:00.000Z', '2027-03-01T09:00:00.000Z', sick),
    segment('primary', 1, '2027-03-01T09:00:00.000Z', '2027-03-02T00:00:00.000Z'),
    segment('backup', null, '2027-03-01T00:00:00.000Z', '2027-03-01T06:00:00.000Z'),
    segment('backup', null, '2027-03-01T06:00:00.000Z', '2027-03-01T12:00:00.000Z', sick),
    segment('backup', 2, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z'),
  ];

  it('a gap keeps its cause, and touching stretches of one absence merge into one gap', () => {
    const gaps = findGaps(timeline, 'primary');
    expect(gaps.map((gap) => [gap.cause, gap.overrideId])).toEqual([
      ['no_rotation', null],
      ['absence_without_cover', 7],
    ]);
    expect(spans(gaps)).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-01T06:00:00.000Z', null],
      ['2027-03-01T06:00:00.000Z', '2027-03-01T09:00:00.000Z', null],
    ]);
  });

  it('no-backup stretches merge whatever their cause', () => {
    expect(spans(findEmptyStretches(timeline, 'backup'))).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z', null],
    ]);
  });

  it('coverage is the share of the window with someone in the position, to one decimal', () => {
    // 15 of 24 hours held.
    expect(coveragePercent(timeline, 'primary', at('2027-03-01T00:00:00Z'), at('2027-03-02T00:00:00Z'))).toBe(
      62.5,
    );
    // 12 of 24.
    expect(coveragePercent(timeline, 'backup', at('2027-03-01T00:00:00Z'), at('2027-03-02T00:00:00Z'))).toBe(
      50,
    );
    // 15 of 21 hours = 71.428…
    expect(coveragePercent(timeline, 'primary', at('2027-03-01T03:00:00Z'), at('2027-03-02T00:00:00Z'))).toBe(
      71.4,
    );
    expect(
      coveragePercent(timeline, 'supervisor', at('2027-03-01T00:00:00Z'), at('2027-03-02T00:00:00Z')),
    ).toBe(0);
  });
});
