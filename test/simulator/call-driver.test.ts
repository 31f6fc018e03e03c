import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import {
  type CallScript,
  createInteractiveCaller,
  createSignedPost,
  createTerminalAsk,
  type DriverRequest,
  type PlayCallOptions,
  parseTwiml,
  playCall,
  type SendSigned,
  scriptedCaller,
  sendWithFetch,
} from '../../src/simulator/index';
import { FAKE_AUDIO, startFakeTwilio } from '../helpers/fake-twilio';

const BASE = 'https://hotline.example.org';
const TOKEN = 'driver-test-signing-token';
const CITIZEN = '+8613900000001';
const HOTLINE = '+8610012345';
const PRIMARY = '+8613800000001';
const BACKUP = '+8613800000002';

type Params = Record<string, string>;

/**
 * Hand-written TwiML per path (the real voice routes are tested elsewhere). Signatures are checked
 * as the real server does, so the driver's signing is tested too.
 */
const ROUTES: Record<string, (params: Params) => string | null> = {
  '/menu': () =>
    `<Response><Gather numDigits="1" timeout="4" action="${BASE}/t/choice?s=menu&amp;n=0" actionOnEmptyResult="true">` +
    '<Say language="cmn-CN">投诉请按1</Say></Gather></Response>',
  '/t/choice': (p) =>
    `<Response><Say language="en-US">you pressed ${p.Digits || 'nothing'}</Say><Hangup/></Response>`,
  '/street': () =>
    `<Response><Gather input="speech" language="cmn-Hans-CN" hints="大理路,东关街" speechTimeout="auto" timeout="4" ` +
    `action="${BASE}/t/heard" actionOnEmptyResult="true"><Say language="cmn-CN">哪条街道？</Say></Gather></Response>`,
  '/street-or-key': () =>
    `<Response><Gather input="dtmf speech" numDigits="1" action="${BASE}/t/heard" actionOnEmptyResult="true">` +
    '<Say>Say the street, or press 1</Say></Gather></Response>',
  '/t/heard': (p) =>
    `<Response><Say language="en-US">heard ${p.SpeechResult ?? p.Digits ?? 'nothing'}</Say><Hangup/></Response>`,
  '/plain-gather': () =>
    `<Response><Gather numDigits="1" action="${BASE}/t/choice"><Say>Press 1</Say></Gather>` +
    '<Say>We did not hear you</Say></Response>',
  '/reference': () =>
    `<Response><Gather finishOnKey="#" action="${BASE}/t/choice"><Say>Enter the reference, then hash</Say></Gather></Response>`,
  '/record': () =>
    '<Response><Say>Leave a message after the beep</Say>' +
    `<Record maxLength="180" finishOnKey="#" action="${BASE}/t/recorded" ` +
    `recordingStatusCallback="${BASE}/t/recording-status" recordingStatusCallbackEvent="completed absent"/>` +
    `<Redirect>${BASE}/t/empty</Redirect></Response>`,
  '/t/recorded': () => '<Response><Say>Thank you</Say><Hangup/></Response>',
  '/t/empty': () => '<Response><Say>No message was recorded</Say><Hangup/></Response>',
  '/t/recording-status': () => null,
  '/dial': () =>
    `<Response><Dial action="${BASE}/t/dial-done" timeout="20" record="record-from-answer-dual" ` +
    `recordingStatusCallback="${BASE}/t/dial-recording">` +
    `<Number url="${BASE}/t/whisper?who=primary">${PRIMARY}</Number>` +
    `<Number url="${BASE}/t/whisper?who=backup">${BACKUP}</Number></Dial></Response>`,
  '/dial-no-action': () =>
    `<Response><Dial timeout="20">${PRIMARY}</Dial><Say>The call has ended</Say></Response>`,
  '/t/whisper': () =>
    `<Response><Gather numDigits="1" timeout="5" action="${BASE}/t/whisper-answer">` +
    '<Say language="cmn-CN">热线来电，按1接听</Say></Gather><Hangup/></Response>',
  '/t/whisper-answer': (p) => (p.Digits === '1' ? '<Response/>' : '<Response><Hangup/></Response>'),
  '/t/dial-done': (p) => `<Response><Say>dial ${p.DialCallStatus}</Say><Hangup/></Response>`,
  '/t/dial-recording': () => null,
  '/twilio/voice/status': () => null,
  '/loop': () =>
    `<Response><Gather action="${BASE}/t/choice"><Say>Hello?</Say></Gather><Redirect>${BASE}/loop</Redirect></Response>`,
  '/not-xml': () => 'Hello, world',
  '/wrong-root': () => '<Twiml><Say>hi</Say></Twiml>',
};

function createTinyServer() {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res) => {
    const params = req.body as Params;
    if (!twilio.validateRequest(TOKEN, req.get('x-twilio-signature') ?? '', BASE + req.originalUrl, params)) {
      res.status(403).send('bad signature');
      return;
    }
    if (req.path === '/boom') {
      res.status(500).send('database is locked');
      return;
    }
    const route = ROUTES[req.path];
    if (!route) {
      res.status(404).send(`no route ${req.path}`);
      return;
    }
    const twiml = route(params);
    if (twiml === null) res.status(204).end();
    else res.type('text/xml').send(twiml);
  });
  return app;
}

const app = createTinyServer();

function sendTo(token: string) {
  const send: SendSigned = async (path, params, signature) => {
    const res = await request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params);
    return { status: res.status, body: res.text, contentType: res.headers['content-type'] };
  };
  return createSignedPost(token, BASE, send);
}

function call(voicePath: string, script: CallScript, options: Partial<PlayCallOptions> = {}) {
  return playCall({
    post: sendTo(TOKEN),
    baseUrl: BASE,
    from: CITIZEN,
    to: HOTLINE,
    caller: scriptedCaller(script),
    voicePath,
    startedAt: new Date('2027-03-01T02:00:00Z'),
    ...options,
  });
}

const paths = (requests: DriverRequest[]) => requests.map((r) => r.path);
const statusCallbacks = (requests: DriverRequest[]) =>
  requests.filter((r) => r.path === '/twilio/voice/status').map((r) => r.params);
const sayings = (transcript: { say: string }[]) => transcript.map((line) => line.say);

describe('the call driver plays a call as Twilio would', () => {
  describe('<Gather>', () => {
    it('silence with actionOnEmptyResult posts the action with empty Digits', async () => {
      const result = await call('/menu', { actions: [{ silence: true }] });
      expect(paths(result.requests)).toEqual([
        '/menu',
        '/twilio/voice/status',
        '/t/choice?s=menu&n=0',
        '/twilio/voice/status',
      ]);
      expect(result.requests[0].params).toMatchObject({
        CallSid: result.callSid,
        From: CITIZEN,
        To: HOTLINE,
        CallStatus: 'ringing',
        Direction: 'inbound',
        ApiVersion: '2010-04-01',
      });
      expect(result.callSid).toMatch(/^CA[0-9a-f]{32}$/);
      expect(result.requests[2].params).toMatchObject({ Digits: '', CallStatus: 'in-progress' });
      expect(result.transcript).toEqual([
        { say: '投诉请按1', language: 'cmn-CN' },
        { say: 'you pressed nothing', language: 'en-US' },
      ]);
      expect(result.ended).toBe('hangup');
    });

    it('a key press is posted as Digits', async () => {
      const result = await call('/menu', { actions: [{ press: '1' }] });
      expect(result.requests[2].params.Digits).toBe('1');
      expect(sayings(result.transcript)).toEqual(['投诉请按1', 'you pressed 1']);
    });

    it('silence without actionOnEmptyResult skips the action and runs the next verb', async () => {
      const result = await call('/plain-gather', { actions: [{ silence: true }] });
      expect(paths(result.requests)).not.toContain('/t/choice');
      expect(sayings(result.transcript)).toEqual(['Press 1', 'We did not hear you']);
      expect(result.ended).toBe('hangup');
    });

    it('a reference typed with # is posted without the #', async () => {
      const result = await call('/reference', { actions: [{ press: '12345678#' }] });
      expect(result.requests.find((r) => r.path === '/t/choice')?.params.Digits).toBe('12345678');
    });
  });

  describe('<Gather input="speech">', () => {
    it('a caller who says a phrase posts SpeechResult and Confidence, signed like the rest', async () => {
      const result = await call('/street', { actions: [{ say: '东关街', confidence: 0.87 }] });
      const heard = result.requests.find((r) => r.path === '/t/heard')!;
      expect(heard.params).toMatchObject({
        SpeechResult: '东关街',
        Confidence: '0.87',
        CallSid: result.callSid,
      });
      expect(heard.params).not.toHaveProperty('Digits');
      expect(sayings(result.transcript)).toEqual(['哪条街道？', 'heard 东关街']);
    });

    it('silence with actionOnEmptyResult posts the action with neither SpeechResult nor Digits', async () => {
      const result = await call('/street', { actions: [{ silence: true }] });
      const heard = result.requests.find((r) => r.path === '/t/heard')!;
      expect(heard.params).not.toHaveProperty('SpeechResult');
      expect(heard.params).not.toHaveProperty('Confidence');
      expect(heard.params).not.toHaveProperty('Digits');
      expect(sayings(result.transcript)).toEqual(['哪条街道？', 'heard nothing']);
    });

    it('input="dtmf speech" takes either keys or words', async () => {
      const pressed = await call('/street-or-key', { actions: [{ press: '1' }] });
      expect(pressed.requests.find((r) => r.path === '/t/heard')?.params.Digits).toBe('1');
      const spoken = await call('/street-or-key', { actions: [{ say: 'Dali Road' }] });
      expect(spoken.requests.find((r) => r.path === '/t/heard')?.params).toMatchObject({
        SpeechResult: 'Dali Road',
      });
    });

    it('words at a keys-only Gather, or keys at a speech-only one, are a mistake in the test', async () => {
      await expect(call('/menu', { actions: [{ say: 'one' }] })).rejects.toThrow(
        'the script speaks at a <Gather> that takes only keys',
      );
      await expect(call('/street', { actions: [{ press: '1' }] })).rejects.toThrow(
        'the script presses keys at a <Gather> that takes only speech',
      );
    });
  });

  describe('<Record>', () => {
    it('a recording posts the action, then the recording callback, then follows the action', async () => {
      const result = await call('/record', { actions: [{ record: { seconds: 20 } }] });
      expect(paths(result.requests)).toEqual([
        '/record',
        '/twilio/voice/status',
        '/t/recorded',
        '/t/recording-status',
        '/twilio/voice/status',
      ]);
      const action = result.requests[2].params;
      expect(action).toMatchObject({ RecordingDuration: '20', Digits: '#', CallSid: result.callSid });
      expect(action.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
      expect(action.RecordingUrl).toBe(
        `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${action.RecordingSid}`,
      );
      expect(result.requests[3].params).toEqual({
        RecordingSid: action.RecordingSid,
        RecordingUrl: action.RecordingUrl,
        RecordingStatus: 'completed',
        RecordingDuration: '20',
        CallSid: result.callSid,
        AccountSid: `AC${'0'.repeat(32)}`,
      });
      expect(sayings(result.transcript)).toEqual(['Leave a message after the beep', 'Thank you']);
    });

    it('silence skips the action, reports the recording absent, and runs the <Redirect> after it', async () => {
      const result = await call('/record', { actions: [{ silence: true }] });
      expect(paths(result.requests)).toEqual([
        '/record',
        '/twilio/voice/status',
        '/t/recording-status',
        '/t/empty',
        '/twilio/voice/status',
      ]);
      expect(result.requests[2].params).toMatchObject({ RecordingStatus: 'absent', RecordingDuration: '0' });
      expect(sayings(result.transcript)).toEqual([
        'Leave a message after the beep',
        'No message was recorded',
      ]);
    });

    it('a caller who hangs up while recording sends Digits=hangup and nothing after the callback', async () => {
      const result = await call('/record', { actions: [{ record: { seconds: 30, hangup: true } }] });
      expect(paths(result.requests)).toEqual([
        '/record',
        '/twilio/voice/status',
        '/t/recorded',
        '/t/recording-status',
        '/twilio/voice/status',
      ]);
      expect(result.requests[2].params.Digits).toBe('hangup');
      // The action's answer is not played to a caller who has gone.
      expect(sayings(result.transcript)).toEqual(['Leave a message after the beep']);
      expect(result.ended).toBe('caller-hangup');
    });

    it('a recording the driver reports can be fetched from the fake Twilio with credentials', async () => {
      const fake = await startFakeTwilio();
      try {
        const result = await call(
          '/record',
          { actions: [{ record: { seconds: 5 } }] },
          { accountSid: fake.accountSid, recordingBaseUrl: fake.baseUrl },
        );
        const url = result.requests[2].params.RecordingUrl;
        const auth = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
        const audio = await fetch(`${url}.mp3`, { headers: { authorization: auth } });
        expect(audio.status).toBe(200);
        expect(audio.headers.get('content-type')).toBe('audio/mpeg');
        expect(Buffer.from(await audio.arrayBuffer())).toEqual(FAKE_AUDIO);
        expect((await fetch(url)).status).toBe(401);
        fake.deleteRecording(result.requests[2].params.RecordingSid);
        expect((await fetch(url, { headers: { authorization: auth } })).status).toBe(404);
      } finally {
        await fake.close();
      }
    });
  });

  describe('<Dial>', () => {
    it("a voicemail never presses 1, so the backup's acceptance bridges the call", async () => {
      const result = await call('/dial', {
        actions: [],
        dial: { [PRIMARY]: 'voicemail', [BACKUP]: 'accept' },
      });
      expect(paths(result.requests)).toEqual([
        '/dial',
        '/twilio/voice/status',
        '/t/whisper?who=primary',
        '/t/whisper?who=backup',
        '/t/whisper-answer',
        '/t/dial-done',
        '/t/dial-recording',
        '/twilio/voice/status',
      ]);
      const [primaryLeg, backupLeg] = result.dialed;
      expect(result.dialed.map(({ phone, outcome, bridged }) => ({ phone, outcome, bridged }))).toEqual([
        { phone: PRIMARY, outcome: 'voicemail', bridged: false },
        { phone: BACKUP, outcome: 'accept', bridged: true },
      ]);
      expect(result.requests[2].params).toMatchObject({
        CallSid: primaryLeg.callSid,
        ParentCallSid: result.callSid,
        From: CITIZEN,
        To: PRIMARY,
      });
      expect(result.requests[4].params).toMatchObject({ CallSid: backupLeg.callSid, Digits: '1' });
      expect(result.requests[5].params).toMatchObject({
        CallSid: result.callSid,
        DialCallStatus: 'completed',
        DialCallSid: backupLeg.callSid,
        DialBridged: 'true',
      });
      expect(result.requests[6].params).toMatchObject({
        RecordingStatus: 'completed',
        CallSid: result.callSid,
        RecordingSid: result.requests[5].params.RecordingSid,
      });
      // The whisper is heard on the staff leg, never by the caller.
      expect(sayings(primaryLeg.heard)).toEqual(['热线来电，按1接听']);
      expect(sayings(result.transcript)).toEqual(['dial completed']);
    });

    it('nobody answering posts no-answer, not bridged, with no recording', async () => {
      const result = await call('/dial', { actions: [], dial: { [PRIMARY]: 'no-answer', [BACKUP]: 'busy' } });
      expect(paths(result.requests)).toEqual([
        '/dial',
        '/twilio/voice/status',
        '/t/dial-done',
        '/twilio/voice/status',
      ]);
      expect(result.requests[2].params).toMatchObject({
        DialCallStatus: 'no-answer',
        DialBridged: 'false',
        DialCallDuration: '0',
      });
      expect(result.requests[2].params.RecordingUrl).toBeUndefined();
      // Each unanswered phone rang for the Dial's timeout or was busy at once.
      expect(statusCallbacks(result.requests)[1].CallDuration).toBe(String(result.durationSeconds));
    });

    it('a <Dial> with no action goes on with the next verb; with no whisper, a voicemail is bridged', async () => {
      const result = await call('/dial-no-action', { actions: [], dial: { [PRIMARY]: 'voicemail' } });
      expect(paths(result.requests)).toEqual([
        '/dial-no-action',
        '/twilio/voice/status',
        '/twilio/voice/status',
      ]);
      expect(result.dialed[0]).toMatchObject({ phone: PRIMARY, bridged: true });
      expect(sayings(result.transcript)).toEqual(['The call has ended']);
    });
  });

  describe('hang-ups and status callbacks', () => {
    it('a hang-up at the menu sends only the final status callback', async () => {
      const result = await call('/menu', { actions: [{ hangup: true }] });
      expect(paths(result.requests)).toEqual(['/menu', '/twilio/voice/status', '/twilio/voice/status']);
      expect(statusCallbacks(result.requests)).toEqual([
        expect.objectContaining({ CallStatus: 'in-progress', SequenceNumber: '0' }),
        expect.objectContaining({ CallStatus: 'completed', SequenceNumber: '1', CallDuration: '1' }),
      ]);
      expect(statusCallbacks(result.requests)[0].Timestamp).toBe('Mon, 01 Mar 2027 02:00:00 +0000');
      expect(result.ended).toBe('caller-hangup');
    });

    it('can deliver the final status callback twice and the in-progress one late', async () => {
      const result = await call(
        '/menu',
        { actions: [{ hangup: true }] },
        { statusCallbacks: { finalTwice: true, outOfOrder: true } },
      );
      const delivered = statusCallbacks(result.requests).map((p) => `${p.SequenceNumber}:${p.CallStatus}`);
      expect(delivered).toEqual(['1:completed', '1:completed', '0:in-progress']);
    });

    it('the simulated clock counts prompts, timeouts and recordings into CallDuration', async () => {
      const result = await call('/record', { actions: [{ record: { seconds: 20 } }] });
      // "Leave a message after the beep" (2 s) + 20 s recorded + "Thank you" (1 s).
      expect(result.durationSeconds).toBe(23);
      expect(statusCallbacks(result.requests)[1]).toMatchObject({
        CallDuration: '23',
        Timestamp: 'Mon, 01 Mar 2027 02:00:23 +0000',
      });
    });
  });

  describe('failures a test must see', () => {
    it('a non-2xx answer fails the call with its body', async () => {
      await expect(call('/boom', { actions: [] })).rejects.toThrow(
        /POST \/boom answered 500: database is locked/,
      );
    });

    it('a wrong signature is refused, so the driver signs like Twilio', async () => {
      const wrong = call('/menu', { actions: [] }, { post: sendTo('another-token') });
      await expect(wrong).rejects.toThrow(/answered 403: bad signature/);
    });

    it('an answer that is not TwiML fails the call', async () => {
      await expect(call('/not-xml', { actions: [] })).rejects.toThrow(/not XML/);
      await expect(call('/wrong-root', { actions: [] })).rejects.toThrow(
        /one <Response> root, found <Twiml>/,
      );
    });

    it('a flow that loops on silence is stopped, with what the caller heard', async () => {
      const looping = call('/loop', { actions: [] }, { maxRequests: 10 });
      await expect(looping).rejects.toThrow(/more than 10 TwiML requests[\s\S]*\[en-US\] Hello\?/);
    });

    it('a script that records at a menu is a mistake in the test', async () => {
      await expect(call('/menu', { actions: [{ record: { seconds: 3 } }] })).rejects.toThrow(
        /records at a <Gather>/,
      );
    });
  });
});

describe('a person at a terminal plays the caller (dutyline simulate call)', () => {
  /** Answers typed ahead, as with `printf … | dutyline simulate call`, over real HTTP. */
  async function callFromTerminal(voicePath: string, typed: string) {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
    });
    input.end(typed);
    const { ask, close } = createTerminalAsk({ input, output });
    try {
      const { port } = server.address() as AddressInfo;
      const result = await playCall({
        post: createSignedPost(TOKEN, BASE, sendWithFetch(`http://127.0.0.1:${port}`)),
        baseUrl: BASE,
        from: CITIZEN,
        to: HOTLINE,
        caller: createInteractiveCaller(
          ask,
          (line) => output.write(`${line}\n`),
          async (phone) => (phone === '+8613800000001' ? 'Wang Fang (staff)' : undefined),
        ),
        voicePath,
      });
      return { result, screen };
    } finally {
      close();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('hears the menu, presses a key and hears the answer', async () => {
    const { result, screen } = await callFromTerminal('/menu', '7\n');
    expect(screen).toContain('🔊 [cmn-CN] 投诉请按1\nkeys (enter for silence, h to hang up)> 7\n');
    expect(screen).toContain('🔊 [en-US] you pressed 7');
    expect(result.ended).toBe('hangup');
  });

  it('says whose phone rings, asks again after a wrong answer, and answers each staff phone', async () => {
    const { result, screen } = await callFromTerminal('/dial', 'x\nv\na\n');
    expect(screen).toContain('📞 the hotline rings Wang Fang (staff), +86138****0001\n');
    expect(screen).toContain(
      'as them: (a)nswer and press 1 to accept / (d)ecline / (v)oicemail / (n)o answer / (b)usy > x\nas them:',
    );
    expect(screen).toContain('   📟 staff hears [cmn-CN] 热线来电，按1接听');
    expect(result.dialed.map((dialed) => dialed.outcome)).toEqual(['voicemail', 'accept']);
  });

  it('answers a spoken question by typing the words; an empty line is silence', async () => {
    const spoken = await callFromTerminal('/street', '东关街\n');
    expect(spoken.screen).toContain(
      '🔊 [cmn-CN] 哪条街道？\nsay (type the words, enter for silence, h to hang up)> 东关街\n',
    );
    expect(spoken.screen).toContain('🔊 [en-US] heard 东关街');
    const silent = await callFromTerminal('/street', '\n');
    expect(silent.screen).toContain('🔊 [en-US] heard nothing');
    const keys = await callFromTerminal('/street-or-key', '1\n');
    expect(keys.screen).toContain(
      'say or press keys (type the words or keys, enter for silence, h to hang up)> 1',
    );
    expect(keys.screen).toContain('heard 1');
  });

  it('records a message and hangs up with "20h"; the end of input is a hang-up', async () => {
    const recorded = await callFromTerminal('/record', '20h\n');
    expect(recorded.screen).toContain(
      'your message length in seconds (enter for silence, h to hang up)> 20h',
    );
    expect(recorded.result.requests.find((r) => r.path === '/t/recorded')?.params).toMatchObject({
      Digits: 'hangup',
      RecordingDuration: '20',
    });
    const silent = await callFromTerminal('/menu', '');
    expect(silent.result.ended).toBe('caller-hangup');
  });
});

describe('parseTwiml', () => {
  it('keeps verb order, attributes and text, and ignores formatting', () => {
    const rendered = new twilio.twiml.VoiceResponse();
    rendered.say({ language: 'cmn-CN' }, '您好 & 欢迎');
    rendered.gather({ numDigits: 1, action: `${BASE}/t?a=1&b=2` }).say('Press 1');
    rendered.hangup();
    expect(parseTwiml(rendered.toString())).toEqual(
      parseTwiml(`<Response>
        <Say language="cmn-CN">您好 &amp; 欢迎</Say>
        <Gather action="${BASE}/t?a=1&amp;b=2" numDigits="1"><Say>Press 1</Say></Gather>
        <Hangup/>
      </Response>`),
    );
    expect(parseTwiml(rendered.toString()).children.map((verb) => verb.name)).toEqual([
      'Say',
      'Gather',
      'Hangup',
    ]);
    expect(parseTwiml('<Response><Hangup/><Say>late</Say></Response>')).not.toEqual(
      parseTwiml('<Response><Say>late</Say><Hangup/></Response>'),
    );
  });
});
