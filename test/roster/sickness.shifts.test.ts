import type { Override, RotationVersion } from '../../src/roster/roster.models';
import { dutyShifts } from '../../src/roster/roster.shifts';

function rotation(fields: Partial<RotationVersion>): RotationVersion {
  return {
    rotationId: 1,
    effectiveFrom: '2020-01-01T00:00:00.000Z',
    name: 'Primary',
    position: 'primary',
    timezone: 'Asia/Shanghai',
    startLocal: '2027-03-01T08:00',
    shiftHours: 24,
    members: [1],
    weekdays: null,
    window: null,
    ...fields,
  };
}

const at = (iso: string) => new Date(iso);
const spans = (shifts: ReturnType<typeof dutyShifts>) =>
  shifts.map((shift) => [shift.position, shift.staffId, shift.from.toISOString(), shift.to.toISOString()]);

describe('shifts: what a sick note and a shift reminder are about', () => {
  it('someone alone on a rotation starts a new shift at every handoff', () => {
    const shifts = dutyShifts(
      { versions: [rotation({})], overrides: [], inactive: [] },
      at('2027-03-01T12:00:00Z'),
      at('2027-03-03T12:00:00Z'),
    );
    expect(spans(shifts)).toEqual([
      ['primary', 1, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z'],
      ['primary', 1, '2027-03-02T00:00:00.000Z', '2027-03-03T00:00:00.000Z'],
      ['primary', 1, '2027-03-03T00:00:00.000Z', '2027-03-03T12:00:00.000Z'],
    ]);
  });

  it('a cover runs as its own shift, cut at the handoff it spans; an edit with the same person is no new shift', () => {
    const cover: Override = {
      id: 7,
      position: 'primary',
      absentStaffId: 1,
      coverStaffId: 2,
      from: '2027-03-02T20:00:00.000Z',
      to: '2027-03-03T04:00:00.000Z',
      reason: 'sick',
    };
    const edited = rotation({ effectiveFrom: '2027-03-02T03:00:00.000Z', name: 'Primary desk' });
    const shifts = dutyShifts(
      { versions: [rotation({}), edited], overrides: [cover], inactive: [] },
      at('2027-03-02T00:00:00Z'),
      at('2027-03-03T12:00:00Z'),
    );
    expect(spans(shifts)).toEqual([
      ['primary', 1, '2027-03-02T00:00:00.000Z', '2027-03-02T20:00:00.000Z'],
      ['primary', 2, '2027-03-02T20:00:00.000Z', '2027-03-03T00:00:00.000Z'],
      ['primary', 2, '2027-03-03T00:00:00.000Z', '2027-03-03T04:00:00.000Z'],
      ['primary', 1, '2027-03-03T04:00:00.000Z', '2027-03-03T12:00:00.000Z'],
    ]);
  });

  it('a night window makes the shift run from its opening to the handoff', () => {
    const night = rotation({ position: 'backup', window: { start: '20:00', end: '08:00' } });
    const shifts = dutyShifts(
      { versions: [night], overrides: [], inactive: [] },
      at('2027-03-01T02:00:00Z'),
      at('2027-03-02T16:00:00Z'),
    );
    expect(spans(shifts)).toEqual([
      ['backup', 1, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z'],
      ['backup', 1, '2027-03-02T12:00:00.000Z', '2027-03-02T16:00:00.000Z'],
    ]);
  });
});
