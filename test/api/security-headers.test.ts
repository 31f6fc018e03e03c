import request from 'supertest';
import type { TestContext } from '../helpers/context';
import { HOTLINE_NUMBER } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { fakeSid } from '../helpers/twilio-signing';

// Everything a browser may load carries the security headers (helmet); the Twilio webhooks, which
// only Twilio reads, skip them on the hot path.

describe('security headers', () => {
  const hotline = useHotline({ online: false, team: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  const browserHeaders = (headers: Record<string, string>) => ({
    nosniff: headers['x-content-type-options'],
    csp: headers['content-security-policy'] ? 'set' : undefined,
    frames: headers['x-frame-options'],
  });
  const EXPECTED = { nosniff: 'nosniff', csp: 'set', frames: 'SAMEORIGIN' };

  it.each([['/console/login'], ['/healthz'], ['/api/cases'], ['/no/such/page']])(
    'GET %s carries them',
    async (path) => {
      const res = await request(ctx.app).get(path);
      expect(browserHeaders(res.headers)).toEqual(EXPECTED);
    },
  );

  it('the API carries them with a token too', async () => {
    const res = await ctx.api('get', '/api/cases');
    expect(res.status).toBe(200);
    expect(browserHeaders(res.headers)).toEqual(EXPECTED);
  });

  it('a voice webhook answers TwiML without them', async () => {
    const res = await ctx.signedPost('/twilio/voice', {
      CallSid: fakeSid('CA'),
      AccountSid: 'AC',
      From: '+8613912345678',
      To: HOTLINE_NUMBER,
      CallStatus: 'ringing',
      Direction: 'inbound',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(browserHeaders(res.headers)).toEqual({ nosniff: undefined, csp: undefined, frames: undefined });
  });
});
