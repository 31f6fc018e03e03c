import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

// February 2027 in Shanghai: [2027-01-31T16:00Z, 2027-02-28T16:00Z). The test clock stands at
// 2027-03-01T02:00Z, after it, so every deadline in February has passed.
const FEBRUARY = { from: '2027-02-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' };

type CallSeed = {
  started: string;
  outcome: 'connected' | 'message' | 'status' | 'abandoned' | null;
  requested?: string;
  accepted?: string;
  missed?: boolean;
};

type CaseSeed = {
  key: string;
  status: string;
  channel: string;
  category: string;
  place?: string | null;
  created: string;
  due: string | null;
  resolved?: string;
  result?: string;
  assigned?: boolean;
  feedbackDelivered?: string;
  feedbackVia?: 'sms' | 'call';
  answer?: 'satisfied' | 'unsatisfied';
  answered?: string;
  reopenedEvents?: number;
};

describe('GET /api/reports/kpis', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const kpis = (query: Record<string, string>, token = supervisorToken) =>
    ctx.api('get', '/api/reports/kpis', token).query(query);

  let sequence = 0;
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
        officer_requested_at: call.requested ?? null,
        accepted_at: call.accepted ?? null,
        accepted_by: call.accepted ? team.primary.id : null,
        missed: call.missed ? 1 : 0,
        started_at: call.started,
        created_at: call.started,
        updated_at: call.started,
      })
      .execute();
  }

  async function seedCase(seed: CaseSeed) {
    sequence += 1;
    const row = await ctx.container.db
      .insertInto('cases')
      .values({
        ref: String(30_000_000 + sequence),
        status: seed.status,
        channel: seed.channel,
        phone: '+8613912345678',
        language: 'en',
        category: seed.category,
        priority: 'normal',
        description: seed.key,
        on_duty: '{}',
        place: seed.place ?? null,
        assignee_id: seed.assigned === false ? null : team.primary.id,
        result: seed.result ?? (seed.resolved ? 'done' : null),
        resolved_at: seed.resolved ?? null,
        due_at: seed.due,
        feedback_delivered_at: seed.feedbackDelivered ?? null,
        feedback_via: seed.feedbackVia ?? (seed.feedbackDelivered ? 'sms' : null),
        satisfaction_answer: seed.answer ?? null,
        satisfaction_answered_at: seed.answered ?? null,
        created_at: seed.created,
        updated_at: seed.created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < (seed.reopenedEvents ?? 0); i += 1) {
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
    }
  }

  async function seedFebruary() {
    // Calls. In the window: eight. Just before it and at its (exclusive) end: one each.
    await seedCall({ started: '2027-01-31T15:59:59.999Z', outcome: 'abandoned' });
    await seedCall({
      started: '2027-02-02T02:00:00.000Z',
      outcome: 'connected',
      requested: '2027-02-02T02:00:20.000Z',
      accepted: '2027-02-02T02:00:32.000Z', // 12 s
    });
    await seedCall({
      started: '2027-02-03T02:00:00.000Z',
      outcome: 'connected',
      requested: '2027-02-03T02:00:10.000Z',
      accepted: '2027-02-03T02:00:40.500Z', // 30.5 s
    });
    await seedCall({
      started: '2027-02-04T02:00:00.000Z',
      outcome: 'message',
      requested: '2027-02-04T02:00:15.000Z',
      missed: true, // asked for the officer, nobody accepted
    });
    await seedCall({ started: '2027-02-05T02:00:00.000Z', outcome: 'message' });
    await seedCall({ started: '2027-02-06T02:00:00.000Z', outcome: 'abandoned' });
    await seedCall({ started: '2027-02-07T02:00:00.000Z', outcome: 'abandoned' });
    await seedCall({ started: '2027-02-08T02:00:00.000Z', outcome: 'status' });
    await seedCall({
      started: '2027-02-28T15:59:00.000Z',
      outcome: 'connected',
      requested: '2027-02-28T15:59:05.000Z',
      accepted: '2027-02-28T15:59:10.000Z', // 5 s
    });
    await seedCall({
      started: '2027-02-28T16:00:00.000Z',
      outcome: 'connected',
      requested: '2027-02-28T16:00:05.000Z',
      accepted: '2027-02-28T16:01:05.000Z',
    });

    // Cases.
    await seedCase({
      key: 'R1 on time, delivered, satisfied',
      status: 'closed',
      channel: 'sms',
      category: 'other',
      created: '2027-02-02T01:00:00.000Z',
      due: '2027-02-06T01:00:00.000Z',
      resolved: '2027-02-05T01:00:00.000Z',
      feedbackDelivered: '2027-02-05T01:00:05.000Z',
      answer: 'satisfied',
      answered: '2027-02-06T00:00:00.000Z',
    });
    await seedCase({
      key: 'R2 late, called back, unsatisfied, reopened twice',
      status: 'reopened',
      channel: 'letter',
      category: 'roads',
      place: 'Renmin Road',
      created: '2027-02-03T01:00:00.000Z',
      due: '2027-02-08T01:00:00.000Z',
      resolved: '2027-02-10T01:00:00.000Z',
      feedbackVia: 'call',
      answer: 'unsatisfied',
      answered: '2027-02-11T01:00:00.000Z',
      reopenedEvents: 2,
    });
    await seedCase({
      key: 'R3 on time, no feedback',
      status: 'resolved',
      channel: 'visit',
      category: 'roads',
      place: 'renmin road',
      created: '2027-02-04T01:00:00.000Z',
      due: '2027-02-12T01:00:00.000Z',
      resolved: '2027-02-09T01:00:00.000Z',
    });
    await seedCase({
      key: 'R4 resolved exactly at its deadline, answered after the window',
      status: 'closed',
      channel: 'voice',
      category: 'noise',
      created: '2027-02-10T01:00:00.000Z',
      due: '2027-02-20T01:00:00.000Z',
      resolved: '2027-02-20T01:00:00.000Z',
      feedbackDelivered: '2027-02-20T01:00:05.000Z',
      answer: 'satisfied',
      answered: '2027-03-01T01:00:00.000Z',
    });
    await seedCase({
      key: 'R5 all before the window, reopened',
      status: 'closed',
      channel: 'sms',
      category: 'other',
      created: '2027-01-15T01:00:00.000Z',
      due: '2027-01-22T01:00:00.000Z',
      resolved: '2027-01-20T01:00:00.000Z',
      feedbackDelivered: '2027-01-20T01:00:05.000Z',
      reopenedEvents: 1,
    });
    await seedCase({
      key: 'R6 late, delivered',
      status: 'closed',
      channel: 'web',
      category: 'water',
      place: 'Jiefang Road',
      created: '2027-02-11T01:00:00.000Z',
      due: '2027-02-14T01:00:00.000Z',
      resolved: '2027-02-16T01:00:00.000Z',
      feedbackDelivered: '2027-02-16T01:00:05.000Z',
    });
    await seedCase({
      key: 'M1 merged: its reporter answered; no rate counts it otherwise',
      status: 'merged',
      channel: 'sms',
      category: 'roads',
      place: 'Renmin Road',
      created: '2027-02-01T01:00:00.000Z',
      due: '2027-02-03T01:00:00.000Z',
      answer: 'satisfied',
      answered: '2027-02-15T01:00:00.000Z',
    });
    await seedCase({
      key: 'O1 open past its deadline, no result',
      status: 'assigned',
      channel: 'sms',
      category: 'other',
      created: '2027-02-15T01:00:00.000Z',
      due: '2027-02-20T01:00:00.000Z',
    });
    await seedCase({
      key: 'O2 open, deadline after the window',
      status: 'acknowledged',
      channel: 'letter',
      category: 'noise',
      place: 'Xinhua Street',
      created: '2027-02-27T01:00:00.000Z',
      due: '2027-03-05T01:00:00.000Z',
    });
    await seedCase({
      key: 'U1 call-back nobody was assigned',
      status: 'received',
      channel: 'voice',
      category: 'callback',
      assigned: false,
      created: '2027-02-20T01:00:00.000Z',
      due: '2027-02-25T01:00:00.000Z',
    });
  }

  it('over seeded calls and cases, every KPI equals the value worked out by hand', async () => {
    await seedFebruary();
    const res = await kpis(FEBRUARY);
    expect(res.status).toBe(200);

    // Calls started in February: 8 (the ones at 15:59:59.999 on Jan 31 UTC and at the window's end are out).
    //   abandoned: 2                                        → abandonmentRate 2 / 8 = 0.25
    //   asked for the officer: 4 (12 s, 30.5 s, missed, 5 s); accepted 3 → answerRate 3 / 4 = 0.75
    //   speed of answer: (12 + 30.5 + 5) / 3 = 47.5 / 3 = 15.8333… → 15.833 s (to the ms)
    // Cases resolved in February, merged ones aside: R1, R2, R3, R4, R6 = 5.
    //   by their dueAt: R1, R3, R4 (at the deadline itself) = 3 → 3 / 5 = 0.6
    //   result reached the citizen: R1, R4, R6 delivered, R2 by call-back = 4 → 4 / 5 = 0.8
    //   reopened: R2 (twice, counted once) = 1; R5's reopening is January's → 1 / 5 = 0.2
    // Satisfaction answers given in February: R1 satisfied, R2 unsatisfied, M1's reporter satisfied
    //   (R4's came on March 1) → 2 / 3
    // Deadlines in February, all past now, merged aside: R1, R2, R3, R4, R6, O1, U1 = 7.
    //   with assignee, result and feedback: R1, R2, R4, R6 = 4 (R3 lacks feedback, O1 a result,
    //   U1 an assignee) → 4 / 7
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'answerRate',
        'abandonmentRate',
        'averageSpeedOfAnswerSeconds',
        'onTimeCompletionRate',
        'feedbackRate',
        'satisfactionRate',
        'reopenRate',
        'fourHavesCompliance',
        'volumes',
      ].sort(),
    );
    expect(res.body).toEqual({
      answerRate: 3 / 4,
      abandonmentRate: 2 / 8,
      averageSpeedOfAnswerSeconds: 15.833,
      onTimeCompletionRate: 3 / 5,
      feedbackRate: 4 / 5,
      satisfactionRate: 2 / 3,
      reopenRate: 1 / 5,
      fourHavesCompliance: 4 / 7,
      // Complaints that arrived in February, merged ones included: all but R5 = 9.
      volumes: {
        total: 9,
        // voice R4 U1; sms R1 M1 O1; letter R2 O2; visit R3; web R6.
        byChannel: { voice: 2, sms: 3, letter: 2, visit: 1, web: 1, open311: 0 },
        // roads R2 R3 M1; noise R4 O2; other R1 O1; callback U1; water R6 — most first, ties by name.
        byCategory: { roads: 3, noise: 2, other: 2, callback: 1, water: 1 },
        // "Renmin Road" twice and "renmin road" once are one place; no place: R1 R4 O1 U1.
        byPlace: [
          { place: 'Renmin Road', count: 3 },
          { place: 'Jiefang Road', count: 1 },
          { place: 'Xinhua Street', count: 1 },
          { place: 'unknown', count: 4 },
        ],
        // No group petition was recorded (SPEC §18).
        petitions: { count: 0, headcount: 0 },
      },
    });
    expect(Object.keys(res.body.volumes.byCategory)).toEqual([
      'roads',
      'noise',
      'other',
      'callback',
      'water',
    ]);
  });

  it('top limits the hotspots; unknown places are listed after them', async () => {
    await seedFebruary();
    const res = await kpis({ ...FEBRUARY, top: '2' });
    expect(res.body.volumes.byPlace).toEqual([
      { place: 'Renmin Road', count: 3 },
      { place: 'Jiefang Road', count: 1 },
      { place: 'unknown', count: 4 },
    ]);
  });

  it('only deadlines already past count: with now on Feb 15, four deadlines have passed', async () => {
    await seedFebruary();
    ctx.clock.set('2027-02-15T00:00:00Z');
    // Past by then: R1 (Feb 6), R2 (Feb 8), R3 (Feb 12), R6 (Feb 14); R3 lacks feedback → 3 / 4.
    // (The rows say what happened later; the clock only decides which deadlines are due.)
    const res = await kpis(FEBRUARY);
    expect(res.body.fourHavesCompliance).toBe(3 / 4);
  });

  it('a narrower window counts only what happened in it', async () => {
    await seedFebruary();
    // Feb 2 to Feb 10 UTC: calls 12 s, 30.5 s, missed, message, two abandoned, status = 7.
    // Resolved: R1 (Feb 5), R3 (Feb 9) = 2, both on time, R1 delivered. Answers: R1 (Feb 6).
    // Deadlines: R1 (Feb 6), R2 (Feb 8) = 2, both complete. Arrivals: R1, R2, R3 = 3.
    const res = await kpis({ from: '2027-02-02T00:00:00Z', to: '2027-02-10T00:00:00Z' });
    expect(res.body).toMatchObject({
      answerRate: 2 / 3,
      abandonmentRate: 2 / 7,
      averageSpeedOfAnswerSeconds: 21.25,
      onTimeCompletionRate: 1,
      feedbackRate: 1 / 2,
      satisfactionRate: 1,
      reopenRate: 0,
      fourHavesCompliance: 1,
    });
    expect(res.body.volumes.total).toBe(3);
  });

  it('a rate with nothing to measure is null, not 0', async () => {
    await seedFebruary();
    const res = await kpis({ from: '2026-06-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      answerRate: null,
      abandonmentRate: null,
      averageSpeedOfAnswerSeconds: null,
      onTimeCompletionRate: null,
      feedbackRate: null,
      satisfactionRate: null,
      reopenRate: null,
      fourHavesCompliance: null,
      volumes: {
        total: 0,
        byChannel: { voice: 0, sms: 0, letter: 0, visit: 0, web: 0, open311: 0 },
        byCategory: {},
        byPlace: [],
        petitions: { count: 0, headcount: 0 },
      },
    });
  });

  it('calls without anyone asking for the officer leave answerRate null but abandonmentRate measured', async () => {
    await seedCall({ started: '2027-02-02T02:00:00.000Z', outcome: 'abandoned' });
    await seedCall({ started: '2027-02-03T02:00:00.000Z', outcome: 'message' });
    const res = await kpis(FEBRUARY);
    expect(res.body).toMatchObject({
      answerRate: null,
      averageSpeedOfAnswerSeconds: null,
      abandonmentRate: 1 / 2,
    });
  });

  it('a category no longer in categories.json still counts under its own name', async () => {
    const base = { status: 'assigned', channel: 'letter', due: null, created: '2027-02-10T01:00:00.000Z' };
    await seedCase({ ...base, key: 'old', category: 'potholes' });
    await seedCase({ ...base, key: 'new', category: 'roads' });
    await seedCase({ ...base, key: 'new too', category: 'roads' });
    const res = await kpis(FEBRUARY);
    expect(res.body.volumes).toMatchObject({ total: 3, byCategory: { roads: 2, potholes: 1 } });
  });

  it('a bad window is a 400 naming the field', async () => {
    const badWindows: Record<string, string>[] = [
      {},
      { from: FEBRUARY.from },
      { from: 'yesterday', to: FEBRUARY.to },
      { from: '2027-02-01T00:00:00', to: FEBRUARY.to },
      { from: FEBRUARY.to, to: FEBRUARY.from },
      { from: FEBRUARY.from, to: FEBRUARY.from },
      { from: '2026-01-01T00:00:00+08:00', to: '2027-01-03T00:00:00+08:00' },
      { ...FEBRUARY, top: '0' },
      { ...FEBRUARY, top: 'many' },
    ];
    for (const query of badWindows) {
      const res = await kpis(query);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'request.invalid',
      });
    }
    // 366 days, a whole leap year, is allowed.
    expect((await kpis({ from: '2028-01-01T00:00:00+08:00', to: '2029-01-01T00:00:00+08:00' })).status).toBe(
      200,
    );
  });

  it('is for supervisors and admins: staff get 403, no token 401', async () => {
    const staffToken = await issueToken(ctx, team.primary.id);
    expect((await kpis(FEBRUARY, staffToken)).body.error.code).toBe('auth.forbidden');
    expect((await kpis(FEBRUARY, staffToken)).status).toBe(403);
    expect((await ctx.api('get', '/api/reports/kpis').query(FEBRUARY)).status).toBe(200);
    const anonymous = await ctx.api('get', '/api/reports/kpis', '').query(FEBRUARY);
    expect(anonymous.status).toBe(401);
  });
});
