import { decideClosing, satisfactionWindowEndsAt } from '../../src/satisfaction/satisfaction.models';
import { HOUR, MINUTE } from '../../src/shared/clock';
import { createTestContext, type TestContext } from '../helpers/context';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day.

interface JobResult {
  asked: number;
  notAsked: number;
  closed: number;
  awaitingSignOff: number;
  signOffRequested: number;
}

const NOTHING: JobResult = { asked: 0, notAsked: 0, closed: 0, awaitingSignOff: 0, signOffRequested: 0 };

describe('the satisfaction job', () => {
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: Awaited<ReturnType<typeof seedDutyTeam>>;

  async function setUp(env: Record<string, string> = {}) {
    fake = await startFakeTwilio();
    ctx = await createTestContext({ fake, env });
    team = await seedDutyTeam(ctx);
  }

  afterEach(async () => {
    await ctx.close();
    await fake.close();
  });

  const run = async () => {
    const res = await ctx.api('post', '/api/jobs/satisfaction/run');
    expect(res.status).toBe(200);
    return res.body.result as JobResult;
  };
  const getCase = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;
  const textsTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  };

  async function resolvedLetter(priority: 'normal' | 'important' | 'urgent', phone = PHONES.citizen) {
    const created = await ctx.api('post', '/api/cases').send({
      phone,
      description: 'A letter about rubbish piling up by the market',
      category: 'sanitation',
      channel: 'letter',
      priority,
      language: 'en',
    });
    expect(created.status).toBe(201);
    const { ref } = created.body;
    expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Cleared' })).status).toBe(200);
    await ctx.flushOutbox();
    return ref as string;
  }

  /** A case resolved with no question asked, as one resolved before its number could be texted. */
  async function resolvedNeverAsked(phone: string) {
    const ref = await resolvedLetter('normal', phone);
    await ctx.container.db
      .updateTable('cases')
      .set({ satisfaction_asked_at: null })
      .where('ref', '=', ref)
      .execute();
    return ref;
  }

  it('closes an unanswered normal case once its 72 h window has ended, not before, and only once', async () => {
    await setUp();
    const ref = await resolvedLetter('normal');
    expect(await run()).toEqual(NOTHING);

    ctx.clock.set('2027-03-04T09:59:00+08:00');
    expect(await run()).toEqual(NOTHING);
    expect((await getCase(ref)).status).toBe('resolved');

    ctx.clock.set('2027-03-04T10:00:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
    const closed = await getCase(ref);
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2027-03-04T10:00:00.000+08:00' });
    expect(closed.satisfaction.answer).toBeNull();
    expect(closed.events.at(-1)).toMatchObject({
      type: 'closed',
      actor: { type: 'system' },
      data: { reason: 'satisfaction_window_ended' },
    });

    ctx.clock.advance(15 * MINUTE);
    expect(await run()).toEqual(NOTHING);
    const events = (await getCase(ref)).events as { type: string }[];
    expect(events.filter((event) => event.type === 'closed')).toHaveLength(1);
  });

  it('leaves an important case without a sign-off resolved, tells the supervisor once, and closes it on sign-off', async () => {
    await setUp();
    const ref = await resolvedLetter('important');
    ctx.clock.set('2027-03-04T10:00:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, awaitingSignOff: 1, signOffRequested: 1 });
    expect(await run()).toEqual({ ...NOTHING, awaitingSignOff: 1 });
    expect((await getCase(ref)).status).toBe('resolved');
    expect(await textsTo(PHONES.supervisor)).toEqual([
      `Case ${ref} (important) waits for your sign-off before it closes.`,
    ]);
    expect((await getCase(ref)).events.at(-1)).toMatchObject({
      type: 'sign_off_requested',
      data: { reason: 'satisfaction_window_ended', supervisorIds: [team.supervisor.id] },
    });

    ctx.clock.advance(HOUR);
    const signed = await ctx
      .api('post', `/api/cases/${ref}/sign-off`, await issueToken(ctx, team.supervisor.id))
      .send();
    expect(signed.body).toMatchObject({ status: 'closed', closedAt: '2027-03-04T11:00:00.000+08:00' });
    expect((await getCase(ref)).events.at(-1)).toMatchObject({
      type: 'closed',
      data: { reason: 'satisfaction_window_ended' },
    });
    expect(await run()).toEqual(NOTHING);
  });

  it('closes a signed-off important case when its window ends with no answer', async () => {
    await setUp();
    const ref = await resolvedLetter('urgent');
    await ctx.api('post', `/api/cases/${ref}/sign-off`).send();
    expect((await getCase(ref)).status).toBe('resolved');
    ctx.clock.set('2027-03-04T10:00:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
    expect((await getCase(ref)).status).toBe('closed');
  });

  it('asks once on a case resolved without a question, and its window runs from the question', async () => {
    await setUp();
    const ref = await resolvedNeverAsked(PHONES.citizen);
    const before = (await textsTo(PHONES.citizen)).length;

    ctx.clock.advance(30 * MINUTE);
    expect(await run()).toEqual({ ...NOTHING, asked: 1 });
    expect(await run()).toEqual(NOTHING);
    const texts = await textsTo(PHONES.citizen);
    expect(texts.slice(before)).toEqual([
      `Are you satisfied with case ${ref}? Reply 1 satisfied, 2 not satisfied.`,
    ]);
    const asked = await getCase(ref);
    expect(asked.satisfaction).toEqual({
      askedAt: '2027-03-01T10:30:00.000+08:00',
      answer: null,
      answeredAt: null,
    });
    expect(asked.events.at(-1)).toMatchObject({ type: 'satisfaction_asked', actor: { type: 'system' } });

    ctx.clock.set('2027-03-04T10:15:00+08:00');
    expect(await run()).toEqual(NOTHING);
    ctx.clock.set('2027-03-04T10:30:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
  });

  it('does not text a number that cannot receive texts; its window runs from the resolution', async () => {
    await setUp();
    fake.failFor(PHONES.neighbour, { status: 400, code: 21614, message: 'not a mobile number' });
    const ref = await resolvedNeverAsked(PHONES.neighbour);
    // The call-back owed for the failed result is made, without asking about satisfaction.
    await ctx.api('post', `/api/cases/${ref}/callback`).send({ outcome: 'reached', note: 'told them' });
    const attempts = fake.attempts.filter((attempt) => attempt.to === PHONES.neighbour).length;

    expect(await run()).toEqual({ ...NOTHING, notAsked: 1 });
    expect(await run()).toEqual(NOTHING);
    await ctx.flushOutbox();
    expect(fake.attempts.filter((attempt) => attempt.to === PHONES.neighbour)).toHaveLength(attempts);
    expect((await getCase(ref)).events.at(-1)).toMatchObject({
      type: 'satisfaction_not_asked',
      data: { reason: 'cannot_receive_sms' },
    });

    ctx.clock.set('2027-03-04T10:00:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
  });

  it('keeps a case open while the call-back that gives its result is still owed', async () => {
    await setUp();
    fake.failFor(PHONES.citizen, { status: 400, code: 21614, message: 'not a mobile number' });
    const ref = await resolvedLetter('normal');
    expect((await getCase(ref)).callbacks).toHaveLength(1);

    ctx.clock.set('2027-03-04T10:00:00+08:00');
    expect(await run()).toEqual(NOTHING);
    expect((await getCase(ref)).status).toBe('resolved');

    const answered = await ctx
      .api('post', `/api/cases/${ref}/callback`)
      .send({ outcome: 'reached', note: 'told them', satisfaction: 'satisfied' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'closed',
      feedback: { via: 'call' },
      satisfaction: { answer: 'satisfied', answeredAt: '2027-03-04T10:00:00.000+08:00' },
    });
    expect(await run()).toEqual(NOTHING);
  });

  it('once the owed call-back is made after the window ended, the next run closes the case', async () => {
    await setUp();
    fake.failFor(PHONES.citizen, { status: 400, code: 21614, message: 'not a mobile number' });
    const ref = await resolvedLetter('normal');
    ctx.clock.set('2027-03-04T11:00:00+08:00');
    await ctx.api('post', `/api/cases/${ref}/callback`).send({ outcome: 'reached' });
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
  });

  it('honours SATISFACTION_WINDOW_HOURS', async () => {
    await setUp({ SATISFACTION_WINDOW_HOURS: '24' });
    const ref = await resolvedLetter('normal');
    ctx.clock.set('2027-03-02T09:59:00+08:00');
    expect(await run()).toEqual(NOTHING);
    ctx.clock.set('2027-03-02T10:00:00+08:00');
    expect(await run()).toEqual({ ...NOTHING, closed: 1 });
    expect((await getCase(ref)).status).toBe('closed');
  });
});

describe('when a resolved case may close', () => {
  const resolved = {
    status: 'resolved' as const,
    priority: 'normal' as const,
    category: 'noise',
    concernsStaffId: null,
    resolvedAt: '2027-03-01T02:00:00.000Z',
    satisfactionAskedAt: '2027-03-01T03:00:00.000Z',
    satisfactionAnswer: null,
    signedOffAt: null,
  };
  const at = (iso: string) => new Date(iso);

  it('its window runs from the question, or from the resolution when none was asked', () => {
    expect(satisfactionWindowEndsAt(resolved, 72)).toBe('2027-03-04T03:00:00.000Z');
    expect(satisfactionWindowEndsAt({ ...resolved, satisfactionAskedAt: null }, 72)).toBe(
      '2027-03-04T02:00:00.000Z',
    );
  });

  it('closes on "satisfied" or at the end of the window, not while a call-back is owed', () => {
    expect(decideClosing(resolved, at('2027-03-04T02:59:59Z'), 72, false)).toEqual({ kind: 'wait' });
    expect(decideClosing(resolved, at('2027-03-04T03:00:00Z'), 72, false)).toEqual({
      kind: 'close',
      reason: 'satisfaction_window_ended',
    });
    expect(decideClosing(resolved, at('2027-03-05T00:00:00Z'), 72, true)).toEqual({ kind: 'wait' });
    expect(
      decideClosing({ ...resolved, satisfactionAnswer: 'satisfied' }, at('2027-03-01T04:00:00Z'), 72, true),
    ).toEqual({ kind: 'close', reason: 'satisfied' });
    expect(decideClosing({ ...resolved, status: 'reopened' }, at('2027-03-09T00:00:00Z'), 72, false)).toEqual(
      {
        kind: 'wait',
      },
    );
  });

  it('an important or urgent case waits for a sign-off', () => {
    for (const priority of ['important', 'urgent'] as const) {
      const settled = { ...resolved, priority, satisfactionAnswer: 'satisfied' as const };
      expect(decideClosing(settled, at('2027-03-01T04:00:00Z'), 72, false)).toEqual({
        kind: 'await_sign_off',
        reason: 'satisfied',
      });
      expect(
        decideClosing(
          { ...settled, signedOffAt: '2027-03-01T05:00:00.000Z' },
          at('2027-03-01T06:00:00Z'),
          72,
          false,
        ),
      ).toEqual({ kind: 'close', reason: 'satisfied' });
    }
  });
});
