import type { Absence } from '../../src/reports/absences.models';
import {
  absenceHours,
  appraisalScope,
  appraisedStaffIds,
  callsOnShifts,
  median,
} from '../../src/reports/appraisal/appraisal.models';
import { NO_ACTIVITY } from '../../src/reports/slot-calls.models';
import { at, segment } from './fixtures';

const absence = (
  staffId: number,
  reason: Absence['reason'],
  from: string,
  to: string,
  position: Absence['position'] = 'primary',
): Absence => ({
  overrideId: 1,
  position,
  staffId,
  coverStaffIds: [],
  from: at(from),
  to: at(to),
  reason,
  covered: true,
});

describe('appraisal models', () => {
  it('the median of an odd count is the middle one, of an even count the mean of the middle two, of none null', () => {
    expect(median([60, 5, 15])).toBe(15);
    expect(median([10, 40, 30, 20])).toBe(25);
    expect(median([])).toBeNull();
  });

  it('sick and leave hours count inside the window only, an absence from two positions at once counting once', () => {
    const hours = absenceHours(
      [
        absence(1, 'sick', '2027-02-10T00:00:00Z', '2027-02-12T00:00:00Z', 'primary'),
        absence(1, 'sick', '2027-02-11T00:00:00Z', '2027-02-12T00:00:00Z', 'backup'),
        // Begins before the window: only its last 6 hours count.
        absence(2, 'leave', '2027-01-31T10:00:00Z', '2027-01-31T22:00:00Z'),
        // A swap is no absence of the person's time.
        absence(3, 'swap', '2027-02-03T00:00:00Z', '2027-02-04T00:00:00Z'),
      ],
      at('2027-01-31T16:00:00Z'),
      at('2027-02-28T16:00:00Z'),
    );
    expect(Object.fromEntries(hours)).toEqual({ 1: { sick: 48, leave: 0 }, 2: { sick: 0, leave: 6 } });
  });

  it('missed and abandoned calls count for whoever held the primary slot, and for nobody in an empty one', () => {
    const activity = (missed: number, abandoned: number) => ({
      ...NO_ACTIVITY,
      calls: { ...NO_ACTIVITY.calls, missed, abandoned },
    });
    const slots = [
      { ...segment('primary', 1, '2027-02-01T00:00:00Z', '2027-02-02T00:00:00Z'), ...activity(2, 1) },
      { ...segment('primary', null, '2027-02-02T00:00:00Z', '2027-02-03T00:00:00Z'), ...activity(5, 5) },
      { ...segment('primary', 1, '2027-02-03T00:00:00Z', '2027-02-04T00:00:00Z'), ...activity(1, 0) },
    ];
    expect(Object.fromEntries(callsOnShifts(slots))).toEqual({ 1: { missed: 3, abandoned: 1 } });
  });

  it('lists whoever had cases, calls, duty or absences in the window, and nobody with only zero hours', () => {
    expect(
      appraisedStaffIds({
        counts: new Map([
          [
            4,
            {
              assigned: 1,
              resolutions: { resolved: 0, onTime: 0, withFeedback: 0, reopened: 0 },
              answers: { answers: 0, satisfied: 0 },
              acknowledgeMs: [],
              callbacksDone: 0,
            },
          ],
        ]),
        calls: new Map([[2, { missed: 0, abandoned: 1 }]]),
        dutyHours: new Map([
          [1, 10],
          [5, 0],
        ]),
        absences: new Map([[3, { sick: 4, leave: 0 }]]),
      }),
    ).toEqual([1, 2, 3, 4]);
  });

  it('a staff member is appraised alone; supervisors and admins see everyone', () => {
    expect(appraisalScope({ role: 'staff', staffId: 7 })).toEqual({ only: 7 });
    expect(appraisalScope({ role: 'supervisor', staffId: 3 })).toEqual({});
    expect(appraisalScope({ role: 'admin' })).toEqual({});
  });
});
