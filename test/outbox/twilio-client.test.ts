import twilio from 'twilio';
import { classifySendError } from '../../src/outbox/outbox.models';
import { rebaseUri } from '../../src/outbox/twilio-base-url';
import { createTwilioClient } from '../../src/outbox/twilio-client';
import { createTwilioSender } from '../../src/outbox/twilio-sender';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';

const FROM = '+8610012345';
const TO = '+8613812345678';

describe('the twilio client pointed at TWILIO_API_BASE_URL', () => {
  let fake: FakeTwilio;

  beforeEach(async () => {
    fake = await startFakeTwilio();
  });
  afterEach(() => fake.close());

  function sender(authToken = fake.authToken, timeoutMs?: number) {
    const client = createTwilioClient({
      accountSid: fake.accountSid,
      authToken,
      apiBaseUrl: fake.baseUrl,
      timeoutMs,
    });
    return createTwilioSender({
      client,
      from: FROM,
      statusCallbackUrl: 'https://hotline.example/twilio/sms/status',
    });
  }

  it('sends a message to the fake with its status callback', async () => {
    const sent = await sender().send({ to: TO, body: '您的案件 12345678 已受理' });

    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    expect(fake.messages).toEqual([
      {
        sid: sent.sid,
        accountSid: fake.accountSid,
        to: TO,
        from: FROM,
        body: '您的案件 12345678 已受理',
        statusCallback: 'https://hotline.example/twilio/sms/status',
      },
    ]);
  });

  it('authenticates with the account SID and auth token', async () => {
    const error = await sender('wrong-token')
      .send({ to: TO, body: 'hello' })
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 401, code: 20003 });
    expect(fake.messages).toHaveLength(0);
    expect(classifySendError(error)).toBe('retry');
  });

  it('turns a Twilio error into a RestException with its status and code', async () => {
    fake.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });

    const error = await sender()
      .send({ to: TO, body: 'hello' })
      .catch((err: unknown) => err);

    expect(error).toMatchObject({
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    expect(classifySendError(error)).toBe('opted_out');
  });

  it('gives up on an API that never answers after the timeout, as a retryable error', async () => {
    fake.hang(true);

    const error = await sender(fake.authToken, 100)
      .send({ to: TO, body: 'hello' })
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(Error);
    expect(classifySendError(error)).toBe('retry');
    expect(fake.attempts).toHaveLength(1);
    expect(fake.messages).toHaveLength(0);
  });

  it('treats a dropped connection as a retryable error', async () => {
    fake.failNext(1, { drop: true });

    const error = await sender()
      .send({ to: TO, body: 'hello' })
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(Error);
    expect(classifySendError(error)).toBe('retry');
  });
});

describe('rebaseUri', () => {
  it('keeps the path and query and takes the scheme, host and port of the base', () => {
    expect(
      rebaseUri(
        'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=5',
        'http://127.0.0.1:4010',
      ),
    ).toBe('http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?PageSize=5');
  });

  it('keeps a path on the base URL as a prefix', () => {
    expect(rebaseUri('https://api.twilio.com/2010-04-01/Accounts.json', 'https://sms.example/twilio/')).toBe(
      'https://sms.example/twilio/2010-04-01/Accounts.json',
    );
  });
});
