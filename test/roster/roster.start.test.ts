import { isStartText, toStartLocal } from '../../src/roster/roster.start';

const shanghai = (start: string, handoffTime?: string) =>
  toStartLocal({ start, handoffTime, timezone: 'Asia/Shanghai' });

describe('the start of a rotation', () => {
  it('is the start date at the handoff time, 08:00 by default', () => {
    expect(shanghai('2027-03-01')).toEqual({ ok: true, startLocal: '2027-03-01T08:00' });
    expect(shanghai('2027-03-01T07:30')).toEqual({ ok: true, startLocal: '2027-03-01T07:30' });
    expect(shanghai('2027-03-01T07:30', '19:00')).toEqual({ ok: true, startLocal: '2027-03-01T19:00' });
  });

  it('is refused when it is not a real date or time', () => {
    expect(shanghai('2027-02-30')).toMatchObject({ ok: false, field: 'start', code: 'request.invalid' });
    expect(shanghai('2027-03-01', '24:00')).toMatchObject({ ok: false, field: 'start' });
    expect(isStartText('2027-02-30')).toBe(false);
    expect(isStartText('2027-02-30T08:00:00Z')).toBe(false);
    expect(isStartText('2027-03-01T08:00:00')).toBe(false);
  });

  it('given as an instant, is that instant read in the rotation zone', () => {
    expect(isStartText('2027-03-10T08:00:00-05:00')).toBe(true);
    expect(shanghai('2027-03-10T08:00:00-05:00')).toEqual({ ok: true, startLocal: '2027-03-10T21:00' });
    expect(shanghai('2027-03-10T13:00Z')).toEqual({ ok: true, startLocal: '2027-03-10T21:00' });
    expect(toStartLocal({ start: '2027-03-10T08:00:00-05:00', timezone: 'America/New_York' })).toEqual({
      ok: true,
      startLocal: '2027-03-10T08:00',
    });
  });

  it('given as an instant, takes a handoff time only when it is the same time of day there', () => {
    expect(shanghai('2027-03-10T13:00:00Z', '21:00')).toEqual({ ok: true, startLocal: '2027-03-10T21:00' });
    expect(shanghai('2027-03-10T13:00:00Z', '08:00')).toMatchObject({
      ok: false,
      field: 'handoffTime',
      code: 'rotation.handoff_time_conflict',
    });
  });

  it('given as an instant, must fall on a whole minute in the zone', () => {
    expect(shanghai('2027-03-10T13:00:30Z')).toMatchObject({ ok: false, field: 'start' });
  });
});
