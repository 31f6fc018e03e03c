import { parse } from 'csv-parse/sync';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

// February 2027 in Shanghai: [2027-01-31T16:00Z, 2027-02-28T16:00Z), 672 h. The seeded rotations
// (primary Wang, backup Li, supervisor Zhao, 24 h from 08:00 local) begin on 2027-02-01T00:00Z, so
// every position is held for the last 664 h of the window and nobody for its first 8 h.
const FEBRUARY = { from: '2027-02-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' };
const MINUTE = 60_000;

type CaseSeed = {
  assignee: number | null;
  created: string;
  acknowledgedAfterMinutes?: number;
  acknowledged?: string;
  resolved?: string;
  due?: string;
  feedbackVia?: 'sms' | 'call';
  answer?: 'satisfied' | 'unsatisfied';
  answered?: string;
  reopened?: boolean;
  mergedInto?: number;
};

type CallSeed = { started: string; outcome: 'message' | 'abandoned'; missed?: boolean };

describe('GET /api/reports/staff: the appraisal', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  let sequence = 0;
  async function seedCase(seed: CaseSeed): Promise<number> {
    sequence += 1;
    const acknowledged =
      seed.acknowledged ??
      (seed.acknowledgedAfterMinutes === undefined
        ? null
        : new Date(Date.parse(seed.created) + seed.acknowledgedAfterMinutes * MINUTE).toISOString());
    const status = seed.mergedInto
      ? 'merged'
      : seed.resolved
        ? 'resolved'
        : acknowledged
          ? 'acknowledged'
          : 'assigned';
    const row = await ctx.container.db
      .insertInto('cases')
      .values({
        ref: String(40_000_000 + sequence),
        status,
        channel: 'voice',
        phone: `+86139000${String(sequence).padStart(5, '0')}`,
        language: 'en',
        category: 'roads',
        priority: 'normal',
        description: `case ${sequence}`,
        on_duty: '{}',
        assignee_id: seed.assignee,
        acknowledged_at: acknowledged,
        result: seed.resolved ? 'fixed' : null,
        resolved_at: seed.resolved ?? null,
        due_at: seed.due ?? null,
        feedback_delivered_at: seed.feedbackVia === 'sms' ? seed.resolved : null,
        feedback_via: seed.feedbackVia ?? null,
        satisfaction_answer: seed.answer ?? null,
        satisfaction_answered_at: seed.answered ?? null,
        merged_into: seed.mergedInto ?? null,
        created_at: seed.created,
        updated_at: seed.created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (seed.reopened)
      await ctx.container.db
        .insertInto('case_events')
        .values({
          case_id: row.id,
          at: seed.resolved ?? seed.created,
          type: 'reopened',
          actor_type: 'citizen',
          actor_id: null,
          channel: 'sms',
          data: '{}',
        })
        .execute();
    return row.id;
  }

  async function seedCall(call: CallSeed) {
    sequence += 1;
    await ctx.container.db
      .insertInto('calls')
      .values({
        call_sid: `CA${String(sequence).padStart(32, '0')}`,
        from_phone: '+8613912345678',
        language: 'en',
        status: 'completed',
        on_duty: '{}',
        outcome: call.outcome,
        officer_requested_at: call.missed ? call.started : null,
        missed: call.missed ? 1 : 0,
        started_at: call.started,
        created_at: call.started,
        updated_at: call.started,
      })
      .execute();
  }

  async function seedCallbackDone(caseId: number, doneBy: number, doneAt: string) {
    await ctx.container.db
      .insertInto('callback_tasks')
      .values({
        case_id: caseId,
        reason: 'abandoned_call',
        due_at: doneAt,
        created_at: doneAt,
        done_at: doneAt,
        outcome: 'reached',
        done_by: doneBy,
        updated_at: doneAt,
      })
      .execute();
  }

  async function addOverride(body: Record<string, unknown>) {
    const now = ctx.clock.now();
    // Entered beforehand, as a planned absence is: the roster never rewrites the past.
    ctx.clock.set('2027-02-01T00:00:00Z');
    try {
      const res = await ctx.api('post', '/api/roster/overrides').send(body);
      expect(res.status).toBe(201);
    } finally {
      ctx.clock.set(now);
    }
  }

  async function seedFebruary() {
    const { primary: wang, backup: li, colleague: chen } = team;
    // The roster. Wang is sick for two shifts (Chen covers) and on leave for one (Li covers).
    await addOverride({
      absentStaffId: wang.id,
      coverStaffId: chen.id,
      position: 'primary',
      from: '2027-02-10T00:00:00Z',
      to: '2027-02-12T00:00:00Z',
      reason: 'sick',
    });
    await addOverride({
      absentStaffId: wang.id,
      coverStaffId: li.id,
      position: 'primary',
      from: '2027-02-20T00:00:00Z',
      to: '2027-02-21T00:00:00Z',
      reason: 'leave',
    });

    // Wang's cases.
    const w1 = await seedCase({
      assignee: wang.id,
      created: '2027-02-02T00:00:00Z',
      acknowledgedAfterMinutes: 10,
      resolved: '2027-02-03T00:00:00Z',
      due: '2027-02-04T00:00:00Z', // on time
      feedbackVia: 'sms',
      answer: 'satisfied',
      answered: '2027-02-03T01:00:00Z',
    });
    await seedCase({
      assignee: wang.id,
      created: '2027-02-05T00:00:00Z',
      acknowledgedAfterMinutes: 30,
      resolved: '2027-02-09T00:00:00Z',
      due: '2027-02-08T00:00:00Z', // late
      feedbackVia: 'call',
      answer: 'unsatisfied',
      answered: '2027-02-09T02:00:00Z',
      reopened: true,
    });
    await seedCase({
      assignee: wang.id,
      created: '2027-02-06T00:00:00Z',
      acknowledgedAfterMinutes: 20,
      resolved: '2027-02-07T00:00:00Z',
      due: '2027-02-10T00:00:00Z', // on time, the result never reached the citizen
    });
    await seedCase({ assignee: wang.id, created: '2027-02-15T00:00:00Z', acknowledgedAfterMinutes: 40 });
    // A neighbour's complaint Li held, merged into Wang's first case: the answer is about Wang's result.
    await seedCase({
      assignee: li.id,
      created: '2027-02-02T01:00:00Z',
      mergedInto: w1,
      answer: 'unsatisfied',
      answered: '2027-02-03T02:00:00Z',
    });

    // Chen's cases, during the cover.
    const c1 = await seedCase({
      assignee: chen.id,
      created: '2027-02-10T01:00:00Z',
      acknowledgedAfterMinutes: 5,
      resolved: '2027-02-10T05:00:00Z',
      due: '2027-02-11T00:00:00Z',
      feedbackVia: 'sms',
      answer: 'satisfied',
      answered: '2027-02-10T06:00:00Z',
    });
    await seedCase({
      assignee: chen.id,
      created: '2027-02-10T02:00:00Z',
      acknowledgedAfterMinutes: 15,
      resolved: '2027-02-11T00:00:00Z',
      due: '2027-02-12T00:00:00Z',
      answer: 'satisfied',
      answered: '2027-02-11T01:00:00Z',
    });
    await seedCase({ assignee: chen.id, created: '2027-02-11T03:00:00Z', acknowledgedAfterMinutes: 60 });
    await seedCallbackDone(c1, chen.id, '2027-02-12T03:00:00Z');
    await seedCallbackDone(c1, chen.id, '2027-03-01T01:00:00Z'); // after the window

    // Li's: one from January resolved late in February, one that arrived in February.
    await seedCase({
      assignee: li.id,
      created: '2027-01-20T00:00:00Z',
      acknowledged: '2027-01-20T01:00:00Z',
      resolved: '2027-02-20T05:00:00Z',
      due: '2027-02-01T00:00:00Z',
    });
    await seedCase({ assignee: li.id, created: '2027-02-21T00:00:00Z' });

    // Calls, by whose primary shift they came in.
    await seedCall({ started: '2027-01-31T18:00:00Z', outcome: 'message', missed: true }); // nobody's shift
    await seedCall({ started: '2027-01-31T19:00:00Z', outcome: 'abandoned' }); // nobody's shift
    await seedCall({ started: '2027-02-03T02:00:00Z', outcome: 'message', missed: true }); // Wang
    await seedCall({ started: '2027-02-04T02:00:00Z', outcome: 'message', missed: true }); // Wang
    await seedCall({ started: '2027-02-05T02:00:00Z', outcome: 'abandoned' }); // Wang
    await seedCall({ started: '2027-02-05T03:00:00Z', outcome: 'message' }); // Wang, not missed
    await seedCall({ started: '2027-02-10T05:00:00Z', outcome: 'message', missed: true }); // Chen
    await seedCall({ started: '2027-02-11T02:00:00Z', outcome: 'abandoned' }); // Chen
    await seedCall({ started: '2027-02-11T04:00:00Z', outcome: 'abandoned' }); // Chen
    await seedCall({ started: '2027-02-20T06:00:00Z', outcome: 'abandoned' }); // Li, covering
    await seedCall({ started: '2027-02-28T17:00:00Z', outcome: 'message', missed: true }); // after it
  }

  // Worked by hand from seedFebruary:
  // Wang: 4 cases arrived and held; 3 resolved (Feb 3 on time, Feb 9 late, Feb 7 on time): on time 2/3;
  //   feedback by SMS and by call, none on the third: 2/3; answers: his own two (satisfied,
  //   unsatisfied) and the merged neighbour's (unsatisfied): 1/3; one reopened of 3: 1/3;
  //   acknowledged after 10, 30, 20, 40 min: median of four = (20 + 30) / 2 = 25 min = 1500 s;
  //   primary shifts: missed Feb 3 and Feb 4 = 2, abandoned Feb 5 = 1; duty 664 − 48 − 24 = 592 h;
  //   sick Feb 10–12 = 48 h, leave Feb 20–21 = 24 h.
  // Chen: 3 arrived and held; 2 resolved, both on time: 1; feedback on one: 1/2; satisfied 2/2;
  //   reopened 0/2 = 0; acknowledged after 5, 15, 60 min: median of three = 15 min = 900 s; on his
  //   two cover shifts: missed 1, abandoned 2; one call-back done in February; duty 48 h.
  // Li: 1 arrived (Feb 21); 1 resolved (the January case, late, no feedback): on time 0, feedback 0,
  //   reopen 0; no answers (the merged one counts for Wang): null; acknowledged nothing in February:
  //   null; covering Feb 20: abandoned 1; backup all along and primary within it: 664 h.
  // Zhao: the supervisor's 664 h, nothing else.
  // The calls before the rotations began and after the window count for nobody.
  const expected = () => [
    {
      staffId: team.primary.id,
      name: 'Wang Fang',
      active: true,
      casesAssigned: 4,
      casesResolved: 3,
      medianAcknowledgeSeconds: 1500,
      onTimeRate: 2 / 3,
      feedbackRate: 2 / 3,
      satisfactionRate: 1 / 3,
      reopenRate: 1 / 3,
      missedCalls: 2,
      abandonedCalls: 1,
      callbacksDone: 0,
      dutyHours: 592,
      sickHours: 48,
      leaveHours: 24,
    },
    {
      staffId: team.backup.id,
      name: 'Li Qiang',
      active: true,
      casesAssigned: 1,
      casesResolved: 1,
      medianAcknowledgeSeconds: null,
      onTimeRate: 0,
      feedbackRate: 0,
      satisfactionRate: null,
      reopenRate: 0,
      missedCalls: 0,
      abandonedCalls: 1,
      callbacksDone: 0,
      dutyHours: 664,
      sickHours: 0,
      leaveHours: 0,
    },
    {
      staffId: team.supervisor.id,
      name: 'Zhao Min',
      active: true,
      casesAssigned: 0,
      casesResolved: 0,
      medianAcknowledgeSeconds: null,
      onTimeRate: null,
      feedbackRate: null,
      satisfactionRate: null,
      reopenRate: null,
      missedCalls: 0,
      abandonedCalls: 0,
      callbacksDone: 0,
      dutyHours: 664,
      sickHours: 0,
      leaveHours: 0,
    },
    {
      staffId: team.colleague.id,
      name: 'Chen Jie',
      active: true,
      casesAssigned: 3,
      casesResolved: 2,
      medianAcknowledgeSeconds: 900,
      onTimeRate: 1,
      feedbackRate: 0.5,
      satisfactionRate: 1,
      reopenRate: 0,
      missedCalls: 1,
      abandonedCalls: 2,
      callbacksDone: 1,
      dutyHours: 48,
      sickHours: 0,
      leaveHours: 0,
    },
  ];

  it('gives each officer the hand-computed figures for a seeded month, as JSON', async () => {
    await seedFebruary();
    const res = await ctx.api('get', '/api/reports/staff', supervisorToken).query(FEBRUARY);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2027-02-01T00:00:00.000+08:00');
    expect(res.body.to).toBe('2027-03-01T00:00:00.000+08:00');
    expect(res.body.staff).toEqual(expected());
  });

  it('gives the same figures as CSV with a header row', async () => {
    await seedFebruary();
    const res = await ctx
      .api('get', '/api/reports/staff', supervisorToken)
      .query({ ...FEBRUARY, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    const cell = (value: number | boolean | string | null) => (value === null ? '' : String(value));
    expect(rows).toEqual(
      expected().map((row) => ({
        staff_id: cell(row.staffId),
        name: row.name,
        active: cell(row.active),
        cases_assigned: cell(row.casesAssigned),
        cases_resolved: cell(row.casesResolved),
        median_acknowledge_seconds: cell(row.medianAcknowledgeSeconds),
        on_time_rate: cell(row.onTimeRate),
        feedback_rate: cell(row.feedbackRate),
        satisfaction_rate: cell(row.satisfactionRate),
        reopen_rate: cell(row.reopenRate),
        missed_calls: cell(row.missedCalls),
        abandoned_calls: cell(row.abandonedCalls),
        callbacks_done: cell(row.callbacksDone),
        duty_hours: cell(row.dutyHours),
        sick_hours: cell(row.sickHours),
        leave_hours: cell(row.leaveHours),
      })),
    );
  });

  it('the per-officer figures add up to the global KPIs for the same month', async () => {
    await seedFebruary();
    const [staff, kpis] = await Promise.all([
      ctx.api('get', '/api/reports/staff', supervisorToken).query(FEBRUARY),
      ctx.api('get', '/api/reports/kpis', supervisorToken).query(FEBRUARY),
    ]);
    const rows = staff.body.staff as ReturnType<typeof expected>;
    const resolved = rows.reduce((sum, row) => sum + row.casesResolved, 0);
    const onTime = rows.reduce((sum, row) => sum + (row.onTimeRate ?? 0) * row.casesResolved, 0);
    expect(resolved).toBe(6);
    expect(onTime / resolved).toBeCloseTo(kpis.body.onTimeCompletionRate, 10);
  });

  it('a staff member sees only their own row, as JSON and CSV, even with nothing to count', async () => {
    await seedFebruary();
    const chenToken = await issueToken(ctx, team.colleague.id);
    const json = await ctx.api('get', '/api/reports/staff', chenToken).query(FEBRUARY);
    expect(json.status).toBe(200);
    expect(json.body.staff).toEqual([expected()[3]]);
    const csv = await ctx.api('get', '/api/reports/staff', chenToken).query({ ...FEBRUARY, format: 'csv' });
    expect((parse(csv.text, { columns: true }) as { name: string }[]).map((row) => row.name)).toEqual([
      'Chen Jie',
    ]);
    // A window in which Chen did nothing still answers with his (empty) row.
    const quiet = await ctx
      .api('get', '/api/reports/staff', chenToken)
      .query({ from: '2027-01-01T00:00:00+08:00', to: '2027-01-15T00:00:00+08:00' });
    expect(quiet.body.staff).toEqual([
      expect.objectContaining({
        staffId: team.colleague.id,
        casesAssigned: 0,
        dutyHours: 0,
        onTimeRate: null,
      }),
    ]);
  });

  it('counts hours up to now in a window that reaches into the future, never the shifts still to come', async () => {
    // Now is 1 March 10:00 Shanghai; Wang has held the primary desk all day: 10 h so far, not 7 days' worth.
    const week = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-08T00:00:00+08:00' };
    const res = await ctx.api('get', '/api/reports/staff', supervisorToken).query(week);
    expect(res.status).toBe(200);
    const wang = res.body.staff.find((row: { staffId: number }) => row.staffId === team.primary.id);
    expect(wang.dutyHours).toBe(10);
  });

  it('refuses a window it cannot read with 400 and a code', async () => {
    for (const query of [
      { from: 'yesterday', to: FEBRUARY.to },
      { from: FEBRUARY.to, to: FEBRUARY.from },
      { ...FEBRUARY, format: 'xml' },
    ]) {
      const res = await ctx.api('get', '/api/reports/staff', supervisorToken).query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
  });
});
