import twilio from 'twilio';
import type { Container } from '../container';
import { maskPhone } from '../shared/phone';

export interface SimulateSmsOptions {
  from: string;
  text: string;
  /** Where the running server listens; the signature still uses PUBLIC_BASE_URL, as Twilio's would. */
  serverUrl: string;
}

/**
 * Posts a text to a running hotline exactly as Twilio would (signed form POST), then prints what
 * the hotline queued in reply. Replies are committed before the webhook answers, so they are read
 * straight from the database.
 */
export async function simulateSms(
  container: Container,
  options: SimulateSmsOptions,
  print: (line: string) => void,
) {
  const { db, config, signingToken } = container;
  const before = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirst();
  const params = {
    MessageSid: `SM${Date.now().toString(16).padStart(32, '0')}`,
    AccountSid: config.twilio?.accountSid ?? `AC${'0'.repeat(32)}`,
    From: options.from,
    To: config.hotlineNumber ?? '',
    Body: options.text,
    NumMedia: '0',
  };
  const signature = twilio.getExpectedTwilioSignature(
    signingToken,
    `${config.publicBaseUrl}/twilio/sms`,
    params,
  );
  const response = await fetch(`${options.serverUrl.replace(/\/+$/, '')}/twilio/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`the hotline answered ${response.status}: ${body}`);
  }
  const queued = await db
    .selectFrom('outbox')
    .select(['to_phone', 'body', 'purpose', 'status'])
    .where('id', '>', Number(before?.maxId ?? 0))
    .orderBy('id')
    .execute();
  if (queued.length === 0) print('(no reply)');
  for (const message of queued) {
    const who =
      message.to_phone === options.from ? 'reply' : `to ${maskPhone(message.to_phone)} (${message.purpose})`;
    print(`${who} [${message.status}]: ${message.body}`);
  }
}
