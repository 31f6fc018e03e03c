import { Readable } from 'node:stream';
import { rebaseUri } from '../outbox/twilio-client';
import { AppError } from '../shared/errors';

export interface RecordingFetcher {
  /** The audio of a recording, fetched server-side with the account's credentials. */
  fetch(recordingUrl: string): Promise<{ contentType: string; body: Readable }>;
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
  return {
    async fetch(recordingUrl) {
      if (!options.credentials) {
        throw new AppError(503, 'recording.unavailable', 'Recordings cannot be fetched in offline mode');
      }
      const mp3 = `${recordingUrl.replace(/\.(mp3|wav)$/, '')}.mp3`;
      const url = options.apiBaseUrl ? rebaseUri(mp3, options.apiBaseUrl) : mp3;
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
