import { countSlotActivity, type LoggedCall, slotIndexAt } from '../../src/reports/slot-calls.models';
import { at, segment } from './fixtures';

describe('calls and call-backs per shift slot', () => {
  const slots = [
    segment('primary', 1, '2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z'),
    segment('primary', null, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z', {
      kind: 'override',
      overrideId: 4,
    }),
    segment('primary', 2, '2027-03-02T00:00:00.000Z', '2027-03-03T00:00:00.000Z'),
  ];
  const call = (startedAt: string, outcome: LoggedCall['outcome'], missed = false): LoggedCall => ({
    startedAt: at(startedAt),
    outcome,
    missed,
  });

  it('a call belongs to the slot whose [from, to) holds its start: a call at the handoff goes to the incoming shift', () => {
    expect(slotIndexAt(slots, at('2027-03-01T00:00:00.000Z').getTime())).toBe(0);
    expect(slotIndexAt(slots, at('2027-03-01T11:59:59.999Z').getTime())).toBe(0);
    expect(slotIndexAt(slots, at('2027-03-01T12:00:00.000Z').getTime())).toBe(1);
    expect(slotIndexAt(slots, at('2027-03-02T00:00:00.000Z').getTime())).toBe(2);
    expect(slotIndexAt(slots, at('2027-03-03T00:00:00.000Z').getTime())).toBe(-1);
    expect(slotIndexAt(slots, at('2027-02-28T23:59:59.999Z').getTime())).toBe(-1);
  });

  it('counts each outcome, missed calls apart, and call-backs due and done', () => {
    const activity = countSlotActivity(
      slots,
      [
        call('2027-03-01T01:00:00.000Z', 'connected'),
        call('2027-03-01T02:00:00.000Z', 'message', true),
        call('2027-03-01T03:00:00.000Z', 'status'),
        call('2027-03-01T13:00:00.000Z', 'abandoned'),
        call('2027-03-01T14:00:00.000Z', 'message'),
        call('2027-03-02T05:00:00.000Z', null),
        call('2027-03-05T05:00:00.000Z', 'connected'),
      ],
      [
        { createdAt: at('2027-03-01T13:00:05.000Z'), status: 'assigned' },
        { createdAt: at('2027-03-01T15:00:00.000Z'), status: 'closed' },
        { createdAt: at('2027-03-02T01:00:00.000Z'), status: 'resolved' },
        { createdAt: at('2027-03-02T02:00:00.000Z'), status: 'reopened' },
      ],
    );
    expect(activity).toEqual([
      {
        calls: { offered: 3, connected: 1, message: 1, missed: 1, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      },
      {
        calls: { offered: 2, connected: 0, message: 1, missed: 0, abandoned: 1 },
        callbacks: { due: 2, done: 1 },
      },
      {
        calls: { offered: 1, connected: 0, message: 0, missed: 0, abandoned: 0 },
        callbacks: { due: 2, done: 1 },
      },
    ]);
  });
});
