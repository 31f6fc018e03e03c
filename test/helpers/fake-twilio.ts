import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { answerNumbers, type FakeNumber } from './fake-twilio-numbers';

/** An HTTP answer the fake gives instead of accepting, or `drop` to cut the connection with no answer. */
export type FakeFailure = { status: number; code?: number; message?: string } | { drop: true };

export interface FakeMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}

export interface FakeAttempt {
  to: string | null;
  from: string | null;
  body: string | null;
  statusCallback: string | null;
  /** The HTTP status answered; null when the connection was dropped or left hanging. */
  answered: number | null;
}

/** An outbound call the fake accepted (POST …/Calls.json): any TwiML url, so any outbound flow fits. */
export interface FakeCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  /** The TwiML webhook Twilio would fetch when the call is answered (or inline `twiml`). */
  url: string | null;
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  /** The BYOC trunk the call goes out over (`Byoc`), or null for Twilio's own carriers. */
  byoc: string | null;
  /** Every form field of the create request, for what a test wants to check beyond these. */
  params: Record<string, string>;
}

/** Every request to the Calls endpoint, accepted or not. */
export interface FakeCallRequest {
  to: string | null;
  from: string | null;
  url: string | null;
  /** The HTTP status answered; null when the connection was dropped. */
  answered: number | null;
}

export interface FakeTwilio {
  /** The account's phone numbers, with their webhook settings (starts with one: +8610012345). */
  numbers: FakeNumber[];
  accountSid: string;
  authToken: string;
  baseUrl: string;
  /** Every message the fake accepted, in order. */
  messages: FakeMessage[];
  /** Every request to the Messages endpoint, accepted or not. */
  attempts: FakeAttempt[];
  /** Every status callback posted, when the `statusCallbacks` option is on. */
  statusCallbacks: FakeStatusCallback[];
  failNext(count: number, failure: FakeFailure): void;
  /** Every outbound call the fake accepted, in order. */
  calls: FakeCall[];
  /** Every request to the Calls endpoint, accepted or not. */
  callRequests: FakeCallRequest[];
  /** The next `count` call creations fail so (messages are not affected). */
  failNextCall(count: number, failure: FakeFailure): void;
  /** A standing rule for one recipient, as Twilio answers for an opted-out or landline number. */
  failFor(to: string, failure: FakeFailure): void;
  /** While on, requests are accepted on the socket and never answered. */
  hang(on: boolean): void;
  /**
   * Runs `handler` for each accepted message before the fake answers its create request (null
   * removes it): a slow Twilio, or one that posts a status callback before its REST answer.
   */
  beforeAnswer(handler: ((message: FakeMessage) => Promise<void> | void) | null): void;
  /** Every request for a recording's audio, so a test can see the server fetched it with credentials. */
  recordingFetches: FakeRecordingFetch[];
  /** Sets a recording's audio; any other RE sid serves FAKE_AUDIO, since call drivers invent their sids. */
  addRecording(sid: string, bytes: Buffer): void;
  /** The recording answers 404 from now on, as Twilio does after a deletion. */
  deleteRecording(sid: string): void;
  close(): Promise<void>;
}

/** A status callback the fake posted (or is posting) for an accepted message. */
export interface FakeStatusCallback {
  sid: string;
  status: 'sent' | 'delivered';
  /** The HTTP status the server answered; null while in flight, 0 when the request failed. */
  answered: number | null;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /**
   * After answering a create request, post the message's status callbacks `sent` then `delivered`
   * to its StatusCallback URL, each `delayMs` after the answer before it, signed as Twilio signs them.
   */
  statusCallbacks?: { delayMs?: number };
}

export interface FakeRecordingFetch {
  sid: string;
  /** The HTTP status answered. */
  answered: number;
}

/** An MP3's ID3 header and a few bytes: enough for a proxy test to check the audio went through untouched. */
export const FAKE_AUDIO = Buffer.from([
  0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0xff, 0xfb,
]);

// Twilio serves a recording at its bare URL and with an explicit .mp3 or .wav.
const RECORDING_PATH =
  /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})(\.mp3|\.wav)?(?:\?.*)?$/;

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;
const CALLS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\.json$/;

/** Twilio's default codes for bare HTTP failures, so a RestException always carries one. */
const DEFAULT_CODES: Record<number, number> = { 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503 };

function twilioError(res: http.ServerResponse, status: number, code?: number, message?: string): void {
  const errorCode = code ?? DEFAULT_CODES[status] ?? null;
  const body = {
    code: errorCode,
    message: message ?? `Fake Twilio answered ${status}`,
    more_info: errorCode ? `https://www.twilio.com/docs/errors/${errorCode}` : null,
    status,
  };
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function messageResource(message: FakeMessage) {
  const now = new Date().toUTCString();
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: 'queued',
    subresource_uris: {
      media: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}/Media.json`,
    },
    to: message.to,
    uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
  };
}

/**
 * A stand-in for Twilio's REST API on 127.0.0.1, reached by the real twilio client through
 * TWILIO_API_BASE_URL. It fails on demand, so retries and no-loss are tested over real HTTP.
 */
export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${'0'.repeat(31)}1`;
  const authToken = options.authToken ?? 'fake-auth-token';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages: FakeMessage[] = [];
  const attempts: FakeAttempt[] = [];
  const statusCallbacks: FakeStatusCallback[] = [];
  const callbackAgent = new http.Agent({ keepAlive: true });
  const numbers: FakeNumber[] = [
    {
      sid: `PN${randomBytes(16).toString('hex')}`,
      phoneNumber: '+8610012345',
      voiceUrl: null,
      statusCallback: null,
      voiceFallbackUrl: null,
      smsUrl: null,
    },
  ];
  const scripted: FakeFailure[] = [];
  const perNumber = new Map<string, FakeFailure>();
  let hanging = false;
  let beforeAnswer: ((message: FakeMessage) => Promise<void> | void) | null = null;
  const recordingFetches: FakeRecordingFetch[] = [];
  const recordings = new Map<string, Buffer>();
  const deletedRecordings = new Set<string>();
  const calls: FakeCall[] = [];
  const callRequests: FakeCallRequest[] = [];
  const scriptedCalls: FakeFailure[] = [];

  /** POST …/Calls.json: an outbound call, accepted as Twilio queues it, or failed on demand. */
  function answerCall(req: http.IncomingMessage, res: http.ServerResponse, raw: string, account: string) {
    const form = new URLSearchParams(raw);
    const request: FakeCallRequest = {
      to: form.get('To'),
      from: form.get('From'),
      url: form.get('Url'),
      answered: null,
    };
    callRequests.push(request);
    const fail = (status: number, code: number, message: string) => {
      request.answered = status;
      twilioError(res, status, code, message);
    };
    if (req.headers.authorization !== expectedAuth || account !== accountSid) {
      fail(401, 20003, 'Authenticate');
      return;
    }
    const scripted = scriptedCalls.shift();
    if (scripted && 'drop' in scripted) {
      req.socket.destroy();
      return;
    }
    if (scripted) {
      request.answered = scripted.status;
      twilioError(res, scripted.status, scripted.code, scripted.message);
      return;
    }
    if (!request.to) return fail(400, 21201, "No 'To' number is specified");
    if (!request.from) return fail(400, 21213, "No 'From' number is specified");
    if (!request.url && !form.get('Twiml')) return fail(400, 21205, 'Url or Twiml is required');
    const byoc = form.get('Byoc');
    if (byoc !== null && !/^BY[0-9a-fA-F]{32}$/.test(byoc)) return fail(400, 21300, 'Invalid BYOC trunk SID');
    const call: FakeCall = {
      sid: `CA${randomBytes(16).toString('hex')}`,
      accountSid,
      to: request.to,
      from: request.from,
      url: request.url,
      twiml: form.get('Twiml'),
      statusCallback: form.get('StatusCallback'),
      statusCallbackEvents: form.getAll('StatusCallbackEvent'),
      byoc,
      params: Object.fromEntries(form),
    };
    calls.push(call);
    request.answered = 201;
    const now = new Date().toUTCString();
    res.writeHead(201, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        sid: call.sid,
        account_sid: accountSid,
        api_version: '2010-04-01',
        date_created: now,
        date_updated: now,
        direction: 'outbound-api',
        from: call.from,
        to: call.to,
        status: 'queued',
        uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
      }),
    );
  }

  /** What Twilio would say to this attempt: a failure, silence, or acceptance. */
  function judge(attempt: FakeAttempt, authorised: boolean): FakeFailure | 'hang' | 'accept' {
    if (!authorised) return { status: 401, code: 20003, message: 'Authenticate' };
    if (hanging) return 'hang';
    const next = scripted.shift();
    if (next) return next;
    const rule = attempt.to === null ? undefined : perNumber.get(attempt.to);
    if (rule) return rule;
    if (!attempt.to) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
    if (!attempt.from) return { status: 400, code: 21603, message: "A 'From' phone number is required." };
    if (!attempt.body) return { status: 400, code: 21602, message: 'Message body is required.' };
    return 'accept';
  }

  function accept(attempt: FakeAttempt, res: http.ServerResponse): void {
    const message: FakeMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to: attempt.to ?? '',
      from: attempt.from ?? '',
      body: attempt.body ?? '',
      statusCallback: attempt.statusCallback,
    };
    messages.push(message);
    const respond = () => {
      attempt.answered = 201;
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify(messageResource(message)));
      if (options.statusCallbacks) void postStatusCallbacks(message, options.statusCallbacks.delayMs ?? 0);
    };
    if (!beforeAnswer) {
      respond();
      return;
    }
    // Twilio accepted it whatever the handler does; a failing handler must not lose the answer.
    Promise.resolve()
      .then(() => beforeAnswer?.(message))
      .finally(respond)
      .catch(() => undefined);
  }

  /** As Twilio reports a message leaving it and reaching the phone: in order, each after the last. */
  async function postStatusCallbacks(message: FakeMessage, delayMs: number): Promise<void> {
    if (!message.statusCallback) return;
    for (const status of ['sent', 'delivered'] as const) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const callback: FakeStatusCallback = { sid: message.sid, status, answered: null };
      statusCallbacks.push(callback);
      callback.answered = await postSigned(message.statusCallback, {
        AccountSid: message.accountSid,
        ApiVersion: '2010-04-01',
        From: message.from,
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.to,
      });
    }
  }

  /** Posts a form signed with the auth token; resolves with the HTTP status, or 0 when it failed. */
  function postSigned(url: string, params: Record<string, string>): Promise<number> {
    const body = new URLSearchParams(params).toString();
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
    return new Promise((resolve) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent: callbackAgent,
          timeout: 15_000,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'x-twilio-signature': signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  function answerRecording(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    match: RegExpExecArray,
  ): void {
    const [, account, sid, extension] = match;
    const fetch: FakeRecordingFetch = { sid, answered: 200 };
    recordingFetches.push(fetch);
    if (req.headers.authorization !== expectedAuth || account !== accountSid) {
      fetch.answered = 401;
      twilioError(res, 401, 20003, 'Authenticate');
    } else if (deletedRecordings.has(sid)) {
      fetch.answered = 404;
      twilioError(res, 404, 20404, 'The requested resource was not found');
    } else {
      const type = extension === '.wav' ? 'audio/x-wav' : 'audio/mpeg';
      res.writeHead(200, { 'content-type': type }).end(recordings.get(sid) ?? FAKE_AUDIO);
    }
  }

  function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const authorized =
      req.headers.authorization === expectedAuth && (req.url ?? '').includes(`/${accountSid}/`);
    if (answerNumbers(req, res, raw, { accountSid, authorized, numbers })) return;
    const recording = RECORDING_PATH.exec(req.url ?? '');
    if (req.method === 'GET' && recording) {
      answerRecording(req, res, recording);
      return;
    }
    const callsMatch = CALLS_PATH.exec(req.url ?? '');
    if (req.method === 'POST' && callsMatch) {
      answerCall(req, res, raw, callsMatch[1]);
      return;
    }
    const match = MESSAGES_PATH.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      twilioError(res, 404, 20404, 'The requested resource was not found');
      return;
    }
    const form = new URLSearchParams(raw);
    const attempt: FakeAttempt = {
      to: form.get('To'),
      from: form.get('From'),
      body: form.get('Body'),
      statusCallback: form.get('StatusCallback'),
      answered: null,
    };
    attempts.push(attempt);
    const verdict = judge(attempt, req.headers.authorization === expectedAuth && match[1] === accountSid);
    if (verdict === 'hang') return;
    if (verdict === 'accept') accept(attempt, res);
    else if ('drop' in verdict) req.socket.destroy();
    else {
      attempt.answered = verdict.status;
      twilioError(res, verdict.status, verdict.code, verdict.message);
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    accountSid,
    authToken,
    baseUrl: `http://127.0.0.1:${port}`,
    numbers,
    messages,
    attempts,
    statusCallbacks,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) scripted.push(failure);
    },
    calls,
    callRequests,
    failNextCall(count, failure) {
      for (let i = 0; i < count; i++) scriptedCalls.push(failure);
    },
    failFor(to, failure) {
      perNumber.set(to, failure);
    },
    hang(on) {
      hanging = on;
    },
    beforeAnswer(handler) {
      beforeAnswer = handler;
    },
    recordingFetches,
    addRecording(sid, bytes) {
      recordings.set(sid, bytes);
      deletedRecordings.delete(sid);
    },
    deleteRecording(sid) {
      deletedRecordings.add(sid);
    },
    close() {
      // Hanging requests and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      callbackAgent.destroy();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
