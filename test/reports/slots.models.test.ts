import { splitIntoSlots } from '../../src/reports/slots.models';
import { resolveSegments } from '../../src/roster/roster.segments';
import { handoffsByRotation } from '../../src/roster/roster.shifts';
import { at, rotationVersion, spans } from './fixtures';

const primarySlots = (roster: Parameters<typeof resolveSegments>[0], from: string, to: string) => {
  const segments = resolveSegments(roster, at(from), at(to)).filter((s) => s.position === 'primary');
  return splitIntoSlots(segments, handoffsByRotation(roster.versions, 'primary', at(from), at(to)));
};

describe('shift slots of the primary position', () => {
  it('one person on shift three days running is merged by resolution, and split back at each 08:00 handoff', () => {
    const roster = { versions: [rotationVersion()], overrides: [], inactive: [] };
    const from = '2027-03-01T00:00:00.000Z';
    const to = '2027-03-04T00:00:00.000Z';
    expect(resolveSegments(roster, at(from), at(to)).filter((s) => s.position === 'primary')).toHaveLength(1);
    expect(spans(primarySlots(roster, from, to))).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z', 1],
      ['2027-03-02T00:00:00.000Z', '2027-03-03T00:00:00.000Z', 1],
      ['2027-03-03T00:00:00.000Z', '2027-03-04T00:00:00.000Z', 1],
    ]);
  });

  it('a window that starts mid-shift starts its first slot at the window', () => {
    const roster = { versions: [rotationVersion({ members: [1, 2] })], overrides: [], inactive: [] };
    expect(spans(primarySlots(roster, '2027-03-01T12:00:00.000Z', '2027-03-02T12:00:00.000Z'))).toEqual([
      ['2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z', 1],
      ['2027-03-02T00:00:00.000Z', '2027-03-02T12:00:00.000Z', 2],
    ]);
  });

  it('a sick note without cover across a handoff is two empty slots; a cover inside a shift cuts it in three', () => {
    const roster = {
      versions: [rotationVersion()],
      overrides: [
        {
          id: 5,
          position: 'primary' as const,
          absentStaffId: 1,
          coverStaffId: null,
          from: '2027-03-01T12:00:00.000Z',
          to: '2027-03-02T06:00:00.000Z',
          reason: 'sick' as const,
        },
        {
          id: 6,
          position: 'primary' as const,
          absentStaffId: 1,
          coverStaffId: 3,
          from: '2027-03-02T06:00:00.000Z',
          to: '2027-03-02T10:00:00.000Z',
          reason: 'swap' as const,
        },
      ],
      inactive: [],
    };
    const slots = primarySlots(roster, '2027-03-01T00:00:00.000Z', '2027-03-03T00:00:00.000Z');
    expect(spans(slots)).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z', 1],
      ['2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z', null],
      ['2027-03-02T00:00:00.000Z', '2027-03-02T06:00:00.000Z', null],
      ['2027-03-02T06:00:00.000Z', '2027-03-02T10:00:00.000Z', 3],
      ['2027-03-02T10:00:00.000Z', '2027-03-03T00:00:00.000Z', 1],
    ]);
    expect(slots.map((slot) => slot.source)).toEqual([
      { kind: 'rotation', rotationId: 1 },
      { kind: 'override', overrideId: 5 },
      { kind: 'override', overrideId: 5 },
      { kind: 'override', overrideId: 6 },
      { kind: 'rotation', rotationId: 1 },
    ]);
  });

  it('boundaries follow the version in force: a switch to 12-hour shifts moves only later handoffs', () => {
    const roster = {
      versions: [
        rotationVersion(),
        rotationVersion({ effectiveFrom: '2027-03-02T00:00:00.000Z', shiftHours: 12 }),
      ],
      overrides: [],
      inactive: [],
    };
    expect(spans(primarySlots(roster, '2027-03-01T00:00:00.000Z', '2027-03-03T00:00:00.000Z'))).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z', 1],
      ['2027-03-02T00:00:00.000Z', '2027-03-02T12:00:00.000Z', 1],
      ['2027-03-02T12:00:00.000Z', '2027-03-03T00:00:00.000Z', 1],
    ]);
  });

  it("a rotation's shifts are not cut at another rotation's handoffs, and before any rotation there is one empty slot", () => {
    const roster = {
      versions: [
        rotationVersion(),
        // Weekend evenings only, handing off at 20:00 local; 1 March 2027 is a Monday.
        rotationVersion({
          rotationId: 2,
          name: 'weekend evenings',
          startLocal: '2027-02-01T20:00',
          members: [9],
          weekdays: [6, 7],
          window: { start: '20:00', end: '23:00' },
        }),
      ],
      overrides: [],
      inactive: [],
    };
    expect(spans(primarySlots(roster, '2027-03-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z'))).toEqual([
      ['2027-03-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z', 1],
    ]);
    expect(spans(primarySlots(roster, '2027-01-20T00:00:00.000Z', '2027-01-22T00:00:00.000Z'))).toEqual([
      ['2027-01-20T00:00:00.000Z', '2027-01-22T00:00:00.000Z', null],
    ]);
  });
});
