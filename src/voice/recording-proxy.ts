import { Readable } from 'node:stream';
import { rebaseUri } from '../outbox/twilio-base-url';
import { AppError } from '../shared/errors';

export interface RecordingFetcher {
  /** Whether a RecordingUrl may be stored and fetched: the fetch sends the account's credentials. */
  allows(recordingUrl: string): boolean;
  /** The audio of a recording, fetched server-side with the account's credentials. */
  fetch(recordingUrl: string): Promise<{ contentType: string; body: Readable }>;
}

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A RecordingUrl is data from a request, so it must point at Twilio's API, or at TWILIO_API_BASE_URL's
 * origin when that is set; anything else would receive the account's credentials.
 */
export function isTwilioRecordingUrl(recordingUrl: string, apiBaseUrl: string | undefined): boolean {
  const origin = originOf(recordingUrl);
  if (origin === null) return false;
  return origin === TWILIO_API_ORIGIN || (apiBaseUrl !== undefined && origin === originOf(apiBaseUrl));
}

/**
 * Recording URLs need the account's credentials (HTTP Basic), and never leave the server: the
 * API streams the audio to an authorised user instead.
 */
export function createRecordingFetcher(options: {
  credentials: { accountSid: string; authToken: string } | undefined;
  apiBaseUrl: string | undefined;
  timeoutMs?: number;
}): RecordingFetcher {
  const { apiBaseUrl } = options;
  const allows = (recordingUrl: string) => isTwilioRecordingUrl(recordingUrl, apiBaseUrl);
  return {
    allows,
    async fetch(recordingUrl) {
      if (!options.credentials) {
        throw new AppError(503, 'recording.unavailable', 'Recordings cannot be fetched in offline mode');
      }
      // Checked again here: a row stored before the check existed may still hold a foreign URL.
      if (!allows(recordingUrl)) {
        throw new AppError(502, 'recording.foreign_url', "The recording's address is not Twilio's API");
      }
      const mp3 = `${recordingUrl.replace(/\.(mp3|wav)$/, '')}.mp3`;
      const onBase = apiBaseUrl !== undefined && originOf(mp3) === originOf(apiBaseUrl);
      const url = apiBaseUrl && !onBase ? rebaseUri(mp3, apiBaseUrl) : mp3;
      const { accountSid, authToken } = options.credentials;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch {
        throw new AppError(502, 'recording.fetch_failed', 'Twilio did not answer for the recording');
      }
      if (!response.ok || !response.body) {
        throw new AppError(
          502,
          'recording.fetch_failed',
          `Twilio answered ${response.status} for the recording`,
        );
      }
      return {
        contentType: response.headers.get('content-type') ?? 'audio/mpeg',
        body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      };
    },
  };
}
