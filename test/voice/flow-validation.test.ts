import fs from 'node:fs';
import path from 'node:path';
import { ContentError } from '../../src/content/content.errors';
import { validateContent } from '../../src/content/validate';
import { loadFlow, parseFlow } from '../../src/voice/flow.load';
import {
  killServerProcesses,
  MAIN_ARGS,
  makeTempDir,
  ROOT,
  removeTempDirs,
  runCli,
  runCommand,
} from '../helpers/server-process';

const FLOWS = path.join(ROOT, 'flows');
const FILE = 'flows/voice-flow.json';

// biome-ignore lint/suspicious/noExplicitAny: a flow is edited as raw JSON, the way a bureau edits it
type RawFlow = any;

function defaultFlow(): RawFlow {
  return JSON.parse(fs.readFileSync(path.join(FLOWS, 'voice-flow.json'), 'utf8'));
}

/** The default flow with one edit, parsed: returns the one-line error it fails with. */
function errorFor(edit: (flow: RawFlow) => void): string {
  const flow = defaultFlow();
  edit(flow);
  try {
    parseFlow(flow, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the edited flow was accepted');
}

/** A copy of flows/ in a temp directory, with voice-flow.json replaced by `voiceFlow` if given. */
function copyFlows(voiceFlow?: string): string {
  const dir = path.join(makeTempDir(), 'flows');
  fs.cpSync(FLOWS, dir, { recursive: true });
  if (voiceFlow !== undefined) fs.writeFileSync(path.join(dir, 'voice-flow.json'), voiceFlow);
  return dir;
}

function brokenFlowText(): string {
  const flow = defaultFlow();
  flow.states.menu.transitions['1'] = 'complain';
  return JSON.stringify(flow, null, 2);
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

afterEach(async () => {
  await killServerProcesses();
});

afterAll(() => {
  removeTempDirs();
});

describe('the default flow', () => {
  it('loads from flows/, starting at the greeting, with every state of §5', () => {
    const flow = loadFlow(FLOWS);

    expect(flow.initial).toBe('greeting');
    expect(
      Object.fromEntries(Object.entries(flow.states).map(([name, state]) => [name, state.type])),
    ).toEqual({
      greeting: 'say',
      menu: 'menu',
      switch_language: 'switch-language',
      category: 'category-menu',
      street: 'place-question',
      record_complaint: 'record',
      receipt: 'case-receipt',
      status_reference: 'reference-entry',
      status_answer: 'case-status',
      duty_officer: 'dial-hunt',
      officer_unavailable: 'say',
      goodbye: 'hangup',
    });
    expect(flow.voices).toEqual({
      'zh-CN': { voice: 'Polly.Zhiyu-Neural', language: 'cmn-CN' },
      en: { voice: 'Polly.Joanna-Neural', language: 'en-US' },
    });
  });

  it('passes the whole content check, which names each file it checked', () => {
    const dir = copyFlows();

    expect(validateContent(dir)).toEqual([
      path.join(dir, 'categories.json'),
      path.join(dir, 'sms-keywords.json'),
      path.join(dir, 'sms-templates.json'),
      path.join(dir, 'voice-flow.json'),
      path.join(dir, 'places.json'),
    ]);
  });
});

describe('a broken flow is rejected with one precise line', () => {
  it('a transition to a missing state names the file, the state, the transition and the target', () => {
    expect(
      errorFor((flow) => {
        flow.states.menu.transitions['1'] = 'complain';
      }),
    ).toBe('flows/voice-flow.json: state "menu": transition "1" goes to "complain", which does not exist');
  });

  it('a prompt missing in one language names the state and the language', () => {
    expect(
      errorFor((flow) => {
        delete flow.states.greeting.properties.prompt.en;
      }),
    ).toBe('flows/voice-flow.json: state "greeting": properties.prompt.en: the en text is missing');
    expect(
      errorFor((flow) => {
        delete flow.states.duty_officer.properties.whisper['zh-CN'];
      }),
    ).toBe(
      'flows/voice-flow.json: state "duty_officer": properties.whisper.zh-CN: the zh-CN text is missing',
    );
  });

  it('a blank prompt counts as missing', () => {
    expect(
      errorFor((flow) => {
        flow.states.goodbye.properties.prompt.en = '   ';
      }),
    ).toBe('flows/voice-flow.json: state "goodbye": properties.prompt.en: the en text is empty');
  });

  it('an unknown type names the state and the type, and lists the known ones', () => {
    expect(
      errorFor((flow) => {
        flow.states.greeting.type = 'play';
      }),
    ).toBe(
      'flows/voice-flow.json: state "greeting": unknown type "play" (known: say, switch-language, menu, ' +
        'category-menu, place-question, record, case-receipt, reference-entry, case-status, dial-hunt, hangup)',
    );
  });

  it('a menu without a noInput transition is rejected, so silence can never end a call', () => {
    expect(
      errorFor((flow) => {
        delete flow.states.menu.transitions.noInput;
      }),
    ).toBe(
      'flows/voice-flow.json: state "menu": transitions: needs a "noInput" transition, so silence never ends a call',
    );
  });

  it('a menu key that is not a phone key is rejected', () => {
    expect(
      errorFor((flow) => {
        flow.states.menu.transitions.x = 'menu';
      }),
    ).toBe(
      'flows/voice-flow.json: state "menu": transitions: keys are single digits, * or #, plus "noInput" and "invalid"',
    );
  });

  it('an initial state that does not exist', () => {
    expect(
      errorFor((flow) => {
        flow.initial = 'welcome';
      }),
    ).toBe('flows/voice-flow.json: initial state "welcome" does not exist');
  });

  it('a state name a URL could not carry names the state', () => {
    expect(
      errorFor((flow) => {
        flow.states.Goodbye = flow.states.goodbye;
      }),
    ).toBe(
      'flows/voice-flow.json: state "Goodbye": a state name is lowercase letters, digits and _, starting with a letter',
    );
  });

  it('a misspelt property names the state and the key', () => {
    expect(
      errorFor((flow) => {
        flow.states.goodbye.transition = {};
      }),
    ).toBe('flows/voice-flow.json: state "goodbye": Unrecognized key: "transition"');
  });

  it('malformed JSON names the file and where the parser stopped', () => {
    const dir = copyFlows('{ "initial": "greeting", }');
    const file = path.join(dir, 'voice-flow.json');

    expect(() => loadFlow(dir)).toThrow(ContentError);
    // Node 22 adds "(line 1 column 26)" to the parser's message.
    expect(() => loadFlow(dir)).toThrow(
      `${file}: Expected double-quoted property name in JSON at position 25`,
    );
  });

  it('a category menu needs categories with a key', () => {
    const dir = copyFlows();
    const categoriesFile = path.join(dir, 'categories.json');
    const categories = JSON.parse(fs.readFileSync(categoriesFile, 'utf8'));
    for (const category of categories.categories) delete category.key;
    fs.writeFileSync(categoriesFile, JSON.stringify(categories));

    expect(() => validateContent(dir)).toThrow(
      new ContentError(
        `${path.join(dir, 'voice-flow.json')}: state "category": no category in categories.json has a key to press`,
      ),
    );
  });

  it('a place question in a language Twilio cannot recognise is refused', () => {
    expect(
      errorFor((flow) => {
        flow.states.street.properties.speechLanguage = { 'zh-CN': 'zh-CN', en: 'en-US' };
      }),
    ).toBe(
      'flows/voice-flow.json: state "street": properties.speechLanguage.zh-CN: not a speech recognition language of Twilio <Gather> (e.g. cmn-Hans-CN, yue-Hant-HK, en-US)',
    );
  });
});

describe('dutyline flows check and npm start', () => {
  it('dutyline flows check prints each file it checked and ok', async () => {
    const dir = copyFlows();

    const result = await runCli(['flows', 'check'], {
      FLOWS_DIR: dir,
      DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'),
    });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual([
      `${dir}/categories.json: ok`,
      `${dir}/sms-keywords.json: ok`,
      `${dir}/sms-templates.json: ok`,
      `${dir}/voice-flow.json: ok`,
      `${dir}/places.json: ok`,
    ]);
  });

  it('dutyline flows check rejects a broken voice flow with exactly one line on stderr and exit code 1', async () => {
    const dir = copyFlows(brokenFlowText());

    const result = await runCli(['flows', 'check'], {
      FLOWS_DIR: dir,
      DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'),
    });

    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${dir}/voice-flow.json: state "menu": transition "1" goes to "complain", which does not exist\n`,
    });
  });

  it.each([
    { entry: 'main.ts', command: process.execPath, args: MAIN_ARGS },
    { entry: 'npm start', command: 'npm', args: ['start', '--silent'] },
  ])(
    '$entry refuses to start with a broken voice flow, says why in one line, and serves nothing',
    async ({ command, args }) => {
      const dir = copyFlows(brokenFlowText());
      const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');

      // Bounded: a server that started anyway would never exit, and runCommand fails after the timeout.
      const result = await runCommand(command, args, {
        env: { FLOWS_DIR: dir, PORT: '0', DATABASE_PATH: databasePath },
        timeoutMs: 15_000,
      });

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(lines(result.stderr)).toEqual([
        `${dir}/voice-flow.json: state "menu": transition "1" goes to "complain", which does not exist`,
      ]);
      expect(result.stdout).not.toContain('Dutyline is serving');
      // It stopped before opening the database.
      expect(fs.existsSync(databasePath)).toBe(false);
    },
  );
});
