import { XMLValidator } from 'fast-xml-parser';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { fakeSid } from '../helpers/twilio-signing';

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
    ctx.database.sqlite.close();
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
    ctx.database.sqlite.close();
    const res = await ctx.signedPost('/twilio/voice/fallback', callParams(fakeSid('CA')));
    expectFallbackTwiml(res);
  });
});
