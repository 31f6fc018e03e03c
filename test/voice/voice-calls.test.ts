import request from 'supertest';
import { callHotline } from '../helpers/calls';
import { ADMIN_TOKEN, createTestContext, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';

describe('whole calls to the hotline, played by the call driver', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const db = () => ctx.container.db;
  const cases = () => db().selectFrom('cases').selectAll().orderBy('id').execute();
  const callRow = (callSid: string) =>
    db().selectFrom('calls').selectAll().where('call_sid', '=', callSid).executeTakeFirstOrThrow();
  const attempts = (callSid: string) =>
    db()
      .selectFrom('call_attempts')
      .innerJoin('calls', 'calls.id', 'call_attempts.call_id')
      .select([
        'call_attempts.attempt',
        'call_attempts.position',
        'call_attempts.staff_id',
        'call_attempts.result',
      ])
      .where('calls.call_sid', '=', callSid)
      .orderBy('call_attempts.attempt')
      .execute();
  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  const heard = (call: { transcript: { say: string }[] }) =>
    call.transcript.map((line) => line.say).join(' | ');

  it('(a) 1, a category and a message: one case with the recording, for the primary, with a receipt and an alert', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [
          { press: '9' },
          { press: '1' },
          { press: '1' },
          { silence: true },
          { record: { seconds: 42 } },
        ],
      },
      { fake },
    );
    expect(call.ended).toBe('hangup');

    const [created] = await cases();
    expect(await cases()).toHaveLength(1);
    expect(created).toMatchObject({
      channel: 'voice',
      category: 'noise',
      phone: PHONES.citizen,
      assignee_id: team.primary.id,
      status: 'assigned',
      recording_duration: 42,
      language: 'en',
      call_sid: call.callSid,
    });
    expect(created.recording_sid).toMatch(/^RE/);
    expect(heard(call)).toContain(`Your reference number is ${created.ref.split('').join(' ')}.`);

    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toEqual([expect.stringContaining(created.ref)]);
    expect(sentTo(PHONES.primary)).toEqual([expect.stringContaining(`New case ${created.ref} (call)`)]);
    expect(await callRow(call.callSid)).toMatchObject({ outcome: 'message', case_id: created.id, missed: 0 });
    const recordings = await db().selectFrom('recordings').selectAll().execute();
    expect(recordings).toEqual([
      expect.objectContaining({ kind: 'message', case_id: created.id, status: 'completed' }),
    ]);
  });

  it("(b) 0: the primary's voicemail picks up, the backup presses 1 and gets the case and its reference", async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'voicemail', [PHONES.backup]: 'accept' } },
      { fake },
    );
    expect(call.dialed.map((dialed) => [dialed.phone, dialed.bridged])).toEqual([
      [PHONES.primary, false],
      [PHONES.backup, true],
    ]);
    expect(call.dialed[0].heard.map((line) => line.say)).toEqual([
      'Dutyline hotline call, press 1 to accept.',
    ]);

    const [created] = await cases();
    expect(await cases()).toHaveLength(1);
    expect(created).toMatchObject({
      channel: 'voice',
      assignee_id: team.backup.id,
      missed: 0,
      status: 'acknowledged',
    });
    expect(await callRow(call.callSid)).toMatchObject({
      outcome: 'connected',
      accepted_by: team.backup.id,
      case_id: created.id,
    });
    expect(await attempts(call.callSid)).toEqual([
      { attempt: 0, position: 'primary', staff_id: team.primary.id, result: 'declined' },
      { attempt: 1, position: 'backup', staff_id: team.backup.id, result: 'accepted' },
    ]);
    // The conversation was recorded and joined the case.
    expect(created.recording_sid).toMatch(/^RE/);

    await ctx.flushOutbox();
    expect(sentTo(PHONES.backup)).toEqual([expect.stringContaining(created.ref)]);
    expect(sentTo(PHONES.primary)).toEqual([]);
    expect(sentTo(PHONES.citizen)).toEqual([expect.stringContaining(created.ref)]);
  });

  it('(b) 0 when nobody accepts: the caller is told, leaves a message, and the case is flagged missed with three attempts logged', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [{ press: '0' }, { record: { seconds: 15 } }],
        dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'voicemail', [PHONES.supervisor]: 'busy' },
      },
      { fake },
    );
    expect(call.dialed.map((dialed) => dialed.phone)).toEqual([
      PHONES.primary,
      PHONES.backup,
      PHONES.supervisor,
    ]);
    expect(heard(call)).toContain('抱歉，值班人员暂时无法接听，请留言');

    const [created] = await cases();
    expect(created).toMatchObject({ missed: 1, assignee_id: team.primary.id, recording_duration: 15 });
    expect(await callRow(call.callSid)).toMatchObject({ outcome: 'message', missed: 1, accepted_by: null });
    expect((await attempts(call.callSid)).map((attempt) => [attempt.position, attempt.result])).toEqual([
      ['primary', 'no-answer'],
      ['backup', 'declined'],
      ['supervisor', 'busy'],
    ]);
  });

  it('(c) 2 and a reference: the reporting number hears the result, another number only the status', async () => {
    await ctx.sms(PHONES.citizen, 'Street lamp broken');
    const [reported] = await cases();
    await ctx.sms(PHONES.primary, `DONE ${reported.ref} Lamp replaced`);
    const spelled = reported.ref.split('').join(' ');

    const own = await callHotline(ctx, PHONES.citizen, {
      actions: [{ press: '9' }, { press: '2' }, { press: `${reported.ref}#` }],
    });
    expect(heard(own)).toContain(`Case ${spelled} is answered. The result: Lamp replaced`);
    expect(await callRow(own.callSid)).toMatchObject({ outcome: 'status' });

    const other = await callHotline(ctx, PHONES.neighbour, {
      actions: [{ press: '9' }, { press: '2' }, { press: `${reported.ref}#` }],
    });
    expect(heard(other)).toContain(`Case ${spelled} is answered.`);
    expect(heard(other)).not.toContain('Lamp replaced');
  });

  it('(c) a mistyped reference gets one retry, then the menu again', async () => {
    const call = await callHotline(ctx, PHONES.citizen, {
      actions: [
        { press: '9' },
        { press: '2' },
        { press: '12345678#' },
        { press: '87654321#' },
        { hangup: true },
      ],
    });
    expect(heard(call)).toContain('That reference is not valid.');
    expect(call.transcript.filter((line) => line.say.startsWith('To make a complaint')).length).toBe(2);
  });

  it('(d) silence at every prompt still ends in a recorded case', async () => {
    const call = await callHotline(ctx, PHONES.citizen, { actions: [] }, { fake });
    expect(call.ended).toBe('hangup');
    const [created] = await cases();
    expect(await cases()).toHaveLength(1);
    expect(created).toMatchObject({
      channel: 'voice',
      category: 'other',
      assignee_id: team.primary.id,
      recording_sid: null,
    });
    expect(heard(call)).toContain(created.ref.split('').join(' '));
    expect(await callRow(call.callSid)).toMatchObject({ outcome: 'message' });
  });

  it('(e) a hang-up at the menu is abandoned and raises one call-back case, even with the status callback twice', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ silence: true }, { hangup: true }] },
      { fake, statusCallbacks: { finalTwice: true, outOfOrder: true } },
    );
    expect(call.ended).toBe('caller-hangup');
    const all = await cases();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      category: 'callback',
      assignee_id: team.primary.id,
      phone: PHONES.citizen,
    });
    expect(await callRow(call.callSid)).toMatchObject({
      outcome: 'abandoned',
      callback_case_id: all[0].id,
      status: 'completed',
    });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toEqual([`市民热线未能接通您的来电，编号${all[0].ref}，我们将尽快回电。`]);
    expect(sentTo(PHONES.primary)).toEqual([expect.stringContaining(all[0].ref)]);
  });

  it('(e) a hang-up shorter than the configured floor is logged abandoned without a call-back case', async () => {
    const strict = await createTestContext({ fake, env: { ABANDONED_CALL_FLOOR_SECONDS: '20' } });
    try {
      await seedDutyTeam(strict);
      const call = await callHotline(strict, PHONES.citizen, { actions: [{ hangup: true }] }, { fake });
      const row = await strict.container.db
        .selectFrom('calls')
        .selectAll()
        .where('call_sid', '=', call.callSid)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ outcome: 'abandoned', callback_case_id: null });
      expect(row.duration_seconds).toBeLessThan(20);
      expect(await strict.container.db.selectFrom('cases').selectAll().execute()).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('(f) a recording taken by the fallback URL becomes a case', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ record: { seconds: 30 } }] },
      { fake, voicePath: '/twilio/voice/fallback' },
    );
    const [created] = await cases();
    expect(created).toMatchObject({
      channel: 'voice',
      phone: PHONES.citizen,
      recording_duration: 30,
      assignee_id: team.primary.id,
    });
    expect(heard(call)).toContain(created.ref.split('').join(' '));
    expect(await callRow(call.callSid)).toMatchObject({ outcome: 'message', case_id: created.id });
  });

  it('GET /api/calls lists every call with its outcome and whom the hunt rang; the recording plays through the API', async () => {
    const connected = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
      { fake },
    );
    await callHotline(ctx, PHONES.neighbour, { actions: [{ hangup: true }] }, { fake });

    const list = await ctx.api('get', '/api/calls');
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { outcome: string }) => item.outcome)).toEqual([
      'abandoned',
      'connected',
    ]);
    const [created] = await cases();
    expect(list.body.items[1]).toMatchObject({
      callSid: connected.callSid,
      from: PHONES.citizen,
      outcome: 'connected',
      acceptedBy: { id: team.primary.id, name: 'Wang Fang' },
      dialed: [
        {
          attempt: 0,
          position: 'primary',
          staff: { id: team.primary.id, name: 'Wang Fang' },
          result: 'accepted',
        },
      ],
      caseRef: created.ref,
    });
    expect(list.body.items[1].startedAt).toMatch(/\+08:00$/);
    expect((await ctx.api('get', '/api/calls?outcome=abandoned')).body.items).toHaveLength(1);

    const detail = await ctx.api('get', `/api/cases/${created.ref}`);
    expect(detail.body.calls).toEqual([
      expect.objectContaining({ callSid: connected.callSid, outcome: 'connected' }),
    ]);
    expect(JSON.stringify(detail.body)).not.toContain('Recordings/');

    const audio = await request(ctx.app)
      .get(`/api/cases/${created.ref}/recording`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .buffer(true);
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    expect(audio.body.subarray(0, 3).toString()).toBe('ID3');
    expect(fake.recordingFetches.at(-1)).toMatchObject({ sid: created.recording_sid, answered: 200 });

    const staffToken = await issueToken(ctx, team.backup.id);
    expect((await ctx.api('get', `/api/cases/${created.ref}/recording`, staffToken)).status).toBe(404);
    expect((await ctx.api('get', '/api/calls', staffToken)).status).toBe(403);
  });
});
