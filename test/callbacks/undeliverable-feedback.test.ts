import { MINUTE } from '../../src/shared/clock';
import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day.

interface CallbackJson {
  id: number;
  reason: string;
  errorCode: string | null;
  assignee: { id: number; name: string | null } | null;
  dueAt: string;
  attempts: number;
  doneAt: string | null;
  outcome: string | null;
  note: string | null;
  doneBy: { id: number; name: string | null } | null;
}

describe('a result that cannot be texted to the citizen is owed by phone', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    // Twilio's answer for a landline: "To number is not a mobile number".
    fake.failFor(PHONES.citizen, {
      status: 400,
      code: 21614,
      message: `To number: ${PHONES.citizen}, is not a mobile number`,
    });
  });

  const getCase = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body as {
      status: string;
      feedback: { sentAt: string | null; deliveredAt: string | null; via: string | null };
      callbacks: CallbackJson[];
      events: { type: string; data: Record<string, unknown>; actor: { staff: { id: number } | null } }[];
      messages: { direction: string; purpose?: string; status?: string; errorCode?: string | null }[];
    };
  };
  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  const eventTypes = async (ref: string) => (await getCase(ref)).events.map((event) => event.type);

  /** The citizen texts a complaint from the landline, and the primary resolves it by SMS. */
  async function complainAndResolve(): Promise<string> {
    expect((await ctx.sms(PHONES.citizen, 'The street light on Renmin Road is out')).status).toBe(200);
    await ctx.flushOutbox();
    const { ref } = await ctx.container.db
      .selectFrom('cases')
      .select('ref')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((await ctx.sms(PHONES.primary, `DONE ${ref} Replaced the bulb`)).status).toBe(200);
    await ctx.flushOutbox();
    return ref;
  }

  it('a result sent to a landline (21614) raises one call-back task for the assignee, due in 4 hours, and no question arrives', async () => {
    const ref = await complainAndResolve();
    const found = await getCase(ref);

    const outgoing = found.messages.filter((message) => message.direction === 'out');
    expect(outgoing.find((message) => message.purpose === 'result')).toMatchObject({
      status: 'failed',
      errorCode: '21614',
    });
    expect(outgoing.find((message) => message.purpose === 'satisfaction')).toMatchObject({
      status: 'failed',
    });
    // Nothing ever reached the landline: not the receipt, not the result, not the question.
    expect(sentTo(PHONES.citizen)).toEqual([]);

    expect(found.status).toBe('resolved');
    expect(found.feedback).toEqual({ sentAt: null, deliveredAt: null, via: null });
    expect(found.callbacks).toEqual([
      {
        id: expect.any(Number),
        reason: 'feedback_undeliverable',
        errorCode: '21614',
        assignee: { id: team.primary.id, name: 'Wang Fang' },
        dueAt: '2027-03-01T14:00:00.000+08:00',
        attempts: 0,
        createdAt: '2027-03-01T10:00:00.000+08:00',
        doneAt: null,
        outcome: null,
        note: null,
        doneBy: null,
      },
    ]);
    expect((await eventTypes(ref)).filter((type) => type === 'callback_raised')).toHaveLength(1);
  });

  it('logging the call-back through the API completes the feedback with via "call"', async () => {
    const ref = await complainAndResolve();
    ctx.clock.advance(30 * MINUTE);
    const token = await issueToken(ctx, team.primary.id);

    const res = await ctx
      .api('post', `/api/cases/${ref}/callback`, token)
      .send({ outcome: 'reached', note: 'Told her the bulb was replaced' });
    expect(res.status).toBe(200);
    expect(res.body.feedback).toEqual({
      sentAt: '2027-03-01T10:30:00.000+08:00',
      deliveredAt: '2027-03-01T10:30:00.000+08:00',
      via: 'call',
    });

    const found = await getCase(ref);
    expect(found.feedback).toEqual({
      sentAt: '2027-03-01T10:30:00.000+08:00',
      deliveredAt: '2027-03-01T10:30:00.000+08:00',
      via: 'call',
    });
    expect(found.callbacks).toEqual([
      expect.objectContaining({
        outcome: 'reached',
        note: 'Told her the bulb was replaced',
        doneAt: '2027-03-01T10:30:00.000+08:00',
        doneBy: { id: team.primary.id, name: 'Wang Fang' },
      }),
    ]);
    const logged = found.events.find((event) => event.type === 'callback_logged');
    expect(logged?.data).toEqual({
      outcome: 'reached',
      note: 'Told her the bulb was replaced',
      taskIds: [found.callbacks[0].id],
    });
    expect(logged?.actor.staff?.id).toBe(team.primary.id);
    expect(found.events.find((event) => event.type === 'feedback_delivered')?.data).toEqual({ via: 'call' });

    // Nothing more is owed, so the callbacks job has nothing to remind anyone of.
    const job = await ctx.api('post', '/api/jobs/callbacks/run');
    expect(job.body.result).toEqual({ open: 0, reminded: 0, escalated: 0 });
  });

  it('logging the call-back by SMS (CALLED <ref> <note>) completes the feedback too', async () => {
    const ref = await complainAndResolve();
    ctx.clock.advance(45 * MINUTE);
    expect((await ctx.sms(PHONES.primary, `called ${ref} told them about the new bulb`)).status).toBe(200);
    await ctx.flushOutbox();

    expect(sentTo(PHONES.primary).at(-1)).toBe(`Call-back on case ${ref} logged.`);
    const found = await getCase(ref);
    expect(found.feedback).toEqual({
      sentAt: '2027-03-01T10:45:00.000+08:00',
      deliveredAt: '2027-03-01T10:45:00.000+08:00',
      via: 'call',
    });
    expect(found.callbacks[0]).toMatchObject({ outcome: 'reached', note: 'told them about the new bulb' });
    const logged = found.events.find((event) => event.type === 'callback_logged');
    expect(logged?.data).toMatchObject({ outcome: 'reached', note: 'told them about the new bulb' });
  });

  it('回访 <ref> <内容> logs it in Chinese', async () => {
    const ref = await complainAndResolve();
    await ctx.sms(PHONES.primary, `回访${ref} 已电话告知结果`);
    expect((await getCase(ref)).feedback.via).toBe('call');
  });

  it('no answer keeps the task open, counts the attempt and moves its due time; only a supervisor may give up', async () => {
    const ref = await complainAndResolve();
    const staffToken = await issueToken(ctx, team.primary.id);
    const supervisorToken = await issueToken(ctx, team.supervisor.id);
    ctx.clock.advance(60 * MINUTE);

    const first = await ctx
      .api('post', `/api/cases/${ref}/callback`, staffToken)
      .send({ outcome: 'no_answer', note: 'rang out' });
    expect(first.status).toBe(200);
    expect(first.body.feedback).toEqual({ sentAt: null, deliveredAt: null, via: null });
    expect((await getCase(ref)).callbacks[0]).toMatchObject({
      attempts: 1,
      dueAt: '2027-03-01T13:00:00.000+08:00',
      doneAt: null,
      outcome: null,
    });

    expectError(
      await ctx
        .api('post', `/api/cases/${ref}/callback`, staffToken)
        .send({ outcome: 'no_answer', close: true }),
      403,
      'auth.forbidden',
    );

    ctx.clock.advance(60 * MINUTE);
    const closed = await ctx
      .api('post', `/api/cases/${ref}/callback`, supervisorToken)
      .send({ outcome: 'no_answer', note: 'third try, giving up', close: true });
    expect(closed.status).toBe(200);
    const found = await getCase(ref);
    expect(found.callbacks[0]).toMatchObject({
      attempts: 2,
      outcome: 'no_answer',
      doneAt: '2027-03-01T12:00:00.000+08:00',
      doneBy: { id: team.supervisor.id, name: 'Zhao Min' },
    });
    // Nobody told the citizen: the feedback have stays missing.
    expect(found.feedback.via).toBeNull();
  });

  it('NOANSWER <ref> by SMS tells the caller when to try again', async () => {
    const ref = await complainAndResolve();
    await ctx.sms(PHONES.primary, `NOANSWER ${ref}`);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.primary).at(-1)).toBe(
      `No answer logged for case ${ref}; call again by 1 Mar 12:00.`,
    );
    expect((await getCase(ref)).callbacks[0]).toMatchObject({ attempts: 1, doneAt: null });
  });

  it('a call-back log is validated, and a colleague cannot log one on a case that is not theirs', async () => {
    const ref = await complainAndResolve();
    expectError(
      await ctx.api('post', `/api/cases/${ref}/callback`).send({ outcome: 'maybe' }),
      400,
      'request.invalid',
    );
    const colleague = await issueToken(ctx, team.colleague.id);
    expectError(
      await ctx.api('post', `/api/cases/${ref}/callback`, colleague).send({ outcome: 'reached' }),
      404,
      'case.not_found',
    );
    expect((await getCase(ref)).callbacks[0].doneAt).toBeNull();
  });
});

describe('other ways a result fails to arrive', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const getCase = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;
  const resultRow = (caseId: number) =>
    ctx.container.db
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('purpose', '=', 'result')
      .executeTakeFirstOrThrow();

  async function letterResolved(): Promise<{ ref: string; id: number }> {
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(created.status).toBe(201);
    const { ref } = created.body;
    expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Replaced' })).status).toBe(200);
    await ctx.flushOutbox();
    const row = await ctx.container.db
      .selectFrom('cases')
      .select('id')
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    return { ref, id: row.id };
  }

  const status = (sid: string, MessageStatus: string, ErrorCode?: string) =>
    ctx.signedPost('/twilio/sms/status', {
      MessageSid: sid,
      MessageStatus,
      ...(ErrorCode ? { ErrorCode } : {}),
    });

  it('a status callback reporting the result undelivered (30006) raises the task; a late delivery settles it', async () => {
    const { ref, id } = await letterResolved();
    const sid = (await resultRow(id)).twilio_sid!;
    expect((await status(sid, 'undelivered', '30006')).status).toBe(204);
    expect((await status(sid, 'undelivered', '30006')).status).toBe(204);
    expect((await getCase(ref)).callbacks).toEqual([
      expect.objectContaining({
        reason: 'feedback_undeliverable',
        errorCode: '30006',
        assignee: { id: team.primary.id, name: 'Wang Fang' },
        doneAt: null,
      }),
    ]);

    // Carriers sometimes report a delivery after a failure: the call is no longer owed.
    ctx.clock.advance(5 * MINUTE);
    expect((await status(sid, 'delivered')).status).toBe(204);
    const found = await getCase(ref);
    expect(found.callbacks).toEqual([
      expect.objectContaining({ outcome: 'sms_delivered', doneAt: '2027-03-01T10:05:00.000+08:00' }),
    ]);
    expect(found.feedback).toMatchObject({ via: 'sms', deliveredAt: '2027-03-01T10:05:00.000+08:00' });
  });

  it('a result for a number that opted out is never texted, and is owed by phone', async () => {
    expect((await ctx.sms(PHONES.citizen, 'STOP')).status).toBe(200);
    const { ref } = await letterResolved();
    const found = await getCase(ref);
    expect(found.callbacks).toEqual([
      expect.objectContaining({ reason: 'feedback_undeliverable', errorCode: '21610', doneAt: null }),
    ]);
    expect(fake.messages.filter((message) => message.to === PHONES.citizen)).toEqual([]);
  });

  it('Twilio answering 21610 at send time opts the number out and raises the task', async () => {
    fake.failFor(PHONES.citizen, {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    const { ref } = await letterResolved();
    expect((await getCase(ref)).callbacks).toEqual([
      expect.objectContaining({ reason: 'feedback_undeliverable', errorCode: '21610' }),
    ]);
  });

  it('a result delivered by SMS owes no call, and a receipt that fails owes none either', async () => {
    const { ref, id } = await letterResolved();
    expect((await status((await resultRow(id)).twilio_sid!, 'delivered')).status).toBe(204);
    const found = await getCase(ref);
    expect(found.callbacks).toEqual([]);
    expect(found.feedback.via).toBe('sms');

    fake.failFor(PHONES.neighbour, { status: 400, code: 21211, message: 'Invalid To number' });
    const other = await ctx.api('post', '/api/cases').send({
      phone: PHONES.neighbour,
      description: 'Noise at night',
      category: 'noise',
      channel: 'visit',
    });
    await ctx.flushOutbox();
    expect((await getCase(other.body.ref)).callbacks).toEqual([]);
  });
});
