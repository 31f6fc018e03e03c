import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

type ReportSlot = {
  staff: { id: number; name: string } | null;
  from: string;
  to: string;
  calls: Record<string, number>;
  callbacks: { due: number; done: number };
};

describe('calls in the duty-gap report', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const window = { from: '2027-03-01T08:00:00+08:00', to: '2027-03-03T08:00:00+08:00' };
  const slotsOf = async () => {
    const res = await ctx.api('get', '/api/reports/duty-gaps', supervisorToken).query(window);
    expect(res.status).toBe(200);
    return res.body.slots as ReportSlot[];
  };

  it('a missed call and an abandoned call show against the shifts they came in, with the call-back due and then done', async () => {
    // Monday 11:00 Shanghai, in Monday's shift: the caller asks for the officer and nobody accepts.
    ctx.clock.set('2027-03-01T03:00:00Z');
    const missed = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [{ press: '0' }, { record: { seconds: 10 } }],
        dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'busy' },
      },
      { fake },
    );
    // Tuesday 09:30, just after the 08:00 handoff: a caller hangs up at the menu.
    ctx.clock.set('2027-03-02T01:30:00Z');
    const abandoned = await callHotline(
      ctx,
      PHONES.neighbour,
      { actions: [{ silence: true }, { hangup: true }] },
      { fake },
    );
    // Tuesday 15:00: a call the primary accepts.
    ctx.clock.set('2027-03-02T07:00:00Z');
    await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
      { fake },
    );
    ctx.clock.set('2027-03-03T03:00:00Z');

    const calls = await ctx.container.db.selectFrom('calls').selectAll().orderBy('id').execute();
    expect(calls.map((call) => [call.call_sid, call.outcome, call.missed])).toEqual([
      [missed.callSid, 'message', 1],
      [abandoned.callSid, 'abandoned', 0],
      [expect.any(String), 'connected', 0],
    ]);

    const wang = { id: team.primary.id, name: 'Wang Fang' };
    const slots = await slotsOf();
    expect(slots).toEqual([
      expect.objectContaining({
        staff: wang,
        from: '2027-03-01T08:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        calls: { offered: 1, connected: 0, message: 1, missed: 1, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      }),
      expect.objectContaining({
        staff: wang,
        from: '2027-03-02T08:00:00.000+08:00',
        to: '2027-03-03T08:00:00.000+08:00',
        calls: { offered: 2, connected: 1, message: 0, missed: 0, abandoned: 1 },
        callbacks: { due: 1, done: 0 },
      }),
    ]);

    // The primary calls back and records the result: the call-back is done.
    const callback = await ctx.container.db
      .selectFrom('cases')
      .select('ref')
      .where('id', '=', calls[1].callback_case_id!)
      .executeTakeFirstOrThrow();
    const result = await ctx
      .api('post', `/api/cases/${callback.ref}/result`)
      .send({ text: 'Called back, no answer' });
    expect(result.status).toBe(200);
    expect((await slotsOf())[1].callbacks).toEqual({ due: 1, done: 1 });
  });
});
