import { z } from 'zod';
import { POSITIONS } from '../roster/roster.models';
import type { VoiceResponse } from '../shared/twilio-parts';

// The voice flow is data (flows/voice-flow.json): named states, each with a type, properties and
// transitions on events, in the spirit of Twilio Studio's flow JSON. Prompts are inline, in both
// languages, so a missing translation is caught at the state that needs it.

const text = (language: string) =>
  z
    .string({ error: `the ${language} text is missing` })
    .trim()
    .min(1, `the ${language} text is empty`);

export const promptSchema = z.strictObject({ 'zh-CN': text('zh-CN'), en: text('en') });
export type Prompt = z.infer<typeof promptSchema>;

export const STATE_NAME = /^[a-z][a-z0-9_]*$/;
export const STATE_NAME_RULE = 'a state name is lowercase letters, digits and _, starting with a letter';
const stateName = z.string().regex(STATE_NAME, STATE_NAME_RULE);
const seconds = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const MENU_KEY = /^[0-9*#]$/;

type GatherLanguage = NonNullable<NonNullable<Parameters<VoiceResponse['gather']>[0]>['language']>;
// Twilio's recognisers for the flow's two languages. Its tags are not the caller's: Mandarin is
// cmn-Hans-CN, and "zh-CN" is no recogniser at all.
const CHINESE_SPEECH_LANGUAGES = [
  'cmn-Hans-CN',
  'cmn-Hant-TW',
  'yue-Hant-HK',
  'zh',
  'zh-TW',
] as const satisfies readonly GatherLanguage[];
const ENGLISH_SPEECH_LANGUAGES = [
  'en-US',
  'en-GB',
  'en-AU',
  'en-CA',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-PH',
  'en-SG',
  'en-ZA',
] as const satisfies readonly GatherLanguage[];
const speechLanguage = <T extends readonly [GatherLanguage, ...GatherLanguage[]]>(languages: T) =>
  z.enum(languages, {
    error: 'not a speech recognition language of Twilio <Gather> (e.g. cmn-Hans-CN, yue-Hant-HK, en-US)',
  });

export const stateSchemas = {
  say: z.strictObject({
    type: z.literal('say'),
    properties: z.strictObject({ prompt: promptSchema, promptWhenOpenCase: promptSchema.optional() }),
    transitions: z.strictObject({ next: stateName }),
  }),
  'switch-language': z.strictObject({
    type: z.literal('switch-language'),
    properties: z.strictObject({}).default({}),
    transitions: z.strictObject({ next: stateName }),
  }),
  menu: z.strictObject({
    type: z.literal('menu'),
    properties: z.strictObject({
      prompt: promptSchema,
      timeoutSeconds: seconds(30, 5),
      /** How many times the menu repeats on silence before `noInput` is taken. */
      noInputRepeats: z.number().int().min(0).max(5).default(2),
      /**
       * The way to the other language, said in that language's voice after the prompt: a caller
       * who does not understand the menu must still understand this, and an en-US voice cannot
       * read Chinese.
       */
      languageHint: promptSchema.optional(),
    }),
    transitions: z
      .record(z.string(), stateName)
      .refine((map) => 'noInput' in map, 'needs a "noInput" transition, so silence never ends a call')
      .refine(
        (map) =>
          Object.keys(map).every((key) => MENU_KEY.test(key) || key === 'noInput' || key === 'invalid'),
        'keys are single digits, * or #, plus "noInput" and "invalid"',
      ),
  }),
  'category-menu': z.strictObject({
    type: z.literal('category-menu'),
    properties: z.strictObject({
      prompt: promptSchema,
      /** Said for each category with a key; {name} and {key} are filled in. */
      optionPrompt: promptSchema,
      timeoutSeconds: seconds(30, 5),
    }),
    transitions: z.strictObject({ next: stateName }),
  }),
  /**
   * "Which street?": a <Gather input="speech"> with the gazetteer's names as hints, in the caller's
   * language. A place heard goes with the call to the case its message makes; no speech, or words
   * naming no place, leave the place for triage.
   */
  'place-question': z.strictObject({
    type: z.literal('place-question'),
    properties: z.strictObject({
      prompt: promptSchema,
      /** Seconds to wait for the caller to start speaking. */
      timeoutSeconds: seconds(30, 5),
      /** "auto" ends on the first pause; a number waits that many seconds of silence. */
      speechTimeout: z.union([z.literal('auto'), z.number().int().min(1).max(10)]).default('auto'),
      /** The recogniser's language per caller language (Twilio's tags, e.g. yue-Hant-HK for Cantonese). */
      speechLanguage: z
        .strictObject({
          'zh-CN': speechLanguage(CHINESE_SPEECH_LANGUAGES),
          en: speechLanguage(ENGLISH_SPEECH_LANGUAGES),
        })
        .default({ 'zh-CN': 'cmn-Hans-CN', en: 'en-US' }),
    }),
    transitions: z.strictObject({ next: stateName }),
  }),
  record: z.strictObject({
    type: z.literal('record'),
    properties: z.strictObject({
      prompt: promptSchema,
      maxLengthSeconds: seconds(3600, 180),
      finishOnKey: z
        .string()
        .regex(/^[0-9*#]$/)
        .default('#'),
      silenceTimeoutSeconds: seconds(60, 10),
    }),
    transitions: z.strictObject({ recorded: stateName, empty: stateName }),
  }),
  'case-receipt': z.strictObject({
    type: z.literal('case-receipt'),
    /** {digits}: the reference, digit by digit. The call ends after it. */
    properties: z.strictObject({ prompt: promptSchema }),
    transitions: z.strictObject({}).default({}),
  }),
  'reference-entry': z.strictObject({
    type: z.literal('reference-entry'),
    properties: z.strictObject({
      prompt: promptSchema,
      retryPrompt: promptSchema,
      retries: z.number().int().min(0).max(3).default(1),
      timeoutSeconds: seconds(30, 8),
    }),
    transitions: z.strictObject({ valid: stateName, exhausted: stateName }),
  }),
  'case-status': z.strictObject({
    type: z.literal('case-status'),
    properties: z.strictObject({
      /** To the number that reported the case: {digits}, {status}, {result}. */
      withResult: promptSchema,
      /** To the reporter before there is a result, and to any other number: {digits}, {status}. */
      statusOnly: promptSchema,
      notFound: promptSchema,
    }),
    transitions: z.strictObject({ next: stateName }),
  }),
  'dial-hunt': z.strictObject({
    type: z.literal('dial-hunt'),
    properties: z.strictObject({
      prompt: promptSchema,
      positions: z.array(z.enum(POSITIONS)).min(1),
      ringSeconds: seconds(60, 20),
      /** Said to the staff member before the call is put through. */
      whisper: promptSchema,
      whisperTimeoutSeconds: seconds(20, 6),
      record: z.boolean().default(true),
    }),
    transitions: z.strictObject({ connected: stateName, exhausted: stateName }),
  }),
  hangup: z.strictObject({
    type: z.literal('hangup'),
    properties: z.strictObject({ prompt: promptSchema.optional() }).default({}),
    transitions: z.strictObject({}).default({}),
  }),
} as const;

export type StateType = keyof typeof stateSchemas;
export const STATE_TYPES = Object.keys(stateSchemas) as StateType[];

export const stateSchema = z.discriminatedUnion('type', [
  stateSchemas.say,
  stateSchemas['switch-language'],
  stateSchemas.menu,
  stateSchemas['category-menu'],
  stateSchemas['place-question'],
  stateSchemas.record,
  stateSchemas['case-receipt'],
  stateSchemas['reference-entry'],
  stateSchemas['case-status'],
  stateSchemas['dial-hunt'],
  stateSchemas.hangup,
]);
export type FlowState = z.infer<typeof stateSchema>;
export type StateOf<T extends StateType> = Extract<FlowState, { type: T }>;

const voiceSchema = z.strictObject({ voice: z.string().min(1), language: z.string().min(2) });

export const flowSchema = z.strictObject({
  $schema: z.string().optional(),
  initial: stateName,
  /** The Twilio <Say> voice and language per caller language. */
  voices: z.strictObject({ 'zh-CN': voiceSchema, en: voiceSchema }),
  states: z.record(stateName, stateSchema),
});
export type Flow = z.infer<typeof flowSchema>;
