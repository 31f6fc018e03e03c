import twilio from 'twilio';

/** Signs a webhook exactly as Twilio does: HMAC-SHA1 over the full URL and the sorted POST parameters. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

let sequence = 0;

/** A unique, well-formed SID with the given two-letter prefix (SM, CA, RE…). */
export function fakeSid(prefix: string): string {
  sequence += 1;
  return prefix + sequence.toString(16).padStart(32, '0');
}
