import { CallSession, type DriverRequest, newSid, type PostForm } from './call-session';
import type { CallerScript, HeardLine } from './caller-script';
import { createDialHandler, type DialedNumber } from './dial-verb';
import { createStatusCallbacks, type StatusCallbackDelivery } from './status-callbacks';
import { type CallLeg, walkLeg } from './twiml-walker';

export interface PlayCallOptions {
  post: PostForm;
  /** The server's PUBLIC_BASE_URL: TwiML URLs start with it, and it is stripped to get the path. */
  baseUrl: string;
  from: string;
  /** The hotline number that was called. */
  to: string;
  caller: CallerScript;
  accountSid?: string;
  callSid?: string;
  /** Wall-clock time of the simulated clock's zero, for Timestamp. */
  startedAt?: Date;
  /** Where RecordingUrls point, e.g. a fake Twilio's base URL; default https://api.twilio.com. */
  recordingBaseUrl?: string;
  voicePath?: string;
  statusPath?: string;
  statusCallbacks?: StatusCallbackDelivery;
  /** TwiML requests allowed before the call counts as a loop. */
  maxRequests?: number;
  /** How long a bridged caller talks with staff. */
  talkSeconds?: number;
}

export interface CallResult {
  callSid: string;
  /** What the caller heard, in order. */
  transcript: HeardLine[];
  /** Every request the driver made, status and recording callbacks included. */
  requests: DriverRequest[];
  dialed: DialedNumber[];
  ended: 'hangup' | 'caller-hangup';
  durationSeconds: number;
}

/** Plays one inbound call against a Dutyline server the way Twilio would, from ring to final status callback. */
export async function playCall(options: PlayCallOptions): Promise<CallResult> {
  const session = new CallSession({
    post: options.post,
    baseUrl: options.baseUrl,
    callSid: options.callSid ?? newSid('CA'),
    accountSid: options.accountSid ?? `AC${'0'.repeat(32)}`,
    startedAt: options.startedAt ?? new Date(),
    recordingBaseUrl: options.recordingBaseUrl ?? 'https://api.twilio.com',
    talkSeconds: options.talkSeconds ?? 60,
    maxRequests: options.maxRequests ?? 50,
  });
  const { caller } = options;
  const callParams = {
    CallSid: session.settings.callSid,
    AccountSid: session.settings.accountSid,
    From: options.from,
    To: options.to,
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
  const dialed: DialedNumber[] = [];
  const callerLeg: CallLeg = {
    name: 'caller',
    params: { ...callParams, CallStatus: 'in-progress' },
    input: async (context) => caller.nextCallerAction(context),
    hear(line) {
      session.transcript.push(line);
      caller.hear?.(line, 'caller');
    },
    dial: createDialHandler(caller, dialed),
  };
  const status = createStatusCallbacks(
    session,
    options.statusPath ?? '/twilio/voice/status',
    callParams,
    options.statusCallbacks ?? {},
  );

  const voicePath = options.voicePath ?? '/twilio/voice';
  const response = await session.fetchTwiml(voicePath, { ...callParams, CallStatus: 'ringing' });
  await status.answered();
  const end = await walkLeg(session, callerLeg, { path: voicePath, response });
  await status.completed();
  return {
    callSid: session.settings.callSid,
    transcript: session.transcript,
    requests: session.requests,
    dialed,
    ended: end === 'caller-hangup' ? 'caller-hangup' : 'hangup',
    durationSeconds: session.seconds,
  };
}
