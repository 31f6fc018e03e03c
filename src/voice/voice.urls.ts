import { encodePosition } from './call-position';
import type { CallPosition } from './flow.engine';
import type { VoiceUrls } from './voice.twiml';

/**
 * Every URL in the hotline's TwiML. The call's position rides in the query string, which Twilio
 * signs with the rest of the request, so it comes back untampered.
 */
export function createVoiceUrls(publicBaseUrl: string, callSid: string) {
  const base = `${publicBaseUrl}/twilio/voice`;
  const urls: VoiceUrls & {
    whisper(position: CallPosition): string;
    whisperAnswer(state: string, attempt: number): string;
  } = {
    step(position: CallPosition, event?: string) {
      const query = encodePosition(position);
      if (event) query.set('e', event);
      return `${base}/step?${query}`;
    },
    recordingCallback(kind, position) {
      const query = encodePosition(position);
      query.set('kind', kind);
      return `${base}/recording?${query}`;
    },
    whisper: (position) =>
      `${base}/whisper?${new URLSearchParams({ call: callSid, s: position.state, a: String(position.attempt) })}`,
    whisperAnswer: (state, attempt) =>
      `${base}/whisper/answer?${new URLSearchParams({ call: callSid, s: state, a: String(attempt) })}`,
  };
  return urls;
}

export type CallUrls = ReturnType<typeof createVoiceUrls>;
