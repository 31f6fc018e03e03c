/** What the caller heard from one <Say>. */
export interface HeardLine {
  say: string;
  language: string;
}

/**
 * One caller move at an input point. For `press`, digits after the Gather's finishOnKey are dropped
 * and the key itself is not sent, as Twilio does: `{ press: '12345678#' }` posts Digits=12345678.
 * `say` is what the speech recogniser heard, posted as SpeechResult with its Confidence (0–1).
 */
export type CallerAction =
  | { press: string }
  | { say: string; confidence?: number }
  | { silence: true }
  | { record: { seconds: number; hangup?: boolean } }
  | { hangup: true };

/** How a dialed <Number> behaves. A voicemail answers but never presses a key. */
export type DialOutcome = 'accept' | 'voicemail' | 'no-answer' | 'busy' | 'failed';

/** Where the call waits for the caller, and what it said since the last input. */
export interface InputContext {
  verb: 'Gather' | 'Record';
  attributes: Record<string, string>;
  heard: HeardLine[];
}

export type Leg = 'caller' | 'staff';

/** The person on the phone: a scripted one for tests, an interactive one for the CLI. */
export interface CallerScript {
  nextCallerAction(context: InputContext): CallerAction | Promise<CallerAction>;
  dialOutcome(phone: string): DialOutcome | Promise<DialOutcome>;
  /** Called as each <Say> is heard, on the caller's leg or on a staff member's whisper leg. */
  hear?(line: HeardLine, leg: Leg): void;
}

export interface CallScript {
  actions: CallerAction[];
  /** Phone → outcome; a number not listed does not answer. */
  dial?: Record<string, DialOutcome>;
}

/**
 * Plays a fixed script. When it runs out, the caller stays silent, which is what a real caller
 * who put the phone down without hanging up does; the driver's request cap stops any loop.
 */
export function scriptedCaller(script: CallScript): CallerScript & { remaining(): CallerAction[] } {
  const actions = [...script.actions];
  return {
    nextCallerAction: () => actions.shift() ?? { silence: true },
    dialOutcome: (phone) => script.dial?.[phone] ?? 'no-answer',
    remaining: () => [...actions],
  };
}
