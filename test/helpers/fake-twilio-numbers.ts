import type http from 'node:http';

/** A phone number of the fake account, with the webhook settings Twilio's console shows. */
export interface FakeNumber {
  sid: string;
  phoneNumber: string;
  voiceUrl: string | null;
  statusCallback: string | null;
  voiceFallbackUrl: string | null;
  smsUrl: string | null;
}

const LIST_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/IncomingPhoneNumbers\.json(\?.*)?$/;
const ITEM_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/;

function resource(accountSid: string, number: FakeNumber) {
  return {
    sid: number.sid,
    account_sid: accountSid,
    phone_number: number.phoneNumber,
    voice_url: number.voiceUrl,
    voice_method: 'POST',
    status_callback: number.statusCallback,
    status_callback_method: 'POST',
    voice_fallback_url: number.voiceFallbackUrl,
    voice_fallback_method: 'POST',
    sms_url: number.smsUrl,
    sms_method: 'POST',
    uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${number.sid}.json`,
  };
}

/**
 * The IncomingPhoneNumbers endpoints `dutyline twilio configure` uses: list by PhoneNumber, and
 * update one number's webhook URLs. Returns false for any other request.
 */
export function answerNumbers(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  raw: string,
  fake: { accountSid: string; authorized: boolean; numbers: FakeNumber[] },
): boolean {
  const url = req.url ?? '';
  const list = LIST_PATH.exec(url);
  const item = ITEM_PATH.exec(url);
  if (!list && !item) return false;
  const send = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (!fake.authorized) {
    send(401, { code: 20003, message: 'Authenticate', status: 401 });
    return true;
  }
  if (list && req.method === 'GET') {
    const wanted = new URL(url, 'http://fake').searchParams.get('PhoneNumber');
    const found = fake.numbers.filter((number) => !wanted || number.phoneNumber === wanted);
    send(200, {
      incoming_phone_numbers: found.map((number) => resource(fake.accountSid, number)),
      first_page_uri: url,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: 50,
      uri: url,
    });
    return true;
  }
  const number = item && fake.numbers.find((candidate) => candidate.sid === item[2]);
  if (!number || req.method !== 'POST') {
    send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    return true;
  }
  const form = new URLSearchParams(raw);
  number.voiceUrl = form.get('VoiceUrl') ?? number.voiceUrl;
  number.statusCallback = form.get('StatusCallback') ?? number.statusCallback;
  number.voiceFallbackUrl = form.get('VoiceFallbackUrl') ?? number.voiceFallbackUrl;
  number.smsUrl = form.get('SmsUrl') ?? number.smsUrl;
  send(200, resource(fake.accountSid, number));
  return true;
}
