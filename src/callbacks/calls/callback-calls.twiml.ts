import { VoiceResponse } from '../../shared/twilio-parts';
import type { Language } from '../../staff/staff.models';
import { dialNumber } from '../../voice/dial-number';
import type { Flow } from '../../voice/flow.schema';
import { spellDigits, voiceFor } from '../../voice/voice.twiml';
import { callbackCallText } from './callback-calls.texts';

/** How long the officer has to press 1 once the whisper ends. */
const WHISPER_TIMEOUT_SECONDS = 8;
/** How long the citizen's phone rings before the officer hears the call end. */
const CITIZEN_RING_SECONDS = 30;

type Voices = Pick<Flow, 'voices'>;

/**
 * The officer's leg, answered: a whisper naming the case inside a Gather. Any key (or none, with
 * actionOnEmptyResult) goes to the action, so a declined call is logged, not just dropped.
 */
export function renderOfficerWhisper(
  flow: Voices,
  language: Language,
  ref: string,
  actionUrl: string,
): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    numDigits: 1,
    timeout: WHISPER_TIMEOUT_SECONDS,
    action: actionUrl,
    actionOnEmptyResult: true,
  });
  gather.say(voiceFor(flow, language), callbackCallText('whisper', language, { digits: spellDigits(ref) }));
  response.hangup();
  return response.toString();
}

/**
 * The officer pressed 1: the citizen is dialed under the hotline's number (callerId), never the
 * officer's, over the bureau's BYOC trunk when there is one, and both sides are recorded.
 */
export function renderCitizenBridge(
  flow: Voices,
  language: Language,
  bridge: {
    hotlineNumber: string;
    citizenPhone: string;
    actionUrl: string;
    recordingUrl: string;
    byocTrunkSid?: string;
  },
): string {
  const response = new VoiceResponse();
  response.say(voiceFor(flow, language), callbackCallText('connecting', language));
  const dial = response.dial({
    callerId: bridge.hotlineNumber,
    action: bridge.actionUrl,
    timeout: CITIZEN_RING_SECONDS,
    record: 'record-from-answer-dual',
    recordingStatusCallback: bridge.recordingUrl,
    recordingStatusCallbackEvent: ['completed', 'absent'],
  });
  dialNumber(dial, bridge.citizenPhone, { byoc: bridge.byocTrunkSid });
  return response.toString();
}

/** A goodbye (`goodbye` after a key other than 1, `ended` on a call that is over), then hang up. */
export function renderCallbackGoodbye(flow: Voices, language: Language, text: 'goodbye' | 'ended'): string {
  const response = new VoiceResponse();
  response.say(voiceFor(flow, language), callbackCallText(text, language));
  response.hangup();
  return response.toString();
}

export function renderHangup(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
