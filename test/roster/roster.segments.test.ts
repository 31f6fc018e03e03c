import { type Override, type RotationVersion, resolveOnDuty } from '../../src/roster/roster.models';
import { resolveSegments } from '../../src/roster/roster.segments';

function rotation(fields: Partial<RotationVersion>): RotationVersion {
  return {
    rotationId: 1,
    effectiveFrom: '2020-01-01T00:00:00.000Z',
    name: 'Primary',
    position: 'primary',
    timezone: 'America/New_York',
    startLocal: '2027-03-01T08:00',
    shiftHours: 24,
    members: [1, 2],
    weekdays: null,
    window: null,
    ...fields,
  };
}

const at = (iso: string) => new Date(iso);

describe('the resolved timeline', () => {
  it('splits at handoffs and at an absence, naming the cause of each stretch', () => {
    const daily = rotation({ timezone: 'Asia/Shanghai' }); // handoffs at 00:00Z
    const sick: Override = {
      id: 3,
      position: 'primary',
      absentStaffId: 2,
      coverStaffId: null,
      from: '2027-03-02T06:00:00.000Z',
      to: '2027-03-02T09:00:00.000Z',
      reason: 'sick',
    };
    const segments = resolveSegments(
      { versions: [daily], overrides: [sick], inactive: [] },
      at('2027-03-01T12:00:00Z'),
      at('2027-03-03T12:00:00Z'),
    );
    const primary = segments
      .filter((segment) => segment.position === 'primary')
      .map(({ staffId, from, to, source }) => ({
        staffId,
        from: from.toISOString(),
        to: to.toISOString(),
        source,
      }));
    const rotationSource = { kind: 'rotation', rotationId: 1 };
    expect(primary).toEqual([
      {
        staffId: 1,
        from: '2027-03-01T12:00:00.000Z',
        to: '2027-03-02T00:00:00.000Z',
        source: rotationSource,
      },
      {
        staffId: 2,
        from: '2027-03-02T00:00:00.000Z',
        to: '2027-03-02T06:00:00.000Z',
        source: rotationSource,
      },
      {
        staffId: null,
        from: '2027-03-02T06:00:00.000Z',
        to: '2027-03-02T09:00:00.000Z',
        source: { kind: 'override', overrideId: 3 },
      },
      {
        staffId: 2,
        from: '2027-03-02T09:00:00.000Z',
        to: '2027-03-03T00:00:00.000Z',
        source: rotationSource,
      },
      {
        staffId: 1,
        from: '2027-03-03T00:00:00.000Z',
        to: '2027-03-03T12:00:00.000Z',
        source: rotationSource,
      },
    ]);
    expect(segments.filter((segment) => segment.position === 'backup')).toEqual([
      {
        position: 'backup',
        staffId: null,
        from: at('2027-03-01T12:00:00Z'),
        to: at('2027-03-03T12:00:00Z'),
        source: null,
      },
    ]);
  });

  it('a 02:00–04:00 window is open only from 03:00 EDT on spring-forward day', () => {
    const night = rotation({ members: [5], window: { start: '02:00', end: '04:00' } });
    const segments = resolveSegments(
      { versions: [night], overrides: [], inactive: [] },
      at('2027-03-14T00:00:00Z'),
      at('2027-03-15T00:00:00Z'),
    );
    const onDuty = segments.filter((segment) => segment.position === 'primary' && segment.staffId === 5);
    expect(onDuty.map(({ from, to }) => [from.toISOString(), to.toISOString()])).toEqual([
      ['2027-03-14T07:00:00.000Z', '2027-03-14T08:00:00.000Z'],
    ]);
  });

  it('agrees minute by minute with asking who is on duty, across both DST changes and changes of activity', () => {
    const roster = {
      versions: [
        rotation({ rotationId: 1, startLocal: '2027-03-12T02:30', shiftHours: 12, members: [1, 2, 3] }),
        rotation({
          rotationId: 2,
          startLocal: '2027-03-01T08:00',
          shiftHours: 24,
          members: [7],
          window: { start: '22:15', end: '01:45' },
          weekdays: [6, 7],
        }),
        rotation({
          rotationId: 2,
          startLocal: '2027-03-01T08:00',
          shiftHours: 24,
          members: [8],
          window: { start: '01:30', end: '02:30' },
          effectiveFrom: '2027-11-06T12:00:00.000Z',
        }),
        rotation({
          rotationId: 3,
          position: 'backup',
          startLocal: '2027-03-01T00:00',
          shiftHours: 1,
          members: [4, 5],
        }),
      ],
      overrides: [
        {
          id: 1,
          position: 'primary' as const,
          absentStaffId: 2,
          coverStaffId: 9,
          from: '2027-03-14T05:00:00Z',
          to: '2027-03-14T09:00:00Z',
          reason: 'swap' as const,
        },
        {
          id: 2,
          position: 'backup' as const,
          absentStaffId: 4,
          coverStaffId: null,
          from: '2027-11-07T04:00:00Z',
          to: '2027-11-07T08:00:00Z',
          reason: 'leave' as const,
        },
      ],
      // A rotation member away for a day, the cover away during the swap, a backup gone for good.
      inactive: [
        { staffId: 1, from: '2027-03-14T06:10:00.000Z', to: '2027-03-14T07:00:00.000Z' },
        { staffId: 9, from: '2027-03-14T08:20:00.000Z', to: '2027-03-14T08:40:00.000Z' },
        { staffId: 5, from: '2027-11-07T05:30:00.000Z', to: null },
      ],
    };
    for (const [fromIso, toIso] of [
      ['2027-03-13T00:00:00Z', '2027-03-16T00:00:00Z'],
      ['2027-11-06T00:00:00Z', '2027-11-09T00:00:00Z'],
    ]) {
      const segments = resolveSegments(roster, at(fromIso), at(toIso));
      for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 60_000) {
        const expected = resolveOnDuty(roster, new Date(t));
        for (const position of ['primary', 'backup'] as const) {
          const segment = segments.find(
            (s) => s.position === position && s.from.getTime() <= t && t < s.to.getTime(),
          );
          expect({
            at: new Date(t).toISOString(),
            staffId: segment?.staffId,
            vacancy: segment?.vacancy,
          }).toEqual({
            at: new Date(t).toISOString(),
            staffId: expected[position].staffId,
            vacancy: expected[position].vacancy,
          });
        }
      }
    }
  });

  it('is empty for an empty window', () => {
    expect(
      resolveSegments(
        { versions: [], overrides: [], inactive: [] },
        at('2027-03-02T00:00:00Z'),
        at('2027-03-02T00:00:00Z'),
      ),
    ).toEqual([]);
  });
});
