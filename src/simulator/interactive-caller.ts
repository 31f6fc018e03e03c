import { createInterface } from 'node:readline';
import { maskPhone } from '../shared/phone';
import type { CallerAction, CallerScript, DialOutcome } from './caller-script';
import { gatherInputs } from './gather-verb';

export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/** Asks until `parse` accepts the answer; null once the terminal is closed (Ctrl-C or end of input). */
export type Ask = <T>(question: string, parse: (answer: string) => T | undefined) => Promise<T | null>;

/**
 * Reads answers line by line. Lines are queued rather than read with question(), because piped
 * input (`printf '1\n20\n' | dutyline simulate call …`) arrives before the questions are asked.
 */
export function createTerminalAsk(terminal: Terminal): { ask: Ask; close(): void } {
  const tty = terminal.input.isTTY === true;
  // In terminal mode readline edits and echoes the line, and turns Ctrl-C into a SIGINT event.
  const rl = createInterface({ input: terminal.input, output: terminal.output, terminal: tty });
  const lines: string[] = [];
  let closed = false;
  let waiting: ((line: string | null) => void) | null = null;
  rl.on('line', (line) => {
    if (waiting) waiting(line);
    else lines.push(line);
    waiting = null;
  });
  rl.on('close', () => {
    closed = true;
    waiting?.(null);
    waiting = null;
  });
  // Ctrl-C is the caller hanging up: the final status callback still goes out.
  rl.on('SIGINT', () => rl.close());
  const nextLine = (): Promise<string | null> => {
    if (lines.length > 0) return Promise.resolve(lines.shift() ?? null);
    if (closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      waiting = resolve;
    });
  };
  const showQuestion = (question: string) => {
    if (!tty || closed) {
      terminal.output.write(question);
      return;
    }
    // Through readline, so that editing the answer redraws the question too.
    rl.setPrompt(question);
    rl.prompt();
  };
  const ask: Ask = async (question, parse) => {
    while (!closed || lines.length > 0) {
      showQuestion(question);
      const line = await nextLine();
      if (line === null) return null;
      // A terminal echoes what was typed; piped answers would otherwise be invisible.
      if (!tty) terminal.output.write(`${line}\n`);
      const parsed = parse(line.trim());
      if (parsed !== undefined) return parsed;
    }
    return null;
  };
  return { ask, close: () => rl.close() };
}

function parseKeys(answer: string): CallerAction | undefined {
  if (answer === '') return { silence: true };
  if (answer === 'h') return { hangup: true };
  return /^[0-9*#]+$/.test(answer) ? { press: answer } : undefined;
}

/** Typed words are what the recogniser heard; at a Gather that also takes keys, digits are keys. */
function parseSpeech(takesKeys: boolean) {
  return (answer: string): CallerAction | undefined => {
    if (answer === '') return { silence: true };
    if (answer === 'h') return { hangup: true };
    if (takesKeys && /^[0-9*#]+$/.test(answer)) return { press: answer };
    return { say: answer };
  };
}

function askAtGather(ask: Ask, attributes: Record<string, string>) {
  const takes = gatherInputs(attributes);
  if (!takes.speech) return ask('keys (enter for silence, h to hang up)> ', parseKeys);
  if (!takes.dtmf) return ask('say (type the words, enter for silence, h to hang up)> ', parseSpeech(false));
  return ask(
    'say or press keys (type the words or keys, enter for silence, h to hang up)> ',
    parseSpeech(true),
  );
}

/** `20` records 20 s and presses #; `20h` records 20 s and hangs up instead. */
function parseRecording(answer: string): CallerAction | undefined {
  if (answer === '') return { silence: true };
  if (answer === 'h') return { hangup: true };
  const match = /^(\d{1,4})(h?)$/.exec(answer);
  if (!match) return undefined;
  return { record: { seconds: Number(match[1]), hangup: match[2] === 'h' } };
}

const DIAL_KEYS: Record<string, DialOutcome> = {
  a: 'accept',
  d: 'voicemail',
  v: 'voicemail',
  n: 'no-answer',
  b: 'busy',
};

/**
 * A person at a terminal plays the caller and every staff phone the hotline rings. `whoIs` names
 * the staff member a number belongs to, so the person knows whose phone they are answering.
 */
export function createInteractiveCaller(
  ask: Ask,
  print: (line: string) => void,
  whoIs: (phone: string) => Promise<string | undefined> = async () => undefined,
): CallerScript {
  return {
    async nextCallerAction(context) {
      const answer =
        context.verb === 'Gather'
          ? await askAtGather(ask, context.attributes)
          : await ask('your message length in seconds (enter for silence, h to hang up)> ', parseRecording);
      return answer ?? { hangup: true };
    },
    async dialOutcome(phone) {
      const name = await whoIs(phone);
      print(`📞 the hotline rings ${name ? `${name}, ` : ''}${maskPhone(phone)}`);
      const question = `as them: (a)nswer and press 1 to accept / (d)ecline / (v)oicemail / (n)o answer / (b)usy > `;
      return (await ask(question, (answer) => DIAL_KEYS[answer])) ?? 'no-answer';
    },
    hear(line, leg) {
      print(
        leg === 'caller'
          ? `🔊 [${line.language}] ${line.say}`
          : `   📟 staff hears [${line.language}] ${line.say}`,
      );
    },
  };
}
