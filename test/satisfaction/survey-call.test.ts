import { answerOutboundCall } from '../helpers/calls';
import { HOTLINE_NUMBER, type TestContext } from '../helpers/context';
import type { FakeCall, FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; Wang Fang (primary) holds new cases.
// HOTLINE_REGION=cn: citizens cannot text back, so "are you satisfied?" is an outbound call.

const HOUR = 3_600_000;
type ApiEvent = { type: string; actor: { type: string; channel: string }; data: Record<string, unknown> };

async function resolvedLetter(ctx: TestContext, priority: 'normal' | 'important' = 'normal') {
  const created = await ctx.api('post', '/api/cases').send({
    phone: PHONES.citizen,
    description: 'A letter about rubbish piling up by the market',
    category: 'sanitation',
    channel: 'letter',
    priority,
    language: 'en',
  });
  expect(created.status).toBe(201);
  const ref = created.body.ref as string;
  expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Cleared' })).status).toBe(200);
  return ref;
}

const caseOf = async (ctx: TestContext, ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;

async function runSurveyCalls(ctx: TestContext) {
  const res = await ctx.api('post', '/api/jobs/survey-calls/run');
  expect(res.status).toBe(200);
  return res.body.result as Record<string, number>;
}

async function outboxPurposesTo(ctx: TestContext, phone: string): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom('outbox')
    .select('purpose')
    .where('to_phone', '=', phone)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.purpose);
}

const surveyCallsTo = (fake: FakeTwilio, phone = PHONES.citizen) =>
  fake.calls.filter((call) => call.to === phone);

describe('the satisfaction survey call (HOTLINE_REGION=cn)', () => {
  const hotline = useHotline({ env: { HOTLINE_REGION: 'cn' } });
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  /** The one survey call rung so far, after a run of the survey-calls job. */
  async function ringSurveyCall(): Promise<FakeCall> {
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 1 });
    const calls = surveyCallsTo(fake);
    return calls.at(-1)!;
  }

  it('texts the result without the question, rings the citizen from the hotline number, and pressing 1 records satisfied and closes the case', async () => {
    const ref = await resolvedLetter(ctx);

    expect(await outboxPurposesTo(ctx, PHONES.citizen)).toEqual(['receipt', 'result']);
    const call = await ringSurveyCall();
    expect(call).toMatchObject({ to: PHONES.citizen, from: HOTLINE_NUMBER });
    expect(call.url).toMatch(/^https:\/\/hotline\.example\.org\/twilio\/survey-calls\/\d+\/answer$/);
    expect(call.statusCallback).toMatch(/\/twilio\/survey-calls\/\d+\/status$/);

    const played = await answerOutboundCall(ctx, fake, call, { actions: [{ press: '1' }] });
    expect(played.transcript.map((line) => line.say)).toEqual([
      `This is the complaint hotline about case ${ref.split('').join(' ')}. If you are satisfied with the result press 1, if not press 2.`,
      'Thank you for your answer. Goodbye.',
    ]);

    const detail = await caseOf(ctx, ref);
    expect(detail.satisfaction.answer).toBe('satisfied');
    expect(detail.status).toBe('closed');
    const events = (detail.events as ApiEvent[]).filter(
      (event) => event.type.startsWith('survey_call') || event.type.startsWith('satisfaction'),
    );
    expect(events.map((event) => [event.type, event.data.outcome ?? event.data.answer ?? null])).toEqual([
      ['satisfaction_asked', null],
      ['survey_call_placed', null],
      ['satisfaction_answered', 'satisfied'],
      ['survey_call_ended', 'satisfied'],
    ]);
    expect(events[2].actor).toMatchObject({ type: 'citizen', channel: 'voice' });

    // Nothing more rings: the answer was given.
    ctx.clock.advance(3 * HOUR);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0 });
    expect(surveyCallsTo(fake)).toHaveLength(1);
  });

  it('pressing 2 records unsatisfied, reopens the case and tells the supervisor, as a texted 2 does', async () => {
    const ref = await resolvedLetter(ctx);
    const call = await ringSurveyCall();

    const played = await answerOutboundCall(ctx, fake, call, { actions: [{ press: '2' }] });
    expect(played.transcript.at(-1)?.say).toBe('Thank you. Your case will be looked at again. Goodbye.');

    const detail = await caseOf(ctx, ref);
    expect(detail.satisfaction.answer).toBe('unsatisfied');
    expect(detail.status).toBe('reopened');
    expect((detail.events as ApiEvent[]).find((event) => event.type === 'reopened')?.data).toEqual({
      reason: 'citizen unsatisfied',
    });
    expect(await outboxPurposesTo(ctx, team.supervisor.phone)).toContain('supervisor_alert');
  });

  it('says the question once more after another key, and a 1 then still counts', async () => {
    const ref = await resolvedLetter(ctx);
    const call = await ringSurveyCall();

    const played = await answerOutboundCall(ctx, fake, call, { actions: [{ press: '7' }, { press: '1' }] });
    const question = played.transcript.filter((line) => line.say.startsWith('This is the complaint hotline'));
    expect(question).toHaveLength(2);
    expect((await caseOf(ctx, ref)).satisfaction.answer).toBe('satisfied');
  });

  it('ends a call where no key 1 or 2 comes after the second asking, with no answer recorded', async () => {
    const ref = await resolvedLetter(ctx);
    const call = await ringSurveyCall();

    const played = await answerOutboundCall(ctx, fake, call, {
      actions: [{ press: '9' }, { silence: true }],
    });
    expect(played.transcript.at(-1)?.say).toBe('We did not get an answer. Goodbye.');
    const detail = await caseOf(ctx, ref);
    expect(detail.satisfaction.answer).toBeNull();
    expect(detail.status).toBe('resolved');
    const ended = (detail.events as ApiEvent[]).find((event) => event.type === 'survey_call_ended');
    expect(ended?.data).toMatchObject({ attempt: 1, outcome: 'no_key', retryAt: expect.any(String) });
  });

  it('rings once more 2 hours after an unanswered call, then no more, and the case still closes at the window end', async () => {
    const ref = await resolvedLetter(ctx);
    const first = await ringSurveyCall();
    await answerOutboundCall(ctx, fake, first, { actions: [] }, { outcome: 'no-answer' });

    // Not before the 2 hours are up.
    ctx.clock.advance(HOUR);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0 });
    ctx.clock.advance(HOUR);
    const second = await ringSurveyCall();
    expect(second.sid).not.toBe(first.sid);
    await answerOutboundCall(ctx, fake, second, { actions: [] }, { outcome: 'busy' });

    ctx.clock.advance(24 * HOUR);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0 });
    expect(surveyCallsTo(fake)).toHaveLength(2);

    const detail = await caseOf(ctx, ref);
    const ends = (detail.events as ApiEvent[]).filter((event) => event.type === 'survey_call_ended');
    expect(ends.map((event) => event.data)).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'no_answer', retryAt: expect.any(String) }),
      expect.objectContaining({ attempt: 2, outcome: 'no_answer', retryAt: null }),
    ]);

    // SATISFACTION_WINDOW_HOURS (72) from the question: the satisfaction job closes it as today.
    ctx.clock.advance(48 * HOUR);
    const job = await ctx.api('post', '/api/jobs/satisfaction/run');
    expect(job.body.result).toMatchObject({ closed: 1 });
    const closed = await caseOf(ctx, ref);
    expect(closed.status).toBe('closed');
    expect((closed.events as ApiEvent[]).at(-1)).toMatchObject({
      type: 'closed',
      data: { reason: 'satisfaction_window_ended' },
    });
  });

  it('does not ring at night: a case resolved at 21:30 is asked at 08:00 the next morning', async () => {
    ctx.clock.advance(11.5 * HOUR);
    const ref = await resolvedLetter(ctx);

    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0, outsideCallingHours: true });
    ctx.clock.advance(10 * HOUR); // 07:30
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0 });
    expect(surveyCallsTo(fake)).toHaveLength(0);
    ctx.clock.advance(HOUR / 2); // 08:00
    const call = await ringSurveyCall();

    await answerOutboundCall(ctx, fake, call, { actions: [{ press: '1' }] });
    expect((await caseOf(ctx, ref)).satisfaction.answer).toBe('satisfied');
  });

  it('keeps the call when Twilio answers 503 and places it on a later run', async () => {
    const ref = await resolvedLetter(ctx);
    fake.failNextCall(1, { status: 503, code: 20503, message: 'Service Unavailable' });

    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0, deferred: 1 });
    expect(surveyCallsTo(fake)).toHaveLength(0);
    ctx.clock.advance(60_000);
    const call = await ringSurveyCall();

    await answerOutboundCall(ctx, fake, call, { actions: [{ press: '1' }] });
    expect((await caseOf(ctx, ref)).satisfaction.answer).toBe('satisfied');
  });

  it('does not ring a case reopened before its call, and a replayed final status changes nothing', async () => {
    const reopened = await resolvedLetter(ctx);
    expect(
      (await ctx.api('post', `/api/cases/${reopened}/reopen`).send({ reason: 'More rubbish' })).status,
    ).toBe(200);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0, canceled: 1 });
    expect(surveyCallsTo(fake)).toHaveLength(0);

    const ref = await resolvedLetter(ctx);
    const call = await ringSurveyCall();
    const played = await answerOutboundCall(ctx, fake, call, { actions: [] }, { outcome: 'no-answer' });
    const final = played.requests.filter((request) => request.path.endsWith('/status')).at(-1)!;
    const replay = await ctx.signedPost(final.path, final.params);
    expect(replay.status).toBe(204);
    // An earlier status arriving late does not bring the call back either.
    const late = await ctx.signedPost(final.path, {
      ...final.params,
      CallStatus: 'ringing',
      SequenceNumber: '1',
    });
    expect(late.status).toBe(204);

    const detail = await caseOf(ctx, ref);
    expect((detail.events as ApiEvent[]).filter((event) => event.type === 'survey_call_ended')).toHaveLength(
      1,
    );
    const rows = await ctx.database.db
      .selectFrom('survey_calls')
      .selectAll()
      .where('about_ref', '=', ref)
      .execute();
    expect(rows.map((row) => [row.attempt, row.status])).toEqual([
      [1, 'no-answer'],
      [2, 'scheduled'],
    ]);
  });

  it("rings a merged case's reporter about the surviving case, and their 2 reopens it as their texted 2 would", async () => {
    const target = await resolvedLetter(ctx);
    await answerOutboundCall(ctx, fake, await ringSurveyCall(), { actions: [{ press: '1' }] });
    expect((await caseOf(ctx, target)).status).toBe('closed');

    const joined = await ctx.api('post', '/api/cases').send({
      phone: PHONES.neighbour,
      description: 'Rubbish by the market again',
      category: 'sanitation',
      channel: 'letter',
      language: 'en',
    });
    const merged = joined.body.ref as string;
    expect((await ctx.api('post', `/api/cases/${merged}/merge`).send({ into: target })).status).toBe(200);
    expect(await outboxPurposesTo(ctx, PHONES.neighbour)).toEqual(['receipt', 'merge_notice', 'result']);

    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 1 });
    const call = surveyCallsTo(fake, PHONES.neighbour)[0];
    const played = await answerOutboundCall(ctx, fake, call, { actions: [{ press: '2' }] });
    // The question names the case whose result they heard.
    expect(played.transcript[0].say).toContain(`case ${target.split('').join(' ')}.`);

    expect((await caseOf(ctx, merged)).satisfaction.answer).toBe('unsatisfied');
    const survivor = await caseOf(ctx, target);
    expect(survivor.status).toBe('reopened');
    expect((survivor.events as ApiEvent[]).find((event) => event.type === 'reporter_answered')?.data).toEqual(
      {
        ref: merged,
        answer: 'unsatisfied',
      },
    );
  });

  it('the satisfaction job asks a case never asked by a survey call, not a text', async () => {
    const ref = await resolvedLetter(ctx);
    // As after feedback given by phone: resolved, never asked, nothing scheduled.
    await ctx.database.db
      .updateTable('cases')
      .set({ satisfaction_asked_at: null })
      .where('ref', '=', ref)
      .execute();
    await ctx.database.db.deleteFrom('survey_calls').execute();

    const job = await ctx.api('post', '/api/jobs/satisfaction/run');
    expect(job.body.result).toMatchObject({ asked: 1 });
    expect(await outboxPurposesTo(ctx, PHONES.citizen)).toEqual(['receipt', 'result']);
    const call = await ringSurveyCall();
    await answerOutboundCall(ctx, fake, call, { actions: [{ press: '1' }] });
    expect(await caseOf(ctx, ref)).toMatchObject({ status: 'closed', satisfaction: { answer: 'satisfied' } });
  });

  it('a call left unconfirmed by a run that stopped mid-request counts as failed, and is retried once', async () => {
    const ref = await resolvedLetter(ctx);
    // The placer took it and stopped before Twilio answered.
    await ctx.database.db.updateTable('survey_calls').set({ status: 'requested' }).execute();
    ctx.clock.advance(60_000);
    expect(await runSurveyCalls(ctx)).toMatchObject({ lost: 0, placed: 0 });
    ctx.clock.advance(2 * 60_000);
    expect(await runSurveyCalls(ctx)).toMatchObject({ lost: 1, placed: 0 });

    ctx.clock.advance(2 * HOUR);
    const retry = await ringSurveyCall();
    await answerOutboundCall(ctx, fake, retry, { actions: [{ press: '1' }] });
    const detail = await caseOf(ctx, ref);
    expect(detail.satisfaction.answer).toBe('satisfied');
    const ends = (detail.events as ApiEvent[]).filter((event) => event.type === 'survey_call_ended');
    expect(ends.map((event) => event.data.outcome)).toEqual(['failed', 'satisfied']);
  });

  it('refuses a survey call webhook without a valid Twilio signature', async () => {
    await resolvedLetter(ctx);
    const call = await ringSurveyCall();
    const path = new URL(call.url!).pathname;
    const params = {
      CallSid: call.sid,
      AccountSid: fake.accountSid,
      From: HOTLINE_NUMBER,
      To: PHONES.citizen,
    };
    // As on every /twilio route: no signature is a bad request, a wrong one is forbidden.
    expect((await ctx.signedPost(path, params, null)).status).toBe(400);
    expect((await ctx.signedPost(path, params, 'forged')).status).toBe(403);
    expect((await ctx.signedPost(path, params)).status).toBe(200);
  });
});

describe('the satisfaction survey call, offline (HOTLINE_REGION=cn, no Twilio)', () => {
  const hotline = useHotline({ online: false, env: { HOTLINE_REGION: 'cn' } });

  it('keeps due calls until a run can place them', async () => {
    const { ctx } = hotline;
    await resolvedLetter(ctx);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0, offline: true });
    const rows = await ctx.database.db.selectFrom('survey_calls').select(['status', 'attempt']).execute();
    expect(rows).toEqual([{ status: 'scheduled', attempt: 1 }]);
  });
});

describe('the satisfaction question in the default region', () => {
  const hotline = useHotline();

  it('is a text as before, and no survey call is rung', async () => {
    const { ctx, fake } = hotline;
    await resolvedLetter(ctx);
    expect(await outboxPurposesTo(ctx, PHONES.citizen)).toEqual(['receipt', 'result', 'satisfaction']);
    expect(await runSurveyCalls(ctx)).toMatchObject({ placed: 0 });
    expect(fake.calls).toHaveLength(0);
    expect(await ctx.database.db.selectFrom('survey_calls').selectAll().execute()).toEqual([]);
  });
});
