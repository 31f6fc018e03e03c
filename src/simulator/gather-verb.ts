import type { TwimlNode } from './twiml-tree';
import type { VerbContext, VerbResult } from './twiml-walker';

const DEFAULT_TIMEOUT_SECONDS = 5;
/** What the driver reports when a script gives none: a clear answer, as recognisers go. */
const DEFAULT_CONFIDENCE = 0.9;
/** Simulated speaking time: about 4 characters a second, plus the pause that ends the speech. */
const CHARACTERS_SPOKEN_PER_SECOND = 4;

/** The Digits Twilio would post: keys up to finishOnKey (not sent) or numDigits, whichever comes first. */
export function gatheredDigits(keys: string, attributes: Record<string, string>): string {
  const finishOnKey = attributes.finishOnKey ?? '#';
  const numDigits = Number(attributes.numDigits ?? 0);
  let digits = '';
  for (const key of keys) {
    if (finishOnKey !== '' && key === finishOnKey) break;
    digits += key;
    if (numDigits > 0 && digits.length >= numDigits) break;
  }
  return digits;
}

/** `input` is space-separated: `dtmf` (Twilio's default), `speech`, or `dtmf speech`. */
export function gatherInputs(attributes: Record<string, string>): { dtmf: boolean; speech: boolean } {
  const inputs = (attributes.input ?? 'dtmf').split(/\s+/);
  return { dtmf: inputs.includes('dtmf'), speech: inputs.includes('speech') };
}

function timeoutSeconds(attributes: Record<string, string>): number {
  const timeout = Number(attributes.timeout);
  return Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
}

export async function runGather(gather: TwimlNode, context: VerbContext): Promise<VerbResult> {
  const { session } = context;
  for (const child of gather.children) {
    if (child.name === 'Say') context.hear(child);
    else if (child.name === 'Pause') session.seconds += Number(child.attributes.length ?? 1);
    else if (child.name === 'Play') session.seconds += 1;
    else session.fail(`<${child.name}> inside <Gather> is not simulated`);
  }
  const takes = gatherInputs(gather.attributes);
  const action = await context.input('Gather', gather.attributes);
  if ('hangup' in action) return { next: 'caller-hangup' };
  if ('record' in action)
    return session.fail('the script records at a <Gather>; it expected keys, words or silence');
  if ('say' in action) {
    if (!takes.speech) return session.fail('the script speaks at a <Gather> that takes only keys');
    session.seconds += Math.ceil(action.say.length / CHARACTERS_SPOKEN_PER_SECOND) + 1;
    return context.follow(gather.attributes.action, gather, {
      SpeechResult: action.say,
      Confidence: String(action.confidence ?? DEFAULT_CONFIDENCE),
    });
  }
  if ('press' in action && !takes.dtmf)
    return session.fail('the script presses keys at a <Gather> that takes only speech');
  const digits = 'press' in action ? gatheredDigits(action.press, gather.attributes) : '';
  if ('press' in action) session.seconds += action.press.length;
  else session.seconds += timeoutSeconds(gather.attributes);
  if (digits !== '') return context.follow(gather.attributes.action, gather, { Digits: digits });
  // With no input Twilio skips the action and runs the next verb, unless told otherwise; a Gather
  // that listens for speech then posts no result at all.
  if (gather.attributes.actionOnEmptyResult === 'true') {
    return context.follow(gather.attributes.action, gather, takes.speech ? {} : { Digits: '' });
  }
  return { next: 'continue' };
}
