import { reminderLeadMs, slaNoticeKey, stageAt } from '../../src/sla/sla.models';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('service commitment deadlines', () => {
  it('reminds a quarter of the commitment ahead, at least 15 min and at most 2 h, never more than half of it', () => {
    expect(reminderLeadMs(2 * HOUR)).toBe(30 * MINUTE);
    expect(reminderLeadMs(4 * HOUR)).toBe(HOUR);
    expect(reminderLeadMs(72 * HOUR)).toBe(2 * HOUR);
    expect(reminderLeadMs(30 * MINUTE)).toBe(15 * MINUTE);
    expect(reminderLeadMs(15 * MINUTE)).toBe(7.5 * MINUTE);
  });

  it('places a 2 h deadline: nothing before 1h30, a reminder until the deadline, an escalation after it', () => {
    const created = new Date('2027-03-01T02:00:00.000Z');
    const due = new Date(created.getTime() + 2 * HOUR);
    const at = (ms: number) => stageAt(new Date(created.getTime() + ms), created, due);
    expect(at(89 * MINUTE)).toBeNull();
    expect(at(90 * MINUTE)).toBe('remind');
    expect(at(105 * MINUTE)).toBe('remind');
    expect(at(2 * HOUR)).toBe('remind');
    expect(at(2 * HOUR + 1)).toBe('escalate');
    expect(at(125 * MINUTE)).toBe('escalate');
  });

  it('keys each notice by case, deadline, stage and the deadline itself', () => {
    expect(slaNoticeKey(7, 'result', 'escalate', '2027-03-01T04:00:00.000Z')).toBe(
      'sla:7:result:escalate:2027-03-01T04:00:00.000Z',
    );
  });
});
