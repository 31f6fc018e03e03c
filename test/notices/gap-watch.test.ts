import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, PHONES } from '../helpers/seed';

const MINUTE = 60_000;

describe('gap-watch', () => {
  // The clock starts at 10:00 Shanghai time on 1 March 2027; the summary is set for 18:00.
  const hotline = useHotline({ env: { GAP_SUMMARY_TIME: '18:00' } });
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const bodiesTo = async (phone: string, prefix: string) => {
    await ctx.flushOutbox();
    return fake.messages
      .filter((message) => message.to === phone && message.body.startsWith(prefix))
      .map((message) => message.body);
  };
  const absence = async (staffId: number, from: string, to: string) => {
    const res = await ctx
      .api('post', '/api/roster/overrides')
      .send({ absentStaffId: staffId, from, to, reason: 'leave' });
    expect(res.status).toBe(201);
  };
  const runGapWatch = async () => {
    const res = await ctx.api('post', '/api/jobs/gap-watch/run');
    expect(res.status).toBe(200);
    return res.body.result as { gaps: number; alerted: number; summarySent: boolean };
  };

  it('alerts the supervisor on duty once per gap in the next 24 hours, however often it runs', async () => {
    await absence(team.primary.id, '2027-03-02T08:00:00+08:00', '2027-03-02T14:00:00+08:00');

    expect(await runGapWatch()).toEqual({ gaps: 1, alerted: 1, summarySent: false });
    ctx.clock.advance(5 * MINUTE);
    expect(await runGapWatch()).toEqual({ gaps: 1, alerted: 0, summarySent: false });
    await ctx.container.jobs.runNow('gap-watch');

    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toEqual([
      'Duty gap: primary 2 Mar 08:00–14:00 (Wang Fang absent, no cover). Please arrange cover.',
    ]);
    expect(await bodiesTo(PHONES.backup, 'Duty gap')).toEqual([]);
    expect(await bodiesTo(PHONES.primary, 'Duty gap')).toEqual([]);

    // A second, different gap is one more alert, once.
    await absence(team.primary.id, '2027-03-02T06:00:00+08:00', '2027-03-02T07:00:00+08:00');
    await runGapWatch();
    await runGapWatch();
    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toEqual([
      'Duty gap: primary 2 Mar 08:00–14:00 (Wang Fang absent, no cover). Please arrange cover.',
      'Duty gap: primary 2 Mar 06:00–07:00 (Wang Fang absent, no cover). Please arrange cover.',
    ]);

    // While the first gap is going on, it is still the same gap.
    ctx.clock.set('2027-03-02T08:30:00+08:00');
    await runGapWatch();
    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toHaveLength(2);
  });

  it('says nothing of a gap more than 24 hours away until it comes within them', async () => {
    await absence(team.primary.id, '2027-03-03T12:00:00+08:00', '2027-03-03T13:00:00+08:00');

    expect((await runGapWatch()).alerted).toBe(0);
    ctx.clock.set('2027-03-02T11:59:00+08:00');
    expect((await runGapWatch()).alerted).toBe(0);
    ctx.clock.set('2027-03-02T12:00:00+08:00');
    expect((await runGapWatch()).alerted).toBe(1);

    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toEqual([
      'Duty gap: primary 3 Mar 12:00–13:00 (Wang Fang absent, no cover). Please arrange cover.',
    ]);
  });

  it('with no supervisor on duty, every active supervisor is told, and a gap with no rotation says so', async () => {
    await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'zh-CN',
    });
    await absence(team.supervisor.id, '2027-03-01T09:00:00+08:00', '2027-03-03T09:00:00+08:00');
    // The primary rotation stops taking effect tomorrow at 08:00: nobody is rostered after that.
    const rotations = (await ctx.api('get', '/api/roster/rotations')).body.items as {
      id: number;
      position: string;
    }[];
    const primaryRotation = rotations.find((rotation) => rotation.position === 'primary')!;
    const patched = await ctx
      .api('patch', `/api/roster/rotations/${primaryRotation.id}`)
      .send({ weekdays: [1], effectiveFrom: '2027-03-02T08:00:00+08:00' });
    expect(patched.status).toBe(200);

    await runGapWatch();

    // Tuesday 08:00 to the next Monday's midnight, when the Monday-only rotation applies again.
    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toEqual([
      'Duty gap: primary 2 Mar 08:00–8 Mar 00:00 (no rotation). Please arrange cover.',
    ]);
    expect(await bodiesTo('+8613800000009', '缺岗')).toEqual([
      '缺岗预警：主班 3月2日08:00–3月8日00:00（无排班），请安排值班。',
    ]);
    expect(await bodiesTo(PHONES.colleague, '')).toEqual([]);
  });

  it('tells the supervisor of a deactivated primary still on the rotation, naming them, once', async () => {
    const res = await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false });
    expect(res.status).toBe(200);

    expect(await runGapWatch()).toEqual({ gaps: 1, alerted: 1, summarySent: false });
    ctx.clock.advance(5 * MINUTE);
    expect((await runGapWatch()).alerted).toBe(0);

    // She was the rotation's only member, so the gap runs as far as gap-watch looks (a week past 24 h).
    expect(await bodiesTo(PHONES.supervisor, 'Duty gap')).toEqual([
      'Duty gap: primary 1 Mar 10:00–9 Mar 10:00 (Wang Fang inactive). Please arrange cover.',
    ]);
    expect(await bodiesTo(PHONES.primary, 'Duty gap')).toEqual([]);
  });

  it('sends the daily summary once a day, from the configured local time on', async () => {
    await ctx.sms(PHONES.citizen, 'The pavement on Lane 3 is broken');
    await ctx.container.db.updateTable('cases').set({ due_at: '2027-03-01T01:00:00.000Z' }).execute();
    await ctx.sms(PHONES.neighbour, 'Loud music every night at number 12');
    const call = {
      from_phone: PHONES.citizen,
      language: 'zh-CN',
      status: 'completed',
      on_duty: '{}',
      missed: 0,
      started_at: '2027-03-01T01:00:00.000Z',
      created_at: '2027-03-01T01:00:00.000Z',
      updated_at: '2027-03-01T01:00:00.000Z',
    };
    await ctx.container.db
      .insertInto('calls')
      .values([
        { ...call, call_sid: 'CA1', outcome: 'message', missed: 1 },
        { ...call, call_sid: 'CA2', outcome: 'abandoned' },
        { ...call, call_sid: 'CA3', outcome: 'abandoned', started_at: '2027-02-27T01:00:00.000Z' },
      ])
      .execute();
    await absence(team.primary.id, '2027-03-01T20:00:00+08:00', '2027-03-01T22:00:00+08:00');

    ctx.clock.set('2027-03-01T17:59:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(false);
    ctx.clock.set('2027-03-01T18:00:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(true);
    ctx.clock.set('2027-03-01T18:05:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(false);
    ctx.clock.set('2027-03-01T23:55:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(false);

    expect(await bodiesTo(PHONES.supervisor, 'Duty summary')).toEqual([
      'Duty summary 1 Mar: gaps in next 24h 1; open cases 2, overdue 1; calls in last 24h missed 1, abandoned 1.',
    ]);
    expect(await bodiesTo(PHONES.primary, 'Duty summary')).toEqual([]);

    ctx.clock.set('2027-03-02T09:00:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(false);
    ctx.clock.set('2027-03-02T18:30:00+08:00');
    expect((await runGapWatch()).summarySent).toBe(true);
    await runGapWatch();
    expect(await bodiesTo(PHONES.supervisor, 'Duty summary')).toHaveLength(2);
    expect((await bodiesTo(PHONES.supervisor, 'Duty summary'))[1]).toMatch(/^Duty summary 2 Mar: /);
  });
});
