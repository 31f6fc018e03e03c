import { newSid } from './call-session';
import type { TwimlNode } from './twiml-tree';
import type { VerbContext, VerbResult } from './twiml-walker';

const DEFAULT_MAX_LENGTH_SECONDS = 3600;
const DEFAULT_SILENCE_TIMEOUT_SECONDS = 5;
const DEFAULT_FINISH_ON_KEY = '1234567890*#';

/** recordingStatusCallbackEvent is space-separated in TwiML; Twilio's default is `completed`. */
export function recordingEvents(attributes: Record<string, string>): string[] {
  return (attributes.recordingStatusCallbackEvent ?? 'completed').split(/[\s,]+/).filter(Boolean);
}

/** The key a caller presses to end a message: `#` when it counts, as the hotline's prompts say. */
function finishingKey(attributes: Record<string, string>): string | null {
  const keys = attributes.finishOnKey ?? DEFAULT_FINISH_ON_KEY;
  if (keys === '') return null;
  return keys.includes('#') ? '#' : keys[0];
}

export async function runRecord(record: TwimlNode, context: VerbContext): Promise<VerbResult> {
  const { session } = context;
  const { attributes } = record;
  const action = await context.input('Record', attributes);
  if ('hangup' in action) return { next: 'caller-hangup' };
  if ('press' in action)
    return session.fail('the script presses keys at a <Record>; it expected a recording');
  if ('say' in action)
    return session.fail('the script answers a question at a <Record>; it expected a recording');
  const callback = attributes.recordingStatusCallback;
  const callbackPath = callback ? session.pathOf(callback, context.documentPath) : null;
  const recordingSid = newSid('RE');
  const base = { RecordingSid: recordingSid, RecordingUrl: session.recordingUrl(recordingSid) };
  const ids = { CallSid: session.settings.callSid, AccountSid: session.settings.accountSid };

  if ('silence' in action || action.record.seconds <= 0) {
    session.seconds += Number(attributes.timeout ?? DEFAULT_SILENCE_TIMEOUT_SECONDS);
    // An empty recording never reaches the action; only an `absent` callback, when asked for.
    if (callbackPath && recordingEvents(attributes).includes('absent')) {
      await session.notify(callbackPath, {
        ...base,
        RecordingStatus: 'absent',
        RecordingDuration: '0',
        ...ids,
      });
    }
    return { next: 'continue' };
  }

  const maxLength = Number(attributes.maxLength ?? DEFAULT_MAX_LENGTH_SECONDS);
  const seconds = Math.min(action.record.seconds, maxLength);
  session.seconds += seconds;
  const key = finishingKey(attributes);
  // A recording cut by maxLength ended with no key.
  const digits = action.record.hangup ? 'hangup' : seconds < maxLength ? key : null;
  const recorded = { ...base, RecordingDuration: String(seconds) };
  // Twilio requests the action even when the caller hung up, but runs none of its answer.
  const next = await context.follow(
    attributes.action,
    record,
    digits ? { ...recorded, Digits: digits } : recorded,
  );
  if (callbackPath && recordingEvents(attributes).includes('completed')) {
    await session.notify(callbackPath, { ...recorded, RecordingStatus: 'completed', ...ids });
  }
  return action.record.hangup ? { next: 'caller-hangup' } : next;
}
