import twilio from 'twilio';

// Signed webhook requests as Twilio sends them: each a new call or text, with its own Sid and
// its own caller. One sequence for the whole run, so no later load repeats an earlier Sid.

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export type WebhookKind = 'voice' | 'sms';

export const HOTLINE_NUMBER = '+8610012345';

const caller = (sequence: number) => `+86137${String(sequence % 100_000_000).padStart(8, '0')}`;
const sid = (prefix: string, sequence: number) => `${prefix}${sequence.toString(16).padStart(32, '0')}`;

function paramsFor(kind: WebhookKind, sequence: number, accountSid: string): Record<string, string> {
  if (kind === 'voice') {
    return {
      CallSid: sid('CA', sequence),
      AccountSid: accountSid,
      From: caller(sequence),
      To: HOTLINE_NUMBER,
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    };
  }
  return {
    MessageSid: sid('SM', sequence),
    AccountSid: accountSid,
    From: caller(sequence),
    To: HOTLINE_NUMBER,
    Body: `路灯不亮 ${sequence}`,
    NumMedia: '0',
  };
}

export const webhookPath = (kind: WebhookKind) => `/twilio/${kind}`;

/**
 * Makes the next request for a webhook, signed with the auth token over the server's public URL
 * (the bare route ignores the signature, and gets the same requests).
 */
export function createWebhookRequests(options: {
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
  /** Where this generator's Sids and callers start: generators for different nodes must not repeat each other's. */
  firstSequence?: number;
}) {
  let sequence = options.firstSequence ?? 0;
  return (kind: WebhookKind): SignedRequest => {
    sequence += 1;
    const params = paramsFor(kind, sequence, options.accountSid);
    const url = `${options.publicBaseUrl}${webhookPath(kind)}`;
    return {
      body: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(options.authToken, url, params),
      },
    };
  };
}

export type WebhookRequests = ReturnType<typeof createWebhookRequests>;
