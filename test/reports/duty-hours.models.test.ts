import { dutyBalance, dutyHours } from '../../src/reports/duty-hours.models';
import { segment } from './fixtures';

describe('hours on duty and their balance', () => {
  it('adds each person’s hours over every position, counting two positions held at once only once', () => {
    const hours = dutyHours([
      segment('primary', 1, '2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z'),
      segment('primary', 2, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z'),
      segment('primary', null, '2027-03-02T00:00:00.000Z', '2027-03-02T06:00:00.000Z'),
      segment('backup', 3, '2027-03-01T00:00:00.000Z', '2027-03-02T06:00:00.000Z'),
      // Person 1 is also supervisor from 06:00 to 18:00: only 06:00–18:00 beyond their primary shift adds.
      segment('supervisor', 1, '2027-03-01T06:00:00.000Z', '2027-03-01T18:00:00.000Z'),
      segment('supervisor', 4, '2027-03-01T18:00:00.000Z', '2027-03-01T18:20:00.000Z'),
    ]);
    expect(hours).toEqual([
      { staffId: 3, hours: 30 },
      { staffId: 1, hours: 18 },
      { staffId: 2, hours: 12 },
      { staffId: 4, hours: 0.33 },
    ]);
  });

  it('balance is the most hours ÷ the mean hours: 1 when even, null with nobody on duty', () => {
    expect(dutyBalance([])).toBeNull();
    expect(
      dutyBalance([
        { staffId: 1, hours: 24 },
        { staffId: 2, hours: 24 },
      ]),
    ).toBe(1);
    // Mean 20, most 30.
    expect(
      dutyBalance([
        { staffId: 1, hours: 30 },
        { staffId: 2, hours: 20 },
        { staffId: 3, hours: 10 },
      ]),
    ).toBe(1.5);
  });
});
