import { type CallSession, newSid } from './call-session';
import type { CallerScript, DialOutcome, HeardLine } from './caller-script';
import { recordingEvents } from './record-verb';
import type { TwimlNode } from './twiml-tree';
import { type CallLeg, type VerbContext, type VerbResult, walkLeg } from './twiml-walker';

export interface DialedNumber {
  phone: string;
  outcome: DialOutcome;
  /** True only when the whisper leg ran out of TwiML (or there was none), which bridges the call. */
  bridged: boolean;
  /** The child call's SID, sent as DialCallSid. */
  callSid: string;
  /** The number the dialed phone shows: the Dial's callerId, else the parent call's From, as Twilio does. */
  callerId: string;
  /** What the staff member (or their voicemail) heard on the whisper leg. */
  heard: HeardLine[];
  /** Time the staff leg was up before bridging or hanging up. */
  answeredSeconds: number;
}

const DEFAULT_DIAL_TIMEOUT_SECONDS = 30;
/** How long a phone rings before someone, or a voicemail, picks up. */
const RINGS_BEFORE_ANSWER_SECONDS = 5;

interface DialTarget {
  phone: string;
  whisperUrl?: string;
}

function dialTargets(dial: TwimlNode, session: CallSession): DialTarget[] {
  if (dial.children.length === 0) return dial.text ? [{ phone: dial.text }] : [];
  return dial.children.map((child) =>
    child.name === 'Number'
      ? { phone: child.text, whisperUrl: child.attributes.url }
      : session.fail(`<${child.name}> inside <Dial> is not simulated`),
  );
}

/** The whisper leg: an answering staff member presses 1 once; a voicemail presses nothing. */
async function runWhisper(
  context: VerbContext,
  target: DialTarget & { whisperUrl: string },
  outcome: 'accept' | 'voicemail',
  dial: DialedNumber,
  caller: CallerScript,
): Promise<boolean> {
  const { session, leg: callerLeg } = context;
  let pressed = outcome === 'voicemail';
  const staffLeg: CallLeg = {
    name: 'staff',
    params: {
      CallSid: dial.callSid,
      ParentCallSid: session.settings.callSid,
      AccountSid: session.settings.accountSid,
      From: dial.callerId,
      To: target.phone,
      CallStatus: 'in-progress',
      Direction: 'outbound-dial',
      ApiVersion: callerLeg.params.ApiVersion,
    },
    async input(input) {
      if (pressed || input.verb !== 'Gather') return { silence: true };
      pressed = true;
      return { press: '1' };
    },
    hear(line) {
      dial.heard.push(line);
      caller.hear?.(line, 'staff');
    },
  };
  const path = session.pathOf(target.whisperUrl, context.documentPath);
  const response = await session.fetchTwiml(path, staffLeg.params);
  return (await walkLeg(session, staffLeg, { path, response })) === 'end-of-twiml';
}

async function ringTarget(
  context: VerbContext,
  target: DialTarget,
  timeoutSeconds: number,
  caller: CallerScript,
  callerId: string,
): Promise<DialedNumber> {
  const { session } = context;
  const outcome = await caller.dialOutcome(target.phone);
  const dialed: DialedNumber = {
    phone: target.phone,
    outcome,
    bridged: false,
    callSid: newSid('CA'),
    callerId,
    heard: [],
    answeredSeconds: 0,
  };
  if (outcome === 'busy' || outcome === 'failed') session.seconds += 1;
  if (outcome === 'no-answer') session.seconds += timeoutSeconds;
  if (outcome !== 'accept' && outcome !== 'voicemail') return dialed;
  session.seconds += Math.min(RINGS_BEFORE_ANSWER_SECONDS, timeoutSeconds);
  const answeredAt = session.seconds;
  // With no whisper, whoever picks up is bridged: exactly why the hotline uses one.
  const { whisperUrl } = target;
  dialed.bridged = whisperUrl
    ? await runWhisper(context, { ...target, whisperUrl }, outcome, dialed, caller)
    : true;
  dialed.answeredSeconds = session.seconds - answeredAt;
  return dialed;
}

function dialCallStatus(attempts: DialedNumber[]): string {
  if (attempts.some((a) => a.outcome === 'accept' || a.outcome === 'voicemail')) return 'completed';
  if (attempts.length > 0 && attempts.every((a) => a.outcome === 'busy')) return 'busy';
  if (attempts.every((a) => a.outcome === 'failed')) return 'failed';
  return 'no-answer';
}

function isRecorded(dial: TwimlNode): boolean {
  const record = dial.attributes.record;
  return record !== undefined && record !== 'do-not-record' && record !== 'false';
}

/**
 * Rings each <Number> in turn (Twilio rings them at once; the first to bridge wins), then posts the
 * Dial's action and, for a recorded bridged call, its recording callback.
 */
export function createDialHandler(caller: CallerScript, dialed: DialedNumber[]) {
  return async (dial: TwimlNode, context: VerbContext): Promise<VerbResult> => {
    const { session } = context;
    const timeout = Number(dial.attributes.timeout ?? DEFAULT_DIAL_TIMEOUT_SECONDS);
    const callerId = dial.attributes.callerId ?? context.leg.params.From;
    const attempts: DialedNumber[] = [];
    for (const target of dialTargets(dial, session)) {
      const attempt = await ringTarget(context, target, timeout, caller, callerId);
      attempts.push(attempt);
      dialed.push(attempt);
      if (attempt.bridged) break;
    }
    const bridged = attempts.find((a) => a.bridged);
    const answered =
      bridged ?? [...attempts].reverse().find((a) => a.outcome === 'accept' || a.outcome === 'voicemail');
    const reported = answered ?? attempts.at(-1);
    const talkSeconds = bridged ? session.settings.talkSeconds : 0;
    session.seconds += talkSeconds;
    const result: Record<string, string> = {
      DialCallStatus: dialCallStatus(attempts),
      DialCallSid: reported?.callSid ?? '',
      DialCallDuration: String(answered ? answered.answeredSeconds + talkSeconds : 0),
      DialBridged: bridged ? 'true' : 'false',
    };
    const recordingSid = newSid('RE');
    const recording =
      bridged && isRecorded(dial)
        ? {
            RecordingSid: recordingSid,
            RecordingUrl: session.recordingUrl(recordingSid),
            RecordingDuration: String(talkSeconds),
          }
        : null;
    const action = dial.attributes.action;
    // Without an action, Twilio goes on with the verb after the <Dial>.
    const next: VerbResult = action
      ? await context.follow(action, dial, { ...result, ...recording })
      : { next: 'continue' };
    const callback = dial.attributes.recordingStatusCallback;
    if (recording && callback && recordingEvents(dial.attributes).includes('completed')) {
      await session.notify(session.pathOf(callback, context.documentPath), {
        ...recording,
        RecordingStatus: 'completed',
        CallSid: session.settings.callSid,
        AccountSid: session.settings.accountSid,
      });
    }
    return next;
  };
}
