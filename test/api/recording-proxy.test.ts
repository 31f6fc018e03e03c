import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createRecordingFetcher, isTwilioRecordingUrl } from '../../src/voice/recording-proxy';
import { callHotline } from '../helpers/calls';
import { PUBLIC_BASE_URL, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { fakeSid, signTwilioRequest } from '../helpers/twilio-signing';
import { expectError, logLetter } from './api-helpers';
import { appLoggingTo, captureLogs } from './log-capture';

interface ForeignHost {
  baseUrl: string;
  /** Every request it received, with its Authorization header (the account's credentials, if sent). */
  requests: { url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** Another server on 127.0.0.1, standing for whatever host a forged RecordingUrl names. */
async function startForeignHost(): Promise<ForeignHost> {
  const requests: ForeignHost['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(Buffer.from([0x49, 0x44, 0x33]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const recordingPath = (accountSid: string, recordingSid: string) =>
  `/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`;

describe('recordings are fetched only from Twilio’s API, never from a host a webhook names', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let fake: FakeTwilio;
  let foreign: ForeignHost;

  beforeEach(async () => {
    ({ ctx, fake } = hotline);
    foreign = await startForeignHost();
  });
  afterEach(() => foreign.close());

  const recordings = () => ctx.container.db.selectFrom('recordings').selectAll().execute();

  it('a recording callback naming another host is answered 204, not stored, and logged as a warning', async () => {
    const logs = captureLogs();
    const app = appLoggingTo(ctx, logs.logger);
    const path = '/twilio/voice/recording?kind=message';
    const params = {
      CallSid: fakeSid('CA'),
      RecordingSid: fakeSid('RE'),
      RecordingUrl: foreign.baseUrl + recordingPath(fake.accountSid, fakeSid('RE')),
      RecordingStatus: 'completed',
      RecordingDuration: '12',
    };
    const signature = signTwilioRequest(ctx.container.signingToken, PUBLIC_BASE_URL + path, params);

    const res = await request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params);

    expect(res.status).toBe(204);
    expect(await recordings()).toEqual([]);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "ignored a RecordingUrl that is not on Twilio's API",
        callSid: params.CallSid,
        recordingHost: new URL(foreign.baseUrl).host,
      }),
    ]);
    expect(foreign.requests).toEqual([]);
  });

  it('a caller’s message whose RecordingUrl names another host still becomes a case, without that URL', async () => {
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [
          { press: '9' },
          { press: '1' },
          { press: '1' },
          { silence: true },
          { record: { seconds: 20 } },
        ],
      },
      { fake, recordingBaseUrl: foreign.baseUrl },
    );
    expect(call.ended).toBe('hangup');
    const created = await ctx.container.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(created).toMatchObject({ channel: 'voice', call_sid: call.callSid });
    expect(await recordings()).toEqual([]);

    expectError(await ctx.api('get', `/api/cases/${created.ref}/recording`), 404, 'recording.not_found');
    expect(foreign.requests).toEqual([]);
    expect(fake.recordingFetches).toEqual([]);
  });

  it('a foreign URL stored before the check is refused at fetch time: no request carries the credentials', async () => {
    const { ref } = await logLetter(ctx);
    const found = await ctx.container.db
      .selectFrom('cases')
      .select('id')
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    const recordingSid = fakeSid('RE');
    await ctx.container.db
      .insertInto('recordings')
      .values({
        recording_sid: recordingSid,
        call_sid: fakeSid('CA'),
        kind: 'message',
        url: foreign.baseUrl + recordingPath(fake.accountSid, recordingSid),
        duration_seconds: 9,
        status: 'completed',
        case_id: found.id,
        created_at: '2027-03-01T02:00:00.000Z',
        updated_at: '2027-03-01T02:00:00.000Z',
      })
      .execute();

    expectError(await ctx.api('get', `/api/cases/${ref}/recording`), 502, 'recording.foreign_url');
    expect(foreign.requests).toEqual([]);
    expect(fake.recordingFetches).toEqual([]);
  });
});

describe('the recording fetcher with no TWILIO_API_BASE_URL', () => {
  let foreign: ForeignHost;
  beforeEach(async () => {
    foreign = await startForeignHost();
  });
  afterEach(() => foreign.close());

  it('sends nothing, and no credentials, to a URL on another host', async () => {
    const fetcher = createRecordingFetcher({
      credentials: { accountSid: `AC${'a'.repeat(32)}`, authToken: 'the-real-auth-token' },
      apiBaseUrl: undefined,
    });
    const url = foreign.baseUrl + recordingPath(`AC${'a'.repeat(32)}`, fakeSid('RE'));

    await expect(fetcher.fetch(url)).rejects.toMatchObject({ status: 502, code: 'recording.foreign_url' });
    expect(foreign.requests).toEqual([]);
  });

  it.each([
    ['https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1', undefined, true],
    ['https://api.twilio.com:443/2010-04-01/Accounts/AC1/Recordings/RE1', undefined, true],
    ['http://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1', undefined, false],
    ['https://api.twilio.com.example.net/2010-04-01/Recordings/RE1', undefined, false],
    ['https://api.twilio.com@example.net/2010-04-01/Recordings/RE1', undefined, false],
    ['https://example.net/?u=https://api.twilio.com/', undefined, false],
    ['http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Recordings/RE1', undefined, false],
    ['http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Recordings/RE1', 'http://127.0.0.1:4010', true],
    ['http://127.0.0.1:4011/2010-04-01/Accounts/AC1/Recordings/RE1', 'http://127.0.0.1:4010', false],
    ['https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1', 'http://127.0.0.1:4010', true],
    ['not a url', undefined, false],
  ])('%s with base %s: allowed %s', (url, base, allowed) => {
    expect(isTwilioRecordingUrl(url, base)).toBe(allowed);
  });
});
