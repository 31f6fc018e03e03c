import request from 'supertest';
import {
  type CallScript,
  createSignedPost,
  type PlayCallOptions,
  type PlayOutboundCallOptions,
  playCall,
  playOutboundCall,
  scriptedCaller,
} from '../../src/simulator/index';
import { HOTLINE_NUMBER, type TestContext } from './context';
import type { FakeCall, FakeTwilio } from './fake-twilio';

function signedPostTo(ctx: TestContext) {
  return createSignedPost(
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
}

/**
 * Plays an outbound call the fake Twilio was asked to create, as Twilio would: the person called
 * (and anyone their TwiML dials) follows `script`.
 */
export function answerOutboundCall(
  ctx: TestContext,
  fake: FakeTwilio,
  call: FakeCall,
  script: CallScript,
  options: Partial<Omit<PlayOutboundCallOptions, 'call'>> = {},
) {
  if (!call.url) throw new Error('the fake call has no url to fetch');
  return playOutboundCall({
    post: signedPostTo(ctx),
    baseUrl: ctx.config.publicBaseUrl,
    call: { sid: call.sid, to: call.to, from: call.from, url: call.url, statusCallback: call.statusCallback },
    answerer: scriptedCaller(script),
    accountSid: fake.accountSid,
    recordingBaseUrl: fake.baseUrl,
    ...options,
  });
}

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
