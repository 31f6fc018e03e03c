import { XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { appLoggingTo, type CapturedLogs, captureLogs } from '../api/log-capture';
import { ADMIN_TOKEN, HOTLINE_NUMBER, PUBLIC_BASE_URL, type TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { fakeSid, signTwilioRequest } from '../helpers/twilio-signing';

describe('voice routes when the database fails', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  const callParams = (CallSid: string) => ({
    CallSid,
    From: PHONES.citizen,
    To: '+8610012345',
    CallStatus: 'ringing',
  });

  function expectFallbackTwiml(res: { status: number; type: string; text: string }) {
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text).toContain('<Record ');
    expect(res.text).toContain('action="https://hotline.example.org/twilio/voice/fallback/recorded"');
  }

  it('every caller-facing voice route still answers TwiML that records a message', async () => {
    await ctx.database.lose();
    const CallSid = fakeSid('CA');
    expectFallbackTwiml(await ctx.signedPost('/twilio/voice', callParams(CallSid)));
    expectFallbackTwiml(
      await ctx.signedPost('/twilio/voice/step?s=menu&l=zh-CN', { ...callParams(CallSid), Digits: '1' }),
    );
    expectFallbackTwiml(
      await ctx.signedPost('/twilio/voice/step?s=record_complaint&l=en&e=recorded', {
        ...callParams(CallSid),
        RecordingSid: fakeSid('RE'),
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        RecordingDuration: '9',
      }),
    );
    const fallback = await ctx.signedPost('/twilio/voice/fallback', callParams(CallSid));
    expectFallbackTwiml(fallback);

    const thanks = await ctx.signedPost('/twilio/voice/fallback/recorded', {
      ...callParams(CallSid),
      RecordingSid: fakeSid('RE'),
      RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE2',
      RecordingDuration: '9',
    });
    expect(thanks.status).toBe(200);
    expect(XMLValidator.validate(thanks.text)).toBe(true);
    expect(thanks.text).toContain('<Hangup/>');

    const whisper = await ctx.signedPost(`/twilio/voice/whisper?call=${CallSid}&s=duty_officer&a=0`, {
      CallSid: fakeSid('CA'),
    });
    expect(whisper.status).toBe(200);
    expect(whisper.text).toContain('<Hangup/>');
  });

  it('a repository that throws mid-call gives the fallback, not an error page', async () => {
    ctx.container.voiceDeps.callsRepository.recordOnce = () => Promise.reject(new Error('disk I/O error'));
    expectFallbackTwiml(await ctx.signedPost('/twilio/voice', callParams(fakeSid('CA'))));
  });

  it('the fallback needs no database at all', async () => {
    await ctx.database.lose();
    const res = await ctx.signedPost('/twilio/voice/fallback', callParams(fakeSid('CA')));
    expectFallbackTwiml(res);
  });
});

describe('Twilio call and recording callbacks when the database fails', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let logs: CapturedLogs;
  let app: ReturnType<typeof appLoggingTo>;

  beforeEach(() => {
    ctx = hotline.ctx;
    logs = captureLogs();
    app = appLoggingTo(ctx, logs.logger);
    jest
      .spyOn(ctx.container.voiceDeps.callsRepository, 'recordOnce')
      .mockRejectedValue(new Error('SQLITE_FULL: database or disk is full'));
  });

  function post(path: string, params: Record<string, string>) {
    const signature = signTwilioRequest(ctx.container.signingToken, PUBLIC_BASE_URL + path, params);
    return request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params);
  }

  async function failuresCounted(webhook: string): Promise<number> {
    const metrics = await request(app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    const line = new RegExp(`^dutyline_webhook_failures_total\\{webhook="${webhook}"\\} (\\d+)$`, 'm');
    return Number(line.exec(metrics.text)?.[1] ?? 0);
  }

  it('a call status callback answers 204, so Twilio stops retrying, and logs what is needed to replay it', async () => {
    const CallSid = fakeSid('CA');
    const res = await post('/twilio/voice/status', {
      CallSid,
      From: PHONES.citizen,
      To: HOTLINE_NUMBER,
      CallStatus: 'completed',
      CallDuration: '42',
      SequenceNumber: '3',
    });

    expect(res.status).toBe(204);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'a call status callback could not be recorded; replay it by hand',
        callSid: CallSid,
        callStatus: 'completed',
        sequenceNumber: 3,
        callDuration: 42,
        from: '+86139****5678',
        err: expect.objectContaining({ message: 'SQLITE_FULL: database or disk is full' }),
      }),
    ]);
    expect(logs.text()).not.toContain(PHONES.citizen);
    expect(await failuresCounted('voice_status')).toBe(1);
  });

  it('a recording callback answers 204 and logs the recording to fetch again', async () => {
    const CallSid = fakeSid('CA');
    const RecordingSid = fakeSid('RE');
    const RecordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${'1'.repeat(32)}/Recordings/${RecordingSid}`;
    const res = await post('/twilio/voice/recording?kind=message', {
      CallSid,
      RecordingSid,
      RecordingUrl,
      RecordingStatus: 'completed',
      RecordingDuration: '17',
    });

    expect(res.status).toBe(204);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'a recording callback could not be recorded; replay it by hand',
        callSid: CallSid,
        recordingSid: RecordingSid,
        recordingUrl: RecordingUrl,
        recordingStatus: 'completed',
        recordingDuration: 17,
        kind: 'message',
      }),
    ]);
    expect(await failuresCounted('voice_recording')).toBe(1);
  });
});
