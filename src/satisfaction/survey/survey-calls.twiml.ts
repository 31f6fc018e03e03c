import { VoiceResponse } from '../../shared/twilio-parts';
import type { Language } from '../../staff/staff.models';
import type { Flow } from '../../voice/flow.schema';
import { spellDigits, voiceFor } from '../../voice/voice.twiml';
import { type SurveyCallFlow, type SurveyPrompt, surveyText } from './survey-call.flow';

/** How long the citizen has to press a key once the question ends. */
const KEY_TIMEOUT_SECONDS = 8;

type Voices = Pick<Flow, 'voices'>;

/**
 * The question, inside a Gather of one key. No key goes to the action too (actionOnEmptyResult),
 * so silence is handled like a wrong key: the question once more, then goodbye.
 */
export function renderSurveyQuestion(
  voices: Voices,
  flow: SurveyCallFlow,
  language: Language,
  ref: string,
  actionUrl: string,
): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    numDigits: 1,
    timeout: KEY_TIMEOUT_SECONDS,
    action: actionUrl,
    actionOnEmptyResult: true,
  });
  gather.say(
    voiceFor(voices, language),
    surveyText(flow, 'question', language, { digits: spellDigits(ref) }),
  );
  response.hangup();
  return response.toString();
}

/** A closing sentence (thanks, goodbye, or "nothing to answer now"), then hang up. */
export function renderSurveyGoodbye(
  voices: Voices,
  flow: SurveyCallFlow,
  language: Language,
  name: Exclude<SurveyPrompt, 'question'>,
): string {
  const response = new VoiceResponse();
  response.say(voiceFor(voices, language), surveyText(flow, name, language));
  response.hangup();
  return response.toString();
}

export function renderSurveyHangup(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
