import { type DriverRequest, parseTwiml, type TwimlNode } from '../../src/simulator/index';
import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { fakeSid } from '../helpers/twilio-signing';

// The default flow asks "which street?" after the category, by speech, before the message.

describe('a caller answers "which street?" by speech', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;

  beforeEach(() => {
    ({ fake, ctx } = hotline);
  });

  const db = () => ctx.container.db;
  const onlyCase = async () => {
    const rows = await db().selectFrom('cases').selectAll().execute();
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const eventsOf = async (caseId: number, type: string) =>
    (
      await db()
        .selectFrom('case_events')
        .select(['data'])
        .where('case_id', '=', caseId)
        .where('type', '=', type)
        .execute()
    ).map((event) => JSON.parse(event.data));
  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);

  /** The speech <Gather> the hotline answered with during the call. */
  function speechGather(requests: DriverRequest[]): TwimlNode {
    for (const request of requests) {
      if (!request.body.startsWith('<?xml')) continue;
      const gather = parseTwiml(request.body).children.find(
        (verb) => verb.name === 'Gather' && verb.attributes.input === 'speech',
      );
      if (gather) return gather;
    }
    throw new Error('the hotline never asked a question by speech');
  }
  const hintsOf = (gather: TwimlNode) => gather.attributes.hints.split(',');
  const streetAction = (requests: DriverRequest[]) => requests.find((r) => r.path.includes('s=street'))!;

  it.each([
    ['东关街', 'dongguan-street', '东关街'],
    ['大理路口', 'dali-road', '大理路'],
  ])(
    'a caller in Chinese who says "%s" gets a case at that place, and the receipt names it',
    async (said, placeId, place) => {
      const call = await callHotline(
        ctx,
        PHONES.citizen,
        {
          actions: [
            { press: '1' },
            { press: '1' },
            { say: said, confidence: 0.87 },
            { record: { seconds: 30 } },
          ],
        },
        { fake },
      );

      const gather = speechGather(call.requests);
      expect(gather.attributes).toMatchObject({
        input: 'speech',
        language: 'cmn-Hans-CN',
        speechTimeout: 'auto',
        actionOnEmptyResult: 'true',
      });
      expect(hintsOf(gather)).toEqual(expect.arrayContaining(['东关街', '大理路', '民主路', '香格里拉大道']));
      expect(hintsOf(gather)).not.toContain('Dali Road');
      expect(gather.children.map((say) => say.text)).toEqual([
        '请说出问题所在的街道或地点名称，不清楚请稍候。',
      ]);
      expect(streetAction(call.requests).params).toMatchObject({ SpeechResult: said, Confidence: '0.87' });

      const created = await onlyCase();
      expect(created).toMatchObject({ place, place_id: placeId, channel: 'voice', recording_duration: 30 });
      expect(await eventsOf(created.id, 'place_heard')).toEqual([{ heard: said, confidence: 0.87, placeId }]);
      await ctx.flushOutbox();
      expect(sentTo(PHONES.citizen)).toEqual([expect.stringContaining(`地点：${place}`)]);
    },
  );

  it('an English caller who says "dali road please" gets Dali Road, heard in en-US with English hints', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [
          { press: '9' },
          { press: '1' },
          { press: '1' },
          { say: 'dali road please' },
          { record: { seconds: 12 } },
        ],
      },
      { fake },
    );

    const gather = speechGather(call.requests);
    expect(gather.attributes).toMatchObject({ input: 'speech', language: 'en-US' });
    expect(hintsOf(gather)).toEqual(expect.arrayContaining(['Dali Road', 'Dongguan Street', "Xi'an Road"]));
    expect(hintsOf(gather)).not.toContain('大理路');
    const created = await onlyCase();
    expect(created).toMatchObject({ place: 'Dali Road', place_id: 'dali-road', language: 'en' });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toEqual([expect.stringContaining('place: Dali Road')]);
  });

  it('a caller who says nothing still leaves a recorded case, with no place for triage to set', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '1' }, { press: '1' }, { silence: true }, { record: { seconds: 20 } }] },
      { fake },
    );

    // actionOnEmptyResult: the question's action is still requested, with nothing heard.
    const action = streetAction(call.requests).params;
    expect(action).not.toHaveProperty('SpeechResult');
    expect(action).not.toHaveProperty('Confidence');
    const created = await onlyCase();
    expect(created).toMatchObject({ place: null, place_id: null, recording_duration: 20 });
    expect(created.recording_sid).toMatch(/^RE/);
    expect(call.transcript.map((line) => line.say).join(' | ')).toContain('请在提示音后说明您的诉求');
    expect(await eventsOf(created.id, 'place_heard')).toEqual([]);
  });

  it('a place the gazetteer does not know leaves the place empty, keeps what was heard, and the call goes on', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [
          { press: '1' },
          { press: '2' },
          { say: '人民广场', confidence: 0.5 },
          { record: { seconds: 9 } },
        ],
      },
      { fake },
    );

    const created = await onlyCase();
    expect(created).toMatchObject({ place: null, place_id: null, recording_duration: 9 });
    expect(await eventsOf(created.id, 'place_heard')).toEqual([
      { heard: '人民广场', confidence: 0.5, placeId: null },
    ]);
    expect(call.ended).toBe('hangup');
    expect(call.transcript.at(-1)?.say).toContain(created.ref.split('').join(' '));
  });

  describe('the words travel with the call in its signed URLs', () => {
    const callParams = (CallSid: string) => ({ CallSid, From: PHONES.citizen, To: '+8610012345' });
    /** The <Record> the street question's answer leads to. */
    async function answerStreet(CallSid: string, params: Record<string, string>) {
      await ctx.signedPost('/twilio/voice', { ...callParams(CallSid), CallStatus: 'ringing' });
      const res = await ctx.signedPost('/twilio/voice/step?s=street&l=zh-CN&c=noise', {
        ...callParams(CallSid),
        CallStatus: 'in-progress',
        ...params,
      });
      expect(res.status).toBe(200);
      const record = parseTwiml(res.text).children.find((verb) => verb.name === 'Record');
      if (!record) throw new Error(`no <Record> after the street question: ${res.text}`);
      return record;
    }
    const pathOf = (url: string) => url.slice(ctx.config.publicBaseUrl.length);

    it('a recording callback that comes before (or instead of) the record action still gives the case its place', async () => {
      const CallSid = fakeSid('CA');
      const record = await answerStreet(CallSid, { SpeechResult: '东关街', Confidence: '0.92' });
      const RecordingSid = fakeSid('RE');
      const res = await ctx.signedPost(pathOf(record.attributes.recordingStatusCallback), {
        CallSid,
        RecordingSid,
        RecordingUrl: `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Recordings/${RecordingSid}`,
        RecordingStatus: 'completed',
        RecordingDuration: '14',
      });
      expect(res.status).toBe(204);

      const created = await onlyCase();
      expect(created).toMatchObject({ place: '东关街', place_id: 'dongguan-street', category: 'noise' });
      expect(await eventsOf(created.id, 'place_heard')).toEqual([
        { heard: '东关街', confidence: 0.92, placeId: 'dongguan-street' },
      ]);
    });

    it('a message whose recording arrives after the hang-up made a call-back case gives that case the place', async () => {
      const CallSid = fakeSid('CA');
      const record = await answerStreet(CallSid, { SpeechResult: '民主路', Confidence: '0.8' });
      ctx.clock.advance(60_000);
      const ended = await ctx.signedPost('/twilio/voice/status', {
        ...callParams(CallSid),
        CallStatus: 'completed',
        CallDuration: '60',
        SequenceNumber: '2',
      });
      expect(ended.status).toBe(204);
      expect(await onlyCase()).toMatchObject({ category: 'callback', place: null });

      const RecordingSid = fakeSid('RE');
      await ctx.signedPost(pathOf(record.attributes.recordingStatusCallback), {
        CallSid,
        RecordingSid,
        RecordingUrl: `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Recordings/${RecordingSid}`,
        RecordingStatus: 'completed',
        RecordingDuration: '25',
      });
      const converted = await onlyCase();
      expect(converted).toMatchObject({ category: 'noise', place: '民主路', place_id: 'minzhu-road' });
      expect(await eventsOf(converted.id, 'place_heard')).toEqual([
        { heard: '民主路', confidence: 0.8, placeId: 'minzhu-road' },
      ]);
    });

    it('a Confidence that is not a number is left out; the words still name the place', async () => {
      const record = await answerStreet(fakeSid('CA'), { SpeechResult: ' 大理路 ', Confidence: 'high' });
      const action = new URL(record.attributes.action).searchParams;
      expect(Object.fromEntries(action)).toEqual({
        s: 'record_complaint',
        l: 'zh-CN',
        c: 'noise',
        h: '大理路',
        p: 'dali-road',
        e: 'recorded',
      });
    });
  });
});
