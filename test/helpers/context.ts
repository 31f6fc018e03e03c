import request from 'supertest';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { createManualClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase, type TestDatabase } from './db';
import type { FakeTwilio } from './fake-twilio';
import { fakeSid, signTwilioRequest } from './twilio-signing';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const HOTLINE_NUMBER = '+8610012345';
export const PUBLIC_BASE_URL = 'https://hotline.example.org';

export interface TestContextOptions {
  /** With a fake, the app is online and the real twilio client sends to it; without, it is offline. */
  fake?: FakeTwilio;
  start?: string;
  env?: Record<string, string>;
  /** The store to run on (closed with the context) instead of a fresh test database. */
  database?: TestDatabase;
}

/** The whole app on an in-memory database with a hand-moved clock. */
export async function createTestContext(options: TestContextOptions = {}) {
  const clock = createManualClock(options.start ?? '2027-03-01T02:00:00Z');
  const database = options.database ?? (await createTestDatabase());
  const { fake } = options;
  const config = parseConfig({
    DATABASE_PATH: ':memory:',
    PUBLIC_BASE_URL,
    ADMIN_TOKEN,
    HOTLINE_TIMEZONE: 'Asia/Shanghai',
    LOG_LEVEL: 'silent',
    ...(fake
      ? {
          TWILIO_ACCOUNT_SID: fake.accountSid,
          TWILIO_AUTH_TOKEN: fake.authToken,
          TWILIO_PHONE_NUMBER: HOTLINE_NUMBER,
          TWILIO_API_BASE_URL: fake.baseUrl,
        }
      : {}),
    ...options.env,
  });
  const container = await createContainer({ config, db: database.db, clock, logger: silentLogger });
  const app = createApp(container);

  function signedPost(path: string, params: Record<string, string>, signature?: string | null) {
    const req = request(app).post(path).type('form').send(params);
    const computed = signTwilioRequest(container.signingToken, config.publicBaseUrl + path, params);
    return signature === null ? req : req.set('X-Twilio-Signature', signature ?? computed);
  }

  return {
    clock,
    config,
    container,
    app,
    database,
    signedPost,
    /** A citizen's or staff member's text, as Twilio posts it. */
    sms(from: string, body: string, messageSid = fakeSid('SM')) {
      return signedPost('/twilio/sms', {
        MessageSid: messageSid,
        AccountSid: config.twilio?.accountSid ?? 'AC',
        From: from,
        To: HOTLINE_NUMBER,
        Body: body,
        NumMedia: '0',
      });
    },
    api(method: 'get' | 'post' | 'patch' | 'delete', path: string, token = ADMIN_TOKEN) {
      return request(app)[method](path).set('Authorization', `Bearer ${token}`);
    },
    /** Sends everything due now, as the dispatch-outbox job would, until a run finds nothing to claim. */
    async flushOutbox() {
      const dispatcher = container.dispatcher;
      if (!dispatcher) throw new Error('offline: there is no dispatcher');
      for (let runs = 0; runs < 20; runs += 1) {
        if ((await dispatcher.run()).claimed === 0) return;
      }
      throw new Error('the outbox did not settle');
    },
    async close() {
      await container.jobs.stop();
      await container.dispatcher?.idle();
      await database.close();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
