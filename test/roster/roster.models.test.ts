import { type Override, type RotationVersion, resolveOnDuty, shiftAt } from '../../src/roster/roster.models';
import { type InactiveSpan, toInactiveSpans } from '../../src/staff/staff.status';

const HOUR = 3_600_000;

function rotation(fields: Partial<RotationVersion> = {}): RotationVersion {
  return {
    rotationId: 1,
    effectiveFrom: '2020-01-01T00:00:00.000Z',
    name: 'Primary',
    position: 'primary',
    timezone: 'Asia/Shanghai',
    startLocal: '2027-03-01T08:00',
    shiftHours: 8,
    members: [1, 2, 3],
    weekdays: null,
    window: null,
    ...fields,
  };
}

function override(fields: Partial<Override> & Pick<Override, 'id'>): Override {
  return {
    position: 'primary',
    absentStaffId: null,
    coverStaffId: null,
    from: '2027-03-01T00:00:00.000Z',
    to: '2027-03-02T00:00:00.000Z',
    reason: 'sick',
    ...fields,
  };
}

const at = (iso: string) => new Date(iso);
const onDuty = (versions: RotationVersion[], iso: string, overrides: Override[] = []) =>
  resolveOnDuty({ versions, overrides, inactive: [] }, at(iso)).primary.staffId;
const staffAt = (version: RotationVersion, iso: string) => shiftAt(version, at(iso))?.staffId ?? null;
const iso = (date: Date | undefined) => date?.toISOString();

describe('a rotation of three people on 8-hour shifts', () => {
  const threeShifts = rotation(); // 08:00 Shanghai is 00:00Z

  it('has nobody on duty before its first handoff', () => {
    expect(staffAt(threeShifts, '2027-02-28T23:59:59.999Z')).toBeNull();
    expect(onDuty([threeShifts], '2027-02-28T23:59:59.999Z')).toBeNull();
  });

  it('hands over exactly at each handoff, not a millisecond earlier', () => {
    expect(staffAt(threeShifts, '2027-03-01T00:00:00.000Z')).toBe(1);
    expect(staffAt(threeShifts, '2027-03-01T07:59:59.999Z')).toBe(1);
    expect(staffAt(threeShifts, '2027-03-01T08:00:00.000Z')).toBe(2);
    expect(staffAt(threeShifts, '2027-03-01T15:59:59.999Z')).toBe(2);
    expect(staffAt(threeShifts, '2027-03-01T16:00:00.000Z')).toBe(3);
  });

  it('cycles back to the first person, and keeps cycling months later', () => {
    expect(staffAt(threeShifts, '2027-03-02T00:00:00.000Z')).toBe(1);
    // 100 days later: 300 shifts, so the same member order restarts each midnight UTC.
    expect(staffAt(threeShifts, '2027-06-09T00:00:00.000Z')).toBe(1);
    expect(staffAt(threeShifts, '2027-06-09T09:00:00.000Z')).toBe(2);
  });

  it('tells the shift index and its bounds', () => {
    const shift = shiftAt(threeShifts, at('2027-03-02T09:30:00Z'));
    expect(shift).toEqual({
      index: 4,
      from: at('2027-03-02T08:00:00Z'),
      to: at('2027-03-02T16:00:00Z'),
      staffId: 2,
    });
  });

  it('has nobody on duty when it has no members', () => {
    expect(staffAt(rotation({ members: [] }), '2027-03-02T09:30:00Z')).toBeNull();
  });
});

describe('a daily 08:00 handoff in America/New_York across the 2027 DST changes', () => {
  const daily = rotation({
    timezone: 'America/New_York',
    startLocal: '2027-03-10T08:00',
    shiftHours: 24,
    members: [1, 2],
  });

  it('hands off at 08:00 EST (13:00Z) before spring-forward and 08:00 EDT (12:00Z) after', () => {
    const saturday = shiftAt(daily, at('2027-03-13T20:00:00Z'))!;
    expect(iso(saturday.from)).toBe('2027-03-13T13:00:00.000Z');
    expect(iso(saturday.to)).toBe('2027-03-14T12:00:00.000Z');
    expect(saturday.to.getTime() - saturday.from.getTime()).toBe(23 * HOUR);
    const sunday = shiftAt(daily, at('2027-03-14T20:00:00Z'))!;
    expect(iso(sunday.from)).toBe('2027-03-14T12:00:00.000Z');
    expect(iso(sunday.to)).toBe('2027-03-15T12:00:00.000Z');
  });

  it('keeps the night person until 07:59 local and hands over at 08:00 local on spring-forward day', () => {
    expect(staffAt(daily, '2027-03-14T11:59:00Z')).toBe(2); // 07:59 EDT
    expect(staffAt(daily, '2027-03-14T12:00:00Z')).toBe(1); // 08:00 EDT
  });

  it('hands off at 08:00 EDT (12:00Z) before fall-back and 08:00 EST (13:00Z) after, 242 days in', () => {
    const saturday = shiftAt(daily, at('2027-11-06T20:00:00Z'))!;
    expect(saturday.index).toBe(241);
    expect(iso(saturday.from)).toBe('2027-11-06T12:00:00.000Z');
    expect(iso(saturday.to)).toBe('2027-11-07T13:00:00.000Z');
    expect(saturday.to.getTime() - saturday.from.getTime()).toBe(25 * HOUR);
    expect(staffAt(daily, '2027-11-07T12:59:00Z')).toBe(2); // 07:59 EST
    expect(staffAt(daily, '2027-11-07T13:00:00Z')).toBe(1); // 08:00 EST
    expect(iso(shiftAt(daily, at('2027-11-07T13:00:00Z'))!.to)).toBe('2027-11-08T13:00:00.000Z');
  });

  it('does not hand over at 12:00Z on fall-back day, which is 07:00 local', () => {
    expect(staffAt(daily, '2027-11-07T12:30:00Z')).toBe(2);
  });
});

describe('handoffs at local times that do not exist or happen twice', () => {
  const ny = { timezone: 'America/New_York', members: [1, 2] };

  it('a 12-hour rotation handing off at 02:30 hands off at 03:30 EDT on spring-forward day (RFC 5545)', () => {
    const twelve = rotation({ ...ny, startLocal: '2027-03-13T02:30', shiftHours: 12 });
    expect(iso(shiftAt(twelve, at('2027-03-13T20:00:00Z'))!.from)).toBe('2027-03-13T19:30:00.000Z'); // 14:30 EST
    const gapShift = shiftAt(twelve, at('2027-03-14T10:00:00Z'))!;
    expect(iso(gapShift.from)).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
    expect(iso(gapShift.to)).toBe('2027-03-14T18:30:00.000Z'); // 14:30 EDT
    expect(staffAt(twelve, '2027-03-14T06:59:00Z')).toBe(2); // 01:59 EST
    expect(staffAt(twelve, '2027-03-14T07:00:00Z')).toBe(2); // 03:00 EDT, the clock jumped
    expect(staffAt(twelve, '2027-03-14T07:30:00Z')).toBe(1); // 03:30 EDT
    expect(iso(shiftAt(twelve, at('2027-03-15T07:00:00Z'))!.from)).toBe('2027-03-15T06:30:00.000Z'); // 02:30 EDT
  });

  it('a repeated 01:00 on fall-back day is its first occurrence, so that shift lasts two hours', () => {
    const hourly = rotation({ ...ny, startLocal: '2027-11-07T00:00', shiftHours: 1 });
    const repeated = shiftAt(hourly, at('2027-11-07T06:30:00Z'))!; // 01:30 EST, the second 01:30
    expect(iso(repeated.from)).toBe('2027-11-07T05:00:00.000Z'); // 01:00 EDT
    expect(iso(repeated.to)).toBe('2027-11-07T07:00:00.000Z'); // 02:00 EST
  });

  it('shifts shorter than the gap never run backwards: every minute lies in exactly one shift', () => {
    const halfHourly = rotation({ ...ny, startLocal: '2027-03-14T00:00', shiftHours: 0.5 });
    let previousFrom = 0;
    for (let t = Date.parse('2027-03-14T05:00:00Z'); t < Date.parse('2027-03-14T09:00:00Z'); t += 60_000) {
      const shift = shiftAt(halfHourly, new Date(t))!;
      expect(shift.from.getTime()).toBeLessThanOrEqual(t);
      expect(shift.to.getTime()).toBeGreaterThan(t);
      expect(shift.from.getTime()).toBeGreaterThanOrEqual(previousFrom);
      previousFrom = shift.from.getTime();
    }
    // 02:00 and 02:30 do not exist; their shifts shrink to nothing and 03:00 EDT starts at 07:00Z.
    expect(iso(shiftAt(halfHourly, at('2027-03-14T07:10:00Z'))!.from)).toBe('2027-03-14T07:00:00.000Z');
  });
});

describe('other zones', () => {
  it('Europe/London keeps a 09:00 handoff through both 2027 changes', () => {
    const london = rotation({ timezone: 'Europe/London', startLocal: '2027-03-20T09:00', shiftHours: 24 });
    expect(iso(shiftAt(london, at('2027-03-27T12:00:00Z'))!.from)).toBe('2027-03-27T09:00:00.000Z'); // GMT
    expect(iso(shiftAt(london, at('2027-03-28T12:00:00Z'))!.from)).toBe('2027-03-28T08:00:00.000Z'); // BST
    expect(iso(shiftAt(london, at('2027-10-30T12:00:00Z'))!.from)).toBe('2027-10-30T08:00:00.000Z'); // BST
    expect(iso(shiftAt(london, at('2027-10-31T12:00:00Z'))!.from)).toBe('2027-10-31T09:00:00.000Z'); // GMT
  });

  it('Asia/Shanghai has no DST, so 08:00 and 20:00 handoffs stay at 00:00Z and 12:00Z', () => {
    const shanghai = rotation({ startLocal: '2027-01-01T08:00', shiftHours: 12, members: [1, 2] });
    for (const day of ['2027-03-14', '2027-11-07']) {
      expect(iso(shiftAt(shanghai, at(`${day}T05:00:00Z`))!.from)).toBe(`${day}T00:00:00.000Z`);
      expect(iso(shiftAt(shanghai, at(`${day}T13:00:00Z`))!.from)).toBe(`${day}T12:00:00.000Z`);
    }
  });
});

describe('weekday and time-of-day windows', () => {
  // 2027-03-01 is a Monday; Shanghai is UTC+8.
  const officeHours = rotation({
    startLocal: '2027-03-01T09:00',
    shiftHours: 24,
    members: [1],
    weekdays: [1, 2, 3, 4, 5],
    window: { start: '09:00', end: '17:00' },
  });

  it('an office-hours rotation covers weekdays 09:00 to 16:59 local only', () => {
    expect(onDuty([officeHours], '2027-03-01T02:00:00Z')).toBe(1); // Mon 10:00
    expect(onDuty([officeHours], '2027-03-01T08:59:00Z')).toBe(1); // Mon 16:59
    expect(onDuty([officeHours], '2027-03-01T09:00:00Z')).toBeNull(); // Mon 17:00
    expect(onDuty([officeHours], '2027-03-02T00:59:00Z')).toBeNull(); // Tue 08:59
    expect(onDuty([officeHours], '2027-03-06T02:00:00Z')).toBeNull(); // Sat 10:00
  });

  it("a Friday night window wrapping past midnight still covers Saturday's small hours", () => {
    const fridayNights = rotation({
      startLocal: '2027-03-01T22:00',
      shiftHours: 24,
      members: [2],
      weekdays: [5],
      window: { start: '22:00', end: '06:00' },
    });
    expect(onDuty([fridayNights], '2027-03-05T15:00:00Z')).toBe(2); // Fri 23:00
    expect(onDuty([fridayNights], '2027-03-05T19:00:00Z')).toBe(2); // Sat 03:00
    expect(onDuty([fridayNights], '2027-03-05T22:00:00Z')).toBeNull(); // Sat 06:00
    expect(onDuty([fridayNights], '2027-03-06T15:00:00Z')).toBeNull(); // Sat 23:00
    expect(onDuty([fridayNights], '2027-03-04T19:00:00Z')).toBeNull(); // Fri 03:00 is Thursday's night
  });

  it('an older all-week rotation covers whatever the newer weekend rotation leaves open', () => {
    const everyDay = rotation({ rotationId: 1, members: [1], shiftHours: 24 });
    const weekends = rotation({ rotationId: 2, members: [9], shiftHours: 24, weekdays: [6, 7] });
    expect(onDuty([everyDay, weekends], '2027-03-06T02:00:00Z')).toBe(9); // Saturday
    expect(onDuty([everyDay, weekends], '2027-03-08T02:00:00Z')).toBe(1); // Monday
    expect(
      resolveOnDuty(
        { versions: [everyDay, weekends], overrides: [], inactive: [] },
        at('2027-03-06T02:00:00Z'),
      ).primary,
    ).toEqual({
      staffId: 9,
      source: { kind: 'rotation', rotationId: 2 },
    });
  });

  it('leaves other positions alone', () => {
    const backup = rotation({ position: 'backup', members: [5] });
    const duty = resolveOnDuty(
      { versions: [backup], overrides: [], inactive: [] },
      at('2027-03-02T00:00:00Z'),
    );
    expect(duty.backup.staffId).toBe(5);
    expect(duty.primary).toEqual({ staffId: null, source: null });
    expect(duty.supervisor).toEqual({ staffId: null, source: null });
  });
});

describe('overrides', () => {
  const single = rotation({ members: [1], shiftHours: 24 });
  const noon = '2027-03-01T12:00:00Z';

  it('an absence without cover leaves nobody on duty, and says which override caused the gap', () => {
    const sick = override({ id: 7, absentStaffId: 1 });
    expect(resolveOnDuty({ versions: [single], overrides: [sick], inactive: [] }, at(noon)).primary).toEqual({
      staffId: null,
      source: { kind: 'override', overrideId: 7 },
      vacancy: { staffId: 1, why: 'absent' },
    });
  });

  it('an absence with cover puts the cover on duty', () => {
    expect(
      onDuty([single], noon, [override({ id: 1, absentStaffId: 1, coverStaffId: 4, reason: 'swap' })]),
    ).toBe(4);
  });

  it('a cover alone fills a position nobody holds, but does not push out the person on duty', () => {
    const cover = override({ id: 1, coverStaffId: 4, position: 'backup' });
    expect(
      resolveOnDuty({ versions: [single], overrides: [cover], inactive: [] }, at(noon)).backup.staffId,
    ).toBe(4);
    expect(onDuty([single], noon, [override({ id: 2, coverStaffId: 4 })])).toBe(1);
  });

  it('a later cover fills the gap an earlier absence left', () => {
    const overrides = [override({ id: 1, absentStaffId: 1 }), override({ id: 2, coverStaffId: 6 })];
    expect(onDuty([single], noon, overrides)).toBe(6);
  });

  it('an absence of someone not on duty, or outside its time, changes nothing', () => {
    expect(onDuty([single], noon, [override({ id: 1, absentStaffId: 2 })])).toBe(1);
    const ended = override({ id: 1, absentStaffId: 1, from: '2027-03-01T00:00:00Z', to: noon });
    expect(onDuty([single], noon, [ended])).toBe(1);
    expect(onDuty([single], '2027-03-01T11:59:59.999Z', [ended])).toBeNull();
  });
});

describe('version history', () => {
  const original = rotation({ members: [1, 2], shiftHours: 24, effectiveFrom: '2027-02-01T00:00:00.000Z' });
  const edited = { ...original, members: [3, 4], effectiveFrom: '2027-03-10T03:00:00.000Z' };

  it('an edit effective today leaves who was on duty last week unchanged', () => {
    for (let day = 1; day <= 9; day++) {
      const instant = `2027-03-0${day}T12:00:00Z`;
      expect(onDuty([original, edited], instant)).toBe(onDuty([original], instant));
    }
  });

  it('the edit answers from its effective instant on', () => {
    expect(onDuty([original, edited], '2027-03-10T02:59:59.999Z')).toBe(2); // shift 9 → members[1]
    expect(onDuty([original, edited], '2027-03-10T03:00:00.000Z')).toBe(4);
  });

  it('a rotation has nobody on duty before its first version takes effect', () => {
    const late = { ...original, effectiveFrom: '2027-03-05T00:00:00.000Z' };
    expect(onDuty([late], '2027-03-04T12:00:00Z')).toBeNull();
  });
});

describe('inactive staff', () => {
  // Staff 2 was inactive from 1 March 12:00Z until 3 March 00:00Z.
  const away: InactiveSpan = { staffId: 2, from: '2027-03-01T12:00:00.000Z', to: '2027-03-03T00:00:00.000Z' };
  const pair = rotation({ rotationId: 1, members: [1, 2], shiftHours: 24 });
  const resolve = (versions: RotationVersion[], iso: string, overrides: Override[] = []) =>
    resolveOnDuty({ versions, overrides, inactive: [away] }, at(iso)).primary;

  it('an inactive member on a rotation is on duty nowhere, and the gap names them', () => {
    expect(resolve([pair], '2027-03-02T06:00:00Z')).toEqual({
      staffId: null,
      source: { kind: 'rotation', rotationId: 1 },
      vacancy: { staffId: 2, why: 'inactive' },
    });
  });

  it('counts only while they are inactive: their shifts before and after stand', () => {
    const before = rotation({ rotationId: 1, members: [2], shiftHours: 24 });
    expect(resolve([before], '2027-03-01T11:59:59.999Z').staffId).toBe(2);
    expect(resolve([before], '2027-03-01T12:00:00.000Z').staffId).toBeNull();
    expect(resolve([before], '2027-03-03T00:00:00.000Z').staffId).toBe(2);
  });

  it('leaves the position to an older rotation that still produces someone active', () => {
    const older = rotation({ rotationId: 1, members: [5], shiftHours: 24 });
    const newer = rotation({ rotationId: 2, members: [1, 2], shiftHours: 24 });
    expect(resolve([older, newer], '2027-03-02T06:00:00Z')).toEqual({
      staffId: 5,
      source: { kind: 'rotation', rotationId: 1 },
    });
  });

  it('a cover who is inactive covers nothing; a cover for an inactive member still covers', () => {
    const coveredByAway = override({
      id: 3,
      absentStaffId: 1,
      coverStaffId: 2,
      from: '2027-03-01T00:00:00Z',
    });
    expect(resolve([pair], '2027-03-01T13:00:00Z', [coveredByAway])).toEqual({
      staffId: null,
      source: { kind: 'override', overrideId: 3 },
      vacancy: { staffId: 2, why: 'inactive' },
    });
    const coverAlone = override({
      id: 4,
      coverStaffId: 2,
      from: '2027-03-02T00:00:00Z',
      to: '2027-03-03T00:00:00Z',
    });
    expect(resolve([], '2027-03-02T06:00:00Z', [coverAlone])).toEqual({ staffId: null, source: null });
    const forAway = override({
      id: 5,
      absentStaffId: 2,
      coverStaffId: 7,
      from: '2027-03-02T00:00:00Z',
      to: '2027-03-03T00:00:00Z',
    });
    expect(resolve([pair], '2027-03-02T06:00:00Z', [forAway]).staffId).toBe(7);
  });
});

describe('inactive spans from status changes', () => {
  it('open at each deactivation and close at the next activation, per member', () => {
    expect(
      toInactiveSpans([
        { staffId: 2, active: true, at: '2027-03-01T00:00:00.000Z' },
        { staffId: 1, active: false, at: '2027-03-05T00:00:00.000Z' },
        { staffId: 2, active: false, at: '2027-03-02T00:00:00.000Z' },
        { staffId: 2, active: true, at: '2027-03-03T00:00:00.000Z' },
        { staffId: 2, active: false, at: '2027-03-04T00:00:00.000Z' },
      ]),
    ).toEqual([
      { staffId: 1, from: '2027-03-05T00:00:00.000Z', to: null },
      { staffId: 2, from: '2027-03-02T00:00:00.000Z', to: '2027-03-03T00:00:00.000Z' },
      { staffId: 2, from: '2027-03-04T00:00:00.000Z', to: null },
    ]);
  });
});
