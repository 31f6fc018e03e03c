import { findAbsences } from '../../src/reports/absences.models';
import { renderDutyGapCsv } from '../../src/reports/duty-gaps.csv';
import { buildDutyGapFindings, planSlots } from '../../src/reports/duty-gaps.models';
import { renderDutyGapReport } from '../../src/reports/duty-gaps.render';
import { NO_ACTIVITY } from '../../src/reports/slot-calls.models';
import { createRosterLabels } from '../../src/roster/roster.labels';
import type { Override } from '../../src/roster/roster.models';
import { resolveSegments } from '../../src/roster/roster.segments';
import { at, rotationVersion } from './fixtures';

const sick: Override = {
  id: 3,
  position: 'primary',
  absentStaffId: 1,
  coverStaffId: null,
  from: '2027-03-01T04:00:00.000Z',
  to: '2027-03-01T10:00:00.000Z',
  reason: 'sick',
};
const leave: Override = {
  id: 4,
  position: 'backup',
  absentStaffId: 2,
  coverStaffId: 5,
  from: '2027-02-27T00:00:00.000Z',
  to: '2027-03-01T02:00:00.000Z',
  reason: 'leave',
};
const extraHand: Override = {
  id: 6,
  position: 'supervisor',
  absentStaffId: null,
  coverStaffId: 7,
  from: '2027-03-01T00:00:00.000Z',
  to: '2027-03-01T08:00:00.000Z',
  reason: 'other',
};

describe('absences', () => {
  const from = at('2027-03-01T00:00:00.000Z');
  const to = at('2027-03-02T00:00:00.000Z');
  const versions = [
    rotationVersion(),
    rotationVersion({ rotationId: 2, name: 'backup desk', position: 'backup', members: [2] }),
  ];
  const absencesWith = (overrides: Override[]) =>
    findAbsences(overrides, resolveSegments({ versions, overrides, inactive: [] }, from, to), from, to);

  it('lists every absence overlapping the window with its own times, covered or not; a cover alone is no absence', () => {
    const absences = absencesWith([
      sick,
      leave,
      extraHand,
      { ...sick, id: 9, from: '2027-03-02T00:00:00.000Z', to: '2027-03-02T01:00:00.000Z' },
    ]);
    expect(
      absences.map((a) => [
        a.overrideId,
        a.staffId,
        a.from.toISOString(),
        a.reason,
        a.covered,
        a.coverStaffIds,
      ]),
    ).toEqual([
      [4, 2, '2027-02-27T00:00:00.000Z', 'leave', true, [5]],
      [3, 1, '2027-03-01T04:00:00.000Z', 'sick', false, []],
    ]);
  });

  it('counts a cover recorded on its own for the absence as covering it, as the roster page does', () => {
    const laterCover: Override = { ...extraHand, id: 7, position: 'primary', from: sick.from, to: sick.to };
    const [absence] = absencesWith([sick, laterCover]);
    expect(absence).toMatchObject({ overrideId: 3, covered: true, coverStaffIds: [7] });
  });

  it('is partly covered only when every stretch of it in the window has someone', () => {
    const halfCover: Override = {
      ...extraHand,
      id: 7,
      position: 'primary',
      from: sick.from,
      to: '2027-03-01T07:00:00.000Z',
    };
    const [absence] = absencesWith([sick, halfCover]);
    expect(absence).toMatchObject({ overrideId: 3, covered: false, coverStaffIds: [7] });
  });

  it('an absence while the absent person was not due leaves no gap', () => {
    const offDuty: Override = { ...sick, absentStaffId: 2 };
    const [absence] = absencesWith([offDuty]);
    expect(absence).toMatchObject({ covered: true, coverStaffIds: [] });
  });
});

describe('the whole report from its inputs', () => {
  const from = at('2027-03-01T00:00:00.000Z');
  const to = at('2027-03-02T00:00:00.000Z');
  const versions = [
    rotationVersion(),
    rotationVersion({ rotationId: 2, name: 'backup desk', position: 'backup', members: [2] }),
  ];
  const overrides = [sick, leave];
  const segments = resolveSegments({ versions, overrides, inactive: [] }, from, to);
  const slots = planSlots(segments, versions, from, to);
  // An abandoned call at 05:00 and its call-back, counted (by the database) in the slot holding 05:00.
  const fiveAm = at('2027-03-01T05:00:00.000Z').getTime();
  const activity = slots.map((slot) =>
    slot.from.getTime() <= fiveAm && fiveAm < slot.to.getTime()
      ? { calls: { ...NO_ACTIVITY.calls, offered: 1, abandoned: 1 }, callbacks: { due: 1, done: 0 } }
      : NO_ACTIVITY,
  );
  const findings = buildDutyGapFindings({
    from,
    to,
    petitions: [],
    now: at('2027-03-03T00:00:00.000Z'),
    segments,
    versions,
    overrides,
    slots,
    activity,
    awaitingSignOff: [],
    cases: [
      {
        ref: '12345674',
        status: 'assigned',
        dueAt: at('2027-03-01T20:00:00.000Z'),
        assigneeId: 1,
        result: null,
        feedbackDeliveredAt: null,
        feedbackVia: null,
      },
    ],
  });
  const labels = createRosterLabels({
    staff: new Map([
      [1, { id: 1, name: 'Wang Fang' }],
      [2, { id: 2, name: 'Li Qiang' }],
      [5, { id: 5, name: '=HYPERLINK("x")' }],
    ]),
    versions,
    overrides,
  });
  const report = renderDutyGapReport(findings, {
    labels,
    zone: 'Asia/Shanghai',
    now: at('2027-03-03T00:00:00Z'),
  });

  it('renders the contract keys with names and Shanghai times', () => {
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'coverage',
        'gaps',
        'noBackup',
        'absences',
        'slots',
        'cases',
        'hours',
        'balance',
      ]),
    );
    expect(report).toMatchObject({
      from: '2027-03-01T08:00:00.000+08:00',
      to: '2027-03-02T08:00:00.000+08:00',
      // 6 hours of 24 without a primary.
      coverage: { percent: 75 },
      gaps: [
        {
          position: 'primary',
          from: '2027-03-01T12:00:00.000+08:00',
          to: '2027-03-01T18:00:00.000+08:00',
          cause: 'absence_without_cover',
        },
      ],
      noBackup: [],
      cases: [{ ref: '12345674', missing: ['result', 'feedback'], dueAt: '2027-03-02T04:00:00.000+08:00' }],
      hours: [
        { staff: { id: 2, name: 'Li Qiang' }, hours: 22 },
        { staff: { id: 1, name: 'Wang Fang' }, hours: 18 },
        { staff: { id: 5, name: '=HYPERLINK("x")' }, hours: 2 },
      ],
      balance: 1.57,
    });
    expect(report.absences).toEqual([
      {
        staff: { id: 2, name: 'Li Qiang' },
        from: '2027-02-27T08:00:00.000+08:00',
        to: '2027-03-01T10:00:00.000+08:00',
        reason: 'leave',
        covered: true,
        covers: [{ id: 5, name: '=HYPERLINK("x")' }],
        position: 'backup',
        overrideId: 4,
      },
      {
        staff: { id: 1, name: 'Wang Fang' },
        from: '2027-03-01T12:00:00.000+08:00',
        to: '2027-03-01T18:00:00.000+08:00',
        reason: 'sick',
        covered: false,
        covers: [],
        position: 'primary',
        overrideId: 3,
      },
    ]);
    expect(report.slots).toEqual([
      {
        position: 'primary',
        staff: { id: 1, name: 'Wang Fang' },
        from: '2027-03-01T08:00:00.000+08:00',
        to: '2027-03-01T12:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: 1, name: 'primary desk' },
        calls: { offered: 0, connected: 0, message: 0, missed: 0, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      },
      {
        position: 'primary',
        staff: null,
        from: '2027-03-01T12:00:00.000+08:00',
        to: '2027-03-01T18:00:00.000+08:00',
        source: { kind: 'override', overrideId: 3, reason: 'sick' },
        calls: { offered: 1, connected: 0, message: 0, missed: 0, abandoned: 1 },
        callbacks: { due: 1, done: 0 },
      },
      {
        position: 'primary',
        staff: { id: 1, name: 'Wang Fang' },
        from: '2027-03-01T18:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: 1, name: 'primary desk' },
        calls: { offered: 0, connected: 0, message: 0, missed: 0, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      },
    ]);
  });

  it('the CSV has a header and one row per finding, and a name cannot run as a formula', () => {
    const lines = renderDutyGapCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'kind,position,staff_id,staff,from,to,cause,reason,covered,offered,connected,message,missed,abandoned,callbacks_due,callbacks_done,ref,missing,due_at,priority,resolved_at,hours,percent,balance,headcount,representatives,visit_date,merged_cases',
    );
    const kinds = lines.slice(1).map((line) => line.split(',')[0]);
    // coverage, balance, 1 gap, 0 no-backup, 2 absences, 3 slots, 1 case, 3 people.
    expect(kinds).toEqual([
      'coverage',
      'balance',
      'gap',
      'absence',
      'absence',
      'slot',
      'slot',
      'slot',
      'case',
      'hours',
      'hours',
      'hours',
    ]);
    expect(lines[1]).toBe(
      'coverage,,,,2027-03-01T08:00:00.000+08:00,2027-03-02T08:00:00.000+08:00,,,,,,,,,,,,,,,,,75,,,,,',
    );
    expect(lines[7]).toBe(
      'slot,primary,,,2027-03-01T12:00:00.000+08:00,2027-03-01T18:00:00.000+08:00,,,,1,0,0,0,1,1,0,,,,,,,,,,,,',
    );
    expect(lines[9]).toBe(
      'case,,1,Wang Fang,,,,,,,,,,,,,12345674,result;feedback,2027-03-02T04:00:00.000+08:00,,,,,,,,,',
    );
    expect(lines[12]).toBe(`hours,,5,"'=HYPERLINK(""x"")",,,,,,,,,,,,,,,,,,2,,,,,,`);
  });
});
