import type { Config } from '../config';
import { createTwilioClient } from '../outbox/twilio-client';

/** The four URLs a Twilio number needs (SPEC §4); everything else the hotline writes into its TwiML. */
export function hotlineWebhooks(publicBaseUrl: string) {
  return {
    voiceUrl: `${publicBaseUrl}/twilio/voice`,
    statusCallback: `${publicBaseUrl}/twilio/voice/status`,
    voiceFallbackUrl: `${publicBaseUrl}/twilio/voice/fallback`,
    smsUrl: `${publicBaseUrl}/twilio/sms`,
  };
}

/** Points TWILIO_PHONE_NUMBER's webhooks at PUBLIC_BASE_URL, all by POST. */
export async function configureTwilioNumber(config: Config) {
  if (!config.twilio || !config.hotlineNumber) {
    throw new Error('twilio configure needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER');
  }
  const client = createTwilioClient({ ...config.twilio, apiBaseUrl: config.twilioApiBaseUrl });
  const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: config.hotlineNumber, limit: 1 });
  if (!number) throw new Error(`${config.hotlineNumber} is not a phone number of this Twilio account`);
  const urls = hotlineWebhooks(config.publicBaseUrl);
  await client.incomingPhoneNumbers(number.sid).update({
    ...urls,
    voiceMethod: 'POST',
    statusCallbackMethod: 'POST',
    voiceFallbackMethod: 'POST',
    smsMethod: 'POST',
  });
  return { sid: number.sid, phoneNumber: number.phoneNumber, urls };
}
