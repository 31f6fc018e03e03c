import { VoiceResponse } from '../shared/twilio-parts';
import type { Language } from '../staff/staff.models';
import { dialNumber } from './dial-number';
import type { CallPosition } from './flow.engine';
import type { Flow, FlowState, Prompt, StateOf } from './flow.schema';

type SayAttributes = Parameters<VoiceResponse['say']>[0];

/** What the render needs to know beyond the flow: facts the use case looked up. */
export interface RenderFacts {
  /** The greeting mentions an unresolved case of the caller's. */
  hasOpenCase?: boolean;
  /** The case just created, for the read-back. */
  ref?: string;
  /** The answer to a status request; `result` only for the number that reported the case. */
  status?: { ref: string; statusText: string; result: string | null } | null;
  /** Who the duty-officer hunt rings now, and the BYOC trunk the leg goes out over, if any. */
  dial?: { phone: string; whisperUrl: string; byocTrunkSid?: string };
  /** Categories with a key, in the caller's language. */
  categories?: { key: string; name: string }[];
  /** The place question's speech hints: the gazetteer's names in the caller's language, comma separated. */
  placeHints?: string;
  /**
   * What the states just before said, moved inside the next <Gather>: a key pressed while the
   * greeting plays ("press 2 for your case") is only heard by a Gather.
   */
  lead?: string[];
}

/** The text a `say` state speaks, for the facts at hand. */
export function sayText(state: StateOf<'say'>, language: Language, facts: RenderFacts): string {
  const prompt =
    facts.hasOpenCase && state.properties.promptWhenOpenCase
      ? state.properties.promptWhenOpenCase
      : state.properties.prompt;
  return prompt[language];
}

/** States that wait for keys or words: what precedes them can be said inside their Gather. */
export function gathersInput(state: FlowState): boolean {
  return (
    state.type === 'menu' ||
    state.type === 'category-menu' ||
    state.type === 'place-question' ||
    state.type === 'reference-entry'
  );
}

/** Absolute, signed-by-Twilio URLs the TwiML points back to. */
export interface VoiceUrls {
  step(position: CallPosition, event?: string): string;
  recordingCallback(kind: 'message' | 'conversation', position: CallPosition): string;
}

export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** A reference read digit by digit, so it can be written down. */
export function spellDigits(ref: string): string {
  return ref.split('').join(' ');
}

export function voiceFor(flow: Pick<Flow, 'voices'>, language: Language): SayAttributes {
  const { voice, language: sayLanguage } = flow.voices[language];
  return { voice: voice as SayAttributes['voice'], language: sayLanguage as SayAttributes['language'] };
}

/** Appends one state's TwiML to the response. */
export function renderState(
  response: VoiceResponse,
  flow: Flow,
  position: CallPosition,
  facts: RenderFacts,
  urls: VoiceUrls,
): void {
  const state = flow.states[position.state];
  const say = (parent: { say: VoiceResponse['say'] }, prompt: Prompt, vars: Record<string, string> = {}) =>
    parent.say(voiceFor(flow, position.language), fill(prompt[position.language], vars));
  const gather = (attributes: Parameters<VoiceResponse['gather']>[0]) => {
    const element = response.gather({
      ...attributes,
      action: urls.step(position),
      actionOnEmptyResult: true,
    });
    for (const text of facts.lead ?? []) element.say(voiceFor(flow, position.language), text);
    return element;
  };
  const renderers: { [T in FlowState['type']]: (state: StateOf<T>) => void } = {
    say: (s) => response.say(voiceFor(flow, position.language), sayText(s, position.language, facts)),
    'switch-language': () => undefined,
    menu: (s) => {
      const menu = gather({ numDigits: 1, timeout: s.properties.timeoutSeconds });
      say(menu, s.properties.prompt);
      const hint = s.properties.languageHint;
      const other: Language = position.language === 'zh-CN' ? 'en' : 'zh-CN';
      if (hint) menu.say(voiceFor(flow, other), hint[other]);
    },
    'category-menu': (s) => {
      const menu = gather({ numDigits: 1, timeout: s.properties.timeoutSeconds });
      const options = (facts.categories ?? []).map((category) =>
        fill(s.properties.optionPrompt[position.language], { name: category.name, key: category.key }),
      );
      menu.say(
        voiceFor(flow, position.language),
        [s.properties.prompt[position.language], ...options].join(' '),
      );
    },
    'place-question': (s) => {
      const { speechLanguage, speechTimeout, timeoutSeconds } = s.properties;
      const question = gather({
        input: ['speech'],
        language: speechLanguage[position.language],
        ...(facts.placeHints ? { hints: facts.placeHints } : {}),
        speechTimeout: String(speechTimeout),
        timeout: timeoutSeconds,
      });
      say(question, s.properties.prompt);
    },
    record: (s) => {
      say(response, s.properties.prompt);
      response.record({
        maxLength: s.properties.maxLengthSeconds,
        finishOnKey: s.properties.finishOnKey,
        timeout: s.properties.silenceTimeoutSeconds,
        playBeep: true,
        action: urls.step(position, 'recorded'),
        recordingStatusCallback: urls.recordingCallback('message', position),
        recordingStatusCallbackEvent: ['completed', 'absent'],
      });
      // An empty recording does not call the action: Twilio moves on to this verb instead.
      response.redirect(urls.step(position, 'empty'));
    },
    'case-receipt': (s) => {
      say(response, s.properties.prompt, { digits: spellDigits(facts.ref ?? '') });
      response.hangup();
    },
    'reference-entry': (s) => {
      const entry = gather({ finishOnKey: '#', timeout: s.properties.timeoutSeconds });
      say(entry, position.misses > 0 ? s.properties.retryPrompt : s.properties.prompt);
    },
    'case-status': (s) => {
      const status = facts.status;
      if (!status) say(response, s.properties.notFound);
      else {
        const vars = {
          digits: spellDigits(status.ref),
          status: status.statusText,
          result: status.result ?? '',
        };
        say(response, status.result ? s.properties.withResult : s.properties.statusOnly, vars);
      }
    },
    'dial-hunt': (s) => {
      if (!facts.dial) return;
      if (position.attempt === 0) say(response, s.properties.prompt);
      const dial = response.dial({
        action: urls.step(position),
        timeout: s.properties.ringSeconds,
        answerOnBridge: true,
        ...(s.properties.record
          ? {
              record: 'record-from-answer-dual' as const,
              recordingStatusCallback: urls.recordingCallback('conversation', position),
              recordingStatusCallbackEvent: ['completed', 'absent'],
            }
          : {}),
      });
      dialNumber(dial, facts.dial.phone, { url: facts.dial.whisperUrl, byoc: facts.dial.byocTrunkSid });
    },
    hangup: (s) => {
      if (s.properties.prompt) say(response, s.properties.prompt);
      response.hangup();
    },
  };
  (renderers[state.type] as (state: FlowState) => void)(state);
}

/** The staff leg before bridging: only a key press accepts, so a voicemail can never take the call. */
export function renderWhisper(
  flow: Flow,
  state: StateOf<'dial-hunt'>,
  language: Language,
  answerUrl: string,
): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    numDigits: 1,
    timeout: state.properties.whisperTimeoutSeconds,
    action: answerUrl,
  });
  gather.say(voiceFor(flow, language), state.properties.whisper[language]);
  response.hangup();
  return response.toString();
}

/** An empty answer from the whisper's action bridges the call; a hang-up declines it. */
export function renderWhisperAnswer(accepted: boolean): string {
  const response = new VoiceResponse();
  if (!accepted) response.hangup();
  return response.toString();
}
