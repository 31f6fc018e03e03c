import { MINUTE } from '../../src/shared/clock';
import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day.

describe('the callbacks job', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const run = async () => {
    const res = await ctx.api('post', '/api/jobs/callbacks/run');
    expect(res.status).toBe(200);
    return res.body.result as { open: number; reminded: number; escalated: number };
  };
  const notices = async (phone: string, pattern: RegExp) => {
    await ctx.flushOutbox();
    return fake.messages
      .filter((message) => message.to === phone && pattern.test(message.body))
      .map((message) => message.body);
  };
  const eventTypes = async (ref: string) =>
    ((await ctx.api('get', `/api/cases/${ref}`)).body.events as { type: string }[]).map(
      (event) => event.type,
    );

  async function landlineResolved(): Promise<string> {
    fake.failFor(PHONES.citizen, { status: 400, code: 21614, message: 'not a mobile number' });
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    const { ref } = created.body;
    await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Replaced the bulb' });
    await ctx.flushOutbox();
    return ref;
  }

  it('reminds the assignee once per due time, and tells the supervisor on duty once when it is overdue', async () => {
    const ref = await landlineResolved();

    expect(await run()).toEqual({ open: 1, reminded: 1, escalated: 0 });
    expect(await run()).toEqual({ open: 1, reminded: 0, escalated: 0 });
    expect(await notices(PHONES.primary, /^Call-back/)).toEqual([
      `Call-back due by 1 Mar 14:00: case ${ref}, ${PHONES.citizen}. The result text cannot reach them; tell them the result. Then text CALLED ${ref} <note>`,
    ]);

    ctx.clock.set('2027-03-01T13:59:00+08:00');
    expect(await run()).toEqual({ open: 1, reminded: 0, escalated: 0 });
    ctx.clock.set('2027-03-01T14:00:00+08:00');
    expect(await run()).toEqual({ open: 1, reminded: 0, escalated: 1 });
    ctx.clock.set('2027-03-01T14:15:00+08:00');
    expect(await run()).toEqual({ open: 1, reminded: 0, escalated: 0 });
    expect(await notices(PHONES.supervisor, /call-back/)).toEqual([
      `Overdue call-back: case ${ref}, ${PHONES.citizen}, was due 1 Mar 14:00; assignee Wang Fang. Please follow up.`,
    ]);
    expect(await notices(PHONES.backup, /./)).toEqual([]);

    // An unanswered call moves the due time on: a new reminder, but the supervisor already knows.
    const token = await issueToken(ctx, team.primary.id);
    await ctx.api('post', `/api/cases/${ref}/callback`, token).send({ outcome: 'no_answer' });
    expect(await run()).toEqual({ open: 1, reminded: 1, escalated: 0 });
    ctx.clock.set('2027-03-01T17:00:00+08:00');
    expect(await run()).toEqual({ open: 1, reminded: 0, escalated: 0 });
    expect(await notices(PHONES.primary, /^Call-back/)).toHaveLength(2);
    expect(await notices(PHONES.primary, /^Call-back/)).toContain(
      `Call-back due by 1 Mar 16:15: case ${ref}, ${PHONES.citizen}. The result text cannot reach them; tell them the result. Then text CALLED ${ref} <note>`,
    );

    const types = await eventTypes(ref);
    expect(types.filter((type) => type === 'callback_reminded')).toHaveLength(2);
    expect(types.filter((type) => type === 'callback_escalated')).toHaveLength(1);
  });

  it("an abandoned call's call-back is a task, due within an hour, that the job reminds the primary about", async () => {
    const call = await callHotline(
      ctx,
      PHONES.neighbour,
      { actions: [{ silence: true }, { hangup: true }] },
      { fake },
    );
    expect(call.ended).toBe('caller-hangup');
    const { ref } = await ctx.container.db
      .selectFrom('cases')
      .select('ref')
      .where('category', '=', 'callback')
      .executeTakeFirstOrThrow();
    const found = (await ctx.api('get', `/api/cases/${ref}`)).body;
    expect(found.callbacks).toEqual([
      expect.objectContaining({
        reason: 'abandoned_call',
        assignee: { id: team.primary.id, name: 'Wang Fang' },
        dueAt: '2027-03-01T11:00:00.000+08:00',
        doneAt: null,
      }),
    ]);

    expect(await run()).toEqual({ open: 1, reminded: 1, escalated: 0 });
    expect(await notices(PHONES.primary, /^Call-back/)).toEqual([
      `Call-back due by 1 Mar 11:00: case ${ref}, ${PHONES.neighbour}. They hung up before reaching anyone. Then text CALLED ${ref} <note>`,
    ]);

    // The officer reaches the caller; the case then goes on as any other.
    ctx.clock.advance(20 * MINUTE);
    await ctx.sms(PHONES.primary, `CALLED ${ref} wanted to report a burst pipe`);
    const after = (await ctx.api('get', `/api/cases/${ref}`)).body;
    expect(after.callbacks[0]).toMatchObject({ outcome: 'reached', note: 'wanted to report a burst pipe' });
    expect(after.status).toBe('assigned');
    // No result yet, so nothing to give feedback on.
    expect(after.feedback.via).toBeNull();
    ctx.clock.set('2027-03-01T12:00:00+08:00');
    expect(await run()).toEqual({ open: 0, reminded: 0, escalated: 0 });
    expect(
      (await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Water company repaired the pipe' }))
        .status,
    ).toBe(200);
  });

  it('a caller whose message arrives after the hang-up was logged is no longer owed a call-back', async () => {
    const call = await callHotline(
      ctx,
      PHONES.neighbour,
      { actions: [{ silence: true }, { hangup: true }] },
      { fake },
    );
    expect(await ctx.container.db.selectFrom('callback_tasks').select('outcome').execute()).toEqual([
      { outcome: null },
    ]);
    // Twilio's recording callback can come after the final call status: the message was left after all.
    const late = await ctx.signedPost('/twilio/voice/recording?kind=message', {
      CallSid: call.callSid,
      RecordingSid: `RE${'1'.repeat(32)}`,
      RecordingUrl: `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Recordings/RE${'1'.repeat(32)}`,
      RecordingStatus: 'completed',
      RecordingDuration: '12',
    });
    expect(late.status).toBe(204);
    expect(await ctx.container.db.selectFrom('callback_tasks').select('outcome').execute()).toEqual([
      { outcome: 'message_left' },
    ]);
    expect(await run()).toEqual({ open: 0, reminded: 0, escalated: 0 });
  });
});
