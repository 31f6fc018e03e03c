import request from 'supertest';
import {
  type CallScript,
  createSignedPost,
  type PlayCallOptions,
  playCall,
  scriptedCaller,
} from '../../src/simulator/index';
import { HOTLINE_NUMBER, type TestContext } from './context';
import type { FakeTwilio } from './fake-twilio';

/** Plays a whole call against the app, signed like Twilio, with the caller and staff following `script`. */
export function callHotline(
  ctx: TestContext,
  from: string,
  script: CallScript,
  options: Partial<PlayCallOptions> & { fake?: FakeTwilio } = {},
) {
  // Signed for the app's own public URL, which a test may set (the console's browser tests use http).
  const post = createSignedPost(
    ctx.container.signingToken,
    ctx.config.publicBaseUrl,
    async (path, params, signature) => {
      const res = await request(ctx.app)
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', signature)
        .send(params);
      return { status: res.status, body: res.text, contentType: res.headers['content-type'] };
    },
  );
  const { fake, ...rest } = options;
  return playCall({
    post,
    baseUrl: ctx.config.publicBaseUrl,
    from,
    to: HOTLINE_NUMBER,
    caller: scriptedCaller(script),
    ...(fake ? { accountSid: fake.accountSid, recordingBaseUrl: fake.baseUrl } : {}),
    ...rest,
  });
}
