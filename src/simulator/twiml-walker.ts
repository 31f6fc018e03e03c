import type { CallSession } from './call-session';
import type { CallerAction, HeardLine, InputContext } from './caller-script';
import { runGather } from './gather-verb';
import { runRecord } from './record-verb';
import type { TwimlNode } from './twiml-tree';

export interface TwimlDocument {
  /** The path+query that answered it: a Gather or Record without action posts back here. */
  path: string;
  response: TwimlNode;
}

export type VerbResult =
  | { next: 'continue' }
  | { next: 'document'; document: TwimlDocument }
  | { next: 'hangup' }
  | { next: 'caller-hangup' };

/** How a leg's TwiML ended: `end-of-twiml` on a whisper leg means the call is bridged. */
export type LegEnd = 'hangup' | 'end-of-twiml' | 'caller-hangup';

/** One side of the call as Twilio runs it: the caller's inbound leg or a staff member's whisper leg. */
export interface CallLeg {
  name: 'caller' | 'staff';
  /** Twilio repeats the call's parameters on every request of a leg. */
  params: Record<string, string>;
  input(context: InputContext): Promise<CallerAction>;
  hear(line: HeardLine): void;
  dial?(dial: TwimlNode, context: VerbContext): Promise<VerbResult>;
}

export interface VerbContext {
  session: CallSession;
  leg: CallLeg;
  documentPath: string;
  hear(node: TwimlNode): void;
  input(verb: InputContext['verb'], attributes: Record<string, string>): Promise<CallerAction>;
  /** Posts to a URL from the TwiML and returns what Twilio would run next. */
  follow(url: string | undefined, node: TwimlNode, extra: Record<string, string>): Promise<VerbResult>;
}

/** Simulated speaking time: about 15 characters a second, at least a second. */
function sayingSeconds(text: string): number {
  return Math.max(1, Math.ceil(text.length / 15));
}

/** What the leg heard since its last input, across documents, for the script's context. */
interface PendingHeard {
  lines: HeardLine[];
}

function createVerbContext(
  session: CallSession,
  leg: CallLeg,
  documentPath: string,
  pending: PendingHeard,
): VerbContext {
  return {
    session,
    leg,
    documentPath,
    hear(node) {
      const line = { say: node.text, language: node.attributes.language ?? 'en-US' };
      pending.lines.push(line);
      leg.hear(line);
      session.seconds += sayingSeconds(node.text);
    },
    async input(verb, attributes) {
      const action = await leg.input({ verb, attributes, heard: pending.lines });
      pending.lines = [];
      return action;
    },
    async follow(url, node, extra) {
      // Only POST is simulated; Dutyline writes no GET callbacks, so one here is a mistake.
      if (node.attributes.method && node.attributes.method.toUpperCase() !== 'POST') {
        session.fail(`<${node.name}> uses method=${node.attributes.method}; the driver only posts`);
      }
      // Without a URL, Twilio requests the current document again.
      const path = url ? session.pathOf(url, documentPath) : documentPath;
      const response = await session.fetchTwiml(path, { ...leg.params, ...extra });
      return { next: 'document', document: { path, response } };
    },
  };
}

async function runVerb(verb: TwimlNode, context: VerbContext): Promise<VerbResult> {
  const { session, leg } = context;
  switch (verb.name) {
    case 'Say':
      context.hear(verb);
      return { next: 'continue' };
    case 'Pause':
      session.seconds += Number(verb.attributes.length ?? 1);
      return { next: 'continue' };
    case 'Play':
      session.seconds += 1;
      return { next: 'continue' };
    case 'Gather':
      return runGather(verb, context);
    case 'Record':
      return runRecord(verb, context);
    case 'Redirect':
      return context.follow(verb.text, verb, {});
    case 'Hangup':
      return { next: 'hangup' };
    case 'Dial':
      if (!leg.dial) return session.fail(`<Dial> on the ${leg.name} leg is not simulated`);
      return leg.dial(verb, context);
    default:
      return session.fail(`<${verb.name}> is not simulated by the call driver`);
  }
}

/** Runs a leg's TwiML verb by verb, following every new document, until the leg ends. */
export async function walkLeg(session: CallSession, leg: CallLeg, first: TwimlDocument): Promise<LegEnd> {
  const pending: PendingHeard = { lines: [] };
  let document = first;
  let context = createVerbContext(session, leg, document.path, pending);
  let index = 0;
  while (index < document.response.children.length) {
    const result = await runVerb(document.response.children[index], context);
    if (result.next === 'hangup' || result.next === 'caller-hangup') return result.next;
    if (result.next === 'document') {
      document = result.document;
      context = createVerbContext(session, leg, document.path, pending);
      index = 0;
    } else {
      index += 1;
    }
  }
  // Twilio hangs up when the TwiML runs out (on a whisper leg, that bridges the call instead).
  return 'end-of-twiml';
}
