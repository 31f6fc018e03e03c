import { findDensestStretch, previousWindowOf, trendOf } from '../../src/reports/hotspots/hotspots.models';

const at = (iso: string, ref = iso) => ({ createdAt: iso, ref });

describe('hotspot models', () => {
  it('three complaints whose last comes less than 30 days after the first repeat; at exactly 30 days they do not', () => {
    const within = [
      at('2027-02-01T00:00:00.000Z'),
      at('2027-02-10T00:00:00.000Z'),
      at('2027-03-02T23:59:59.999Z'),
    ];
    expect(findDensestStretch(within)).toHaveLength(3);
    const apart = [
      at('2027-02-01T00:00:00.000Z'),
      at('2027-02-10T00:00:00.000Z'),
      at('2027-03-03T00:00:00.000Z'),
    ];
    expect(findDensestStretch(apart)).toHaveLength(2);
  });

  it('the 30 days slide: the densest stretch need not start at the first complaint', () => {
    const cases = [
      at('2027-01-01T00:00:00.000Z', 'a'),
      at('2027-02-15T00:00:00.000Z', 'b'),
      at('2027-02-20T00:00:00.000Z', 'c'),
      at('2027-03-01T00:00:00.000Z', 'd'),
      at('2027-04-30T00:00:00.000Z', 'e'),
    ];
    expect(findDensestStretch(cases).map((item) => item.ref)).toEqual(['b', 'c', 'd']);
  });

  it('trends compare with the previous window; a pair with nothing before is new', () => {
    expect([trendOf(3, 1), trendOf(1, 3), trendOf(2, 2), trendOf(2, 0), trendOf(0, 0)]).toEqual([
      'up',
      'down',
      'flat',
      'new',
      'flat',
    ]);
  });

  it('the previous window has the same length and ends where the window starts', () => {
    const from = new Date('2027-02-01T00:00:00+08:00');
    const to = new Date('2027-03-01T00:00:00+08:00');
    expect(previousWindowOf(from, to)).toEqual({ from: new Date('2027-01-04T00:00:00+08:00'), to: from });
  });
});
