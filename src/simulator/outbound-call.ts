import { CallSession, type DriverRequest, newSid, type PostForm } from './call-session';
import type { CallerScript, HeardLine } from './caller-script';
import { createDialHandler, type DialedNumber } from './dial-verb';
import { createStatusCallbacks, type StatusCallbackDelivery } from './status-callbacks';
import { type CallLeg, walkLeg } from './twiml-walker';

/** What the app asked Twilio to create (calls.create), as a fake Twilio received it. */
export interface OutboundCallRequest {
  sid?: string;
  /** The number rung first. */
  to: string;
  /** The number it shows (the hotline's). */
  from: string;
  /** The TwiML fetched once the call is answered. */
  url: string;
  statusCallback?: string | null;
}

/** How the called phone reacts; only an answered call fetches its TwiML. */
export type OutboundOutcome = 'answer' | 'no-answer' | 'busy' | 'failed';

export interface PlayOutboundCallOptions {
  post: PostForm;
  /** The server's PUBLIC_BASE_URL: TwiML URLs start with it, and it is stripped to get the path. */
  baseUrl: string;
  call: OutboundCallRequest;
  /** The person who answers, and how any number their TwiML dials behaves. */
  answerer: CallerScript;
  outcome?: OutboundOutcome;
  accountSid?: string;
  startedAt?: Date;
  /** Where RecordingUrls point, e.g. a fake Twilio's base URL; default https://api.twilio.com. */
  recordingBaseUrl?: string;
  statusCallbacks?: StatusCallbackDelivery;
  maxRequests?: number;
  /** How long the answerer talks with whoever a <Dial> bridges them to. */
  talkSeconds?: number;
}

export interface OutboundCallResult {
  callSid: string;
  /** What the person called heard, in order. */
  transcript: HeardLine[];
  /** Every request the driver made, status and recording callbacks included. */
  requests: DriverRequest[];
  dialed: DialedNumber[];
  durationSeconds: number;
}

/** How long an unanswered phone rings before Twilio gives up. */
const RING_SECONDS = 30;

/**
 * Plays an outbound call (calls.create) the way Twilio would: the status callbacks, and, once
 * answered, the url's TwiML with `Direction=outbound-api`, `From` the number shown, `To` the number
 * called, following any <Gather> and <Dial> to the end.
 */
export async function playOutboundCall(options: PlayOutboundCallOptions): Promise<OutboundCallResult> {
  const session = new CallSession({
    post: options.post,
    baseUrl: options.baseUrl,
    callSid: options.call.sid ?? newSid('CA'),
    accountSid: options.accountSid ?? `AC${'0'.repeat(32)}`,
    startedAt: options.startedAt ?? new Date(),
    recordingBaseUrl: options.recordingBaseUrl ?? 'https://api.twilio.com',
    talkSeconds: options.talkSeconds ?? 60,
    maxRequests: options.maxRequests ?? 50,
  });
  const callParams = {
    CallSid: session.settings.callSid,
    AccountSid: session.settings.accountSid,
    From: options.call.from,
    To: options.call.to,
    Direction: 'outbound-api',
    ApiVersion: '2010-04-01',
  };
  const { statusCallback } = options.call;
  const status = statusCallback
    ? createStatusCallbacks(
        session,
        session.pathOf(statusCallback, '/'),
        callParams,
        options.statusCallbacks ?? {},
      )
    : { answered: async () => undefined, completed: async (_status?: string) => undefined };
  const result = (): OutboundCallResult => ({
    callSid: session.settings.callSid,
    transcript: session.transcript,
    requests: session.requests,
    dialed,
    durationSeconds: session.seconds,
  });
  const dialed: DialedNumber[] = [];

  const outcome = options.outcome ?? 'answer';
  if (outcome !== 'answer') {
    session.seconds += outcome === 'no-answer' ? RING_SECONDS : 1;
    await status.completed(outcome);
    return result();
  }
  const { answerer } = options;
  // The answered phone is the call's parent leg, in the walker's terms its "caller".
  const leg: CallLeg = {
    name: 'caller',
    params: { ...callParams, CallStatus: 'in-progress' },
    input: async (context) => answerer.nextCallerAction(context),
    hear(line) {
      session.transcript.push(line);
      answerer.hear?.(line, 'caller');
    },
    dial: createDialHandler(answerer, dialed),
  };
  await status.answered();
  const path = session.pathOf(options.call.url, '/');
  const response = await session.fetchTwiml(path, leg.params);
  await walkLeg(session, leg, { path, response });
  await status.completed();
  return result();
}
