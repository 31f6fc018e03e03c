import { answerOutboundCall } from '../helpers/calls';
import { HOTLINE_NUMBER, type TestContext } from '../helpers/context';
import { FAKE_AUDIO, type FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { signInWithTokenOverHttp } from '../web/console-session';

// The clock starts at 10:00 Shanghai time on 1 March 2027; Wang Fang (primary) holds new cases.

type ApiEvent = { type: string; data: Record<string, unknown> };

describe('masked call-backs', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let officerToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    officerToken = await issueToken(ctx, team.primary.id);
  });

  async function letterCase(phone: string | null = PHONES.citizen): Promise<string> {
    const res = await ctx.api('post', '/api/cases').send({
      ...(phone ? { phone } : {}),
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(res.status).toBe(201);
    expect(res.body.assignee?.id).toBe(team.primary.id);
    return res.body.ref;
  }

  /** A resolved case whose result text cannot reach the citizen: a call-back is owed. */
  async function landlineResolved(): Promise<string> {
    fake.failFor(PHONES.citizen, { status: 400, code: 21614, message: 'not a mobile number' });
    const ref = await letterCase();
    await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Replaced the bulb' });
    await ctx.flushOutbox();
    return ref;
  }

  const startCall = (ref: string, token = officerToken) => ctx.api('post', `/api/cases/${ref}/calls`, token);
  const caseOf = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;

  /** The officer answers, presses 1 and talks with the citizen, who picks up. */
  async function callReachingTheCitizen(ref: string) {
    const started = await startCall(ref);
    expect(started.status).toBe(202);
    const call = fake.calls.at(-1)!;
    const played = await answerOutboundCall(ctx, fake, call, {
      actions: [{ press: '1' }],
      dial: { [PHONES.citizen]: 'accept' },
    });
    return { started, call, played };
  }

  it('rings the officer from the hotline number, and pressing 1 bridges them to the citizen under the hotline number only', async () => {
    const ref = await letterCase();
    const { started, call, played } = await callReachingTheCitizen(ref);

    expect(started.body).toMatchObject({
      officer: { id: team.primary.id, name: 'Wang Fang' },
      callSid: call.sid,
      status: 'queued',
      citizenLeg: 'not_dialed',
    });
    expect(call).toMatchObject({ to: PHONES.primary, from: HOTLINE_NUMBER });
    expect(call.url).toMatch(/^https:\/\/hotline\.example\.org\/twilio\/callback-calls\/\d+\/answer$/);
    expect(call.statusCallback).toMatch(/\/twilio\/callback-calls\/\d+\/status$/);

    // The officer hears the case read digit by digit, in their language.
    expect(played.transcript[0].say).toBe(
      `Hotline call-back for case ${ref.split('').join(' ')}. Press 1 to call the citizen back; they will see the hotline number.`,
    );
    // The bridge: the citizen's phone shows the hotline number, and is recorded.
    expect(played.dialed).toEqual([
      expect.objectContaining({ phone: PHONES.citizen, callerId: HOTLINE_NUMBER, bridged: true }),
    ]);
    const bridge = played.requests.find((request) => request.body.includes('<Dial'))!.body;
    expect(bridge).toContain(`callerId="${HOTLINE_NUMBER}"`);
    expect(bridge).toContain('record="record-from-answer-dual"');
    expect(bridge).toContain(`<Number>${PHONES.citizen}</Number>`);
    // The officer's own number is in no TwiML at all, nor in anything about the citizen's leg.
    for (const request of played.requests) expect(request.body).not.toContain(PHONES.primary);
    const citizenLeg = played.dialed[0].callSid;
    const citizenRequests = played.requests.filter((request) => request.params.CallSid === citizenLeg);
    for (const request of citizenRequests)
      expect(JSON.stringify(request.params)).not.toContain(PHONES.primary);
    for (const created of fake.calls.filter((each) => each.to === PHONES.citizen))
      expect(created.from).toBe(HOTLINE_NUMBER);

    const detail = await caseOf(ref);
    expect(detail.callbackCalls).toEqual([
      expect.objectContaining({
        id: started.body.id,
        status: 'completed',
        citizenLeg: 'completed',
        citizenDurationSeconds: expect.any(Number),
        durationSeconds: played.durationSeconds,
        recording: {
          url: `/api/cases/${ref}/calls/${started.body.id}/recording`,
          durationSeconds: 60,
        },
      }),
    ]);
    expect(JSON.stringify(detail.callbackCalls)).not.toContain(fake.baseUrl);
    const events = (detail.events as ApiEvent[]).filter((event) => event.type.startsWith('callback_call'));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'callback_call_started',
        data: { callId: started.body.id, staffId: team.primary.id },
      }),
      expect.objectContaining({
        type: 'callback_call_ended',
        data: {
          callId: started.body.id,
          staffId: team.primary.id,
          status: 'completed',
          citizenLeg: 'completed',
          durationSeconds: played.durationSeconds,
        },
      }),
    ]);

    // Whoever may see the case can listen, through the server; someone else cannot.
    const audio = await ctx
      .api('get', `/api/cases/${ref}/calls/${started.body.id}/recording`, officerToken)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(audio.status).toBe(200);
    expect(audio.body).toEqual(FAKE_AUDIO);
    const colleague = await issueToken(ctx, team.colleague.id);
    expect(
      (await ctx.api('get', `/api/cases/${ref}/calls/${started.body.id}/recording`, colleague)).status,
    ).toBe(404);

    // The officer is asked to mark the call.
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => message.to === PHONES.primary).map((m) => m.body)).toContain(
      `Call-back on case ${ref} ended. Text CALLED ${ref} if you reached the citizen, NOANSWER ${ref} if not.`,
    );
  });

  it('counts as feedback by phone once the officer texts CALLED after the call', async () => {
    const ref = await landlineResolved();
    await callReachingTheCitizen(ref);
    expect((await caseOf(ref)).feedback.via).toBeNull();

    await ctx.sms(PHONES.primary, `CALLED ${ref}`).expect(200);

    const detail = await caseOf(ref);
    expect(detail.feedback.via).toBe('call');
    expect(detail.callbacks).toEqual([expect.objectContaining({ outcome: 'reached' })]);
  });

  it('leaves the call-back task open, its attempt counted, when the officer marks it not reached through the API', async () => {
    const ref = await landlineResolved();
    await callReachingTheCitizen(ref);

    const marked = await ctx
      .api('post', `/api/cases/${ref}/callback`, officerToken)
      .send({ outcome: 'no_answer', note: '' });
    expect(marked.status).toBe(200);

    const detail = await caseOf(ref);
    expect(detail.feedback.via).toBeNull();
    expect(detail.callbacks).toEqual([expect.objectContaining({ outcome: null, doneAt: null, attempts: 1 })]);
  });

  it('says goodbye and never rings the citizen when the officer presses another key', async () => {
    const ref = await letterCase();
    const started = await startCall(ref);
    const played = await answerOutboundCall(ctx, fake, fake.calls[0], {
      actions: [{ press: '2' }],
      dial: { [PHONES.citizen]: 'accept' },
    });

    expect(played.dialed).toEqual([]);
    expect(played.transcript.at(-1)?.say).toBe(
      'You did not press 1, so the call-back is cancelled. Goodbye.',
    );
    const detail = await caseOf(ref);
    expect(detail.callbackCalls).toEqual([
      expect.objectContaining({ id: started.body.id, status: 'completed', citizenLeg: 'not_dialed' }),
    ]);
    const ended = (detail.events as ApiEvent[]).find((event) => event.type === 'callback_call_ended');
    expect(ended?.data).toMatchObject({ status: 'completed', citizenLeg: 'not_dialed' });
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => /^Call-back on case/.test(message.body))).toEqual([]);
  });

  it('logs an officer who does not answer as a call that ended with no answer', async () => {
    const ref = await letterCase();
    await startCall(ref);
    await answerOutboundCall(ctx, fake, fake.calls[0], { actions: [] }, { outcome: 'no-answer' });

    const detail = await caseOf(ref);
    expect(detail.callbackCalls).toEqual([
      expect.objectContaining({ status: 'no-answer', citizenLeg: 'not_dialed' }),
    ]);
    // The call is over: another one may start.
    expect((await startCall(ref)).status).toBe(202);
  });

  it('refuses a second call while one is live on the case', async () => {
    const ref = await letterCase();
    expect((await startCall(ref)).status).toBe(202);

    const second = await startCall(ref);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('callback_call.in_progress');
    expect(fake.calls).toHaveLength(1);
  });

  it('changes nothing when Twilio repeats the final status or sends the answered status late', async () => {
    const ref = await letterCase();
    await startCall(ref);
    await answerOutboundCall(
      ctx,
      fake,
      fake.calls[0],
      { actions: [{ press: '1' }], dial: { [PHONES.citizen]: 'accept' } },
      { statusCallbacks: { finalTwice: true, outOfOrder: true } },
    );

    const detail = await caseOf(ref);
    expect(detail.callbackCalls).toEqual([
      expect.objectContaining({ status: 'completed', citizenLeg: 'completed' }),
    ]);
    expect(
      (detail.events as ApiEvent[]).filter((event) => event.type === 'callback_call_ended'),
    ).toHaveLength(1);
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => /^Call-back on case/.test(message.body))).toHaveLength(1);
  });

  it.each([
    [503, 'callback_call.twilio_unavailable'],
    [429, 'callback_call.twilio_rate_limited'],
  ])('answers a clear 503 when Twilio answers %i, and logs the attempt on the case', async (status, code) => {
    const ref = await letterCase();
    fake.failNextCall(1, { status });

    const res = await startCall(ref);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe(code);

    const detail = await caseOf(ref);
    expect(detail.callbackCalls).toEqual([expect.objectContaining({ status: 'failed', errorCode: code })]);
    expect(
      (detail.events as ApiEvent[]).find((event) => event.type === 'callback_call_failed')?.data,
    ).toMatchObject({
      code,
      twilioStatus: status,
    });
    // Nothing stays stuck: the next try goes through.
    expect((await startCall(ref)).status).toBe(202);
  });

  it('answers 503 when Twilio cannot be reached at all', async () => {
    const ref = await letterCase();
    fake.failNextCall(1, { drop: true });

    const res = await startCall(ref);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('callback_call.twilio_unavailable');
  });

  it('calls only for a case with a citizen phone, held by the caller or seen by a supervisor', async () => {
    const noPhone = await letterCase(null);
    const refused = await startCall(noPhone);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('callback_call.no_phone');

    const ref = await letterCase();
    const colleague = await issueToken(ctx, team.colleague.id);
    expect((await startCall(ref, colleague)).status).toBe(404);
    const supervisor = await issueToken(ctx, team.supervisor.id);
    expect((await startCall(ref, supervisor)).status).toBe(202);
    expect(fake.calls.map((call) => call.to)).toEqual([PHONES.supervisor]);
  });

  it('checks the signature on every call-back webhook', async () => {
    const ref = await letterCase();
    const started = await startCall(ref);
    const path = `/twilio/callback-calls/${started.body.id}/answer`;
    const params = { CallSid: fake.calls[0].sid, From: HOTLINE_NUMBER, To: PHONES.primary };

    expect((await ctx.signedPost(path, params, null)).status).toBe(400);
    expect((await ctx.signedPost(path, params, 'forged')).status).toBe(403);
    expect((await ctx.signedPost(path, params)).status).toBe(200);
  });

  it('keeps one live call per case even when two requests pass the check together (the store decides)', async () => {
    const ref = await letterCase();
    const { db, callbackCallsRepository } = ctx.container;
    const found = await db.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    // What a second request racing past findLive on PostgreSQL would do: insert as well.
    const first = await callbackCallsRepository.insert(db, {
      caseId: found.id,
      staffId: team.primary.id,
      now,
    });
    const second = await callbackCallsRepository.insert(db, {
      caseId: found.id,
      staffId: team.backup.id,
      now,
    });
    expect(first?.caseId).toBe(found.id);
    expect(second).toBeUndefined();
  });
});

describe('masked call-backs offline', () => {
  const hotline = useHotline({ online: false });

  it('refuses with a clear code when there is no Twilio account', async () => {
    const { ctx, team } = hotline;
    const token = await issueToken(ctx, team.primary.id);
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A visit about noise',
      category: 'roads',
      channel: 'visit',
    });

    const res = await ctx.api('post', `/api/cases/${created.body.ref}/calls`, token);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('callback_call.offline');
  });
});

describe('the case page’s call button', () => {
  // Plain http, as on a test machine: the session cookie is then not marked Secure.
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });

  it('offers the officer “Call the citizen”, which rings their phone from the hotline number and says so', async () => {
    const { ctx, fake, team } = hotline;
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    const { ref } = created.body;
    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));

    const page = await officer.get(`/console/cases/${ref}`);
    expect(page.text).toContain(`action="/console/cases/${ref}/calls"`);
    expect(page.text).toContain('Call the citizen (hotline number shown)');

    const posted = await officer.post(`/console/cases/${ref}/calls`);
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/console/cases/${ref}?done=done.callStarted`);
    expect(fake.calls).toEqual([expect.objectContaining({ to: PHONES.primary, from: HOTLINE_NUMBER })]);
    const after = await officer.get(posted.headers.location);
    expect(after.text).toContain('Your phone rings now: press 1 to be put through to the citizen.');

    // A second press while the phone rings explains itself.
    const again = await officer.post(`/console/cases/${ref}/calls`);
    expect(again.headers.location).toBe(`/console/cases/${ref}?error=error.callback_call.in_progress`);

    // A colleague who does not hold the case is not offered the button.
    const colleague = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.colleague.id));
    expect((await colleague.get(`/console/cases/${ref}`)).status).toBe(404);
  });

  it('lists the call on the case page with how it went, and plays its recording through Dutyline', async () => {
    const { ctx, fake, team } = hotline;
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    const { ref } = created.body;
    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));
    await officer.post(`/console/cases/${ref}/calls`);
    await answerOutboundCall(ctx, fake, fake.calls[0], {
      actions: [{ press: '1' }],
      dial: { [PHONES.citizen]: 'accept' },
    });

    const page = await officer.get(`/console/cases/${ref}`);
    expect(page.text).toContain('Masked call-backs');
    expect(page.text).toContain('Talked with the citizen');
    expect(page.text).toContain('Masked call-back ended: Wang Fang talked with the citizen');
    const src = /src="(\/console\/cases\/\d+\/calls\/\d+\/recording)"/.exec(page.text)?.[1];
    expect(src).toBeDefined();
    expect(page.text).not.toContain(fake.baseUrl);
    const audio = await officer
      .get(src!)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(audio.status).toBe(200);
    expect(audio.body).toEqual(FAKE_AUDIO);
  });
});
