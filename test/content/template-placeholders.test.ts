import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError } from '../../src/content/content.errors';
import {
  buildTemplates,
  loadTemplates,
  PLACE_TEMPLATE_NAMES,
  TEMPLATE_NAMES,
  TEMPLATE_PLACEHOLDERS,
} from '../../src/content/templates';
import { validateContent } from '../../src/content/validate';
import { runCli } from '../helpers/server-process';

const FLOWS = path.resolve(__dirname, '../../flows');
const dirs: string[] = [];

/** A copy of the shipped flows/ with one template's text in one language replaced. */
function flowsWith(name: string, language: 'zh-CN' | 'en', text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-flows-'));
  dirs.push(dir);
  for (const file of fs.readdirSync(FLOWS)) fs.copyFileSync(path.join(FLOWS, file), path.join(dir, file));
  const file = path.join(dir, 'sms-templates.json');
  const templates = JSON.parse(fs.readFileSync(file, 'utf8'));
  templates[name][language] = text;
  fs.writeFileSync(file, JSON.stringify(templates, null, 2));
  return dir;
}

function failureOf(check: () => unknown): Error {
  try {
    check();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SMS templates may use only the placeholders the code fills', () => {
  it('the shipped templates pass', () => {
    expect(() => validateContent(FLOWS)).not.toThrow();
  });

  it('every template the code uses declares its placeholders', () => {
    expect(Object.keys(TEMPLATE_PLACEHOLDERS).sort()).toEqual(
      [...TEMPLATE_NAMES, ...PLACE_TEMPLATE_NAMES].sort(),
    );
  });

  it.each([
    ['en' as const, 'Received, reference {reff}. We will reply within {hours} hours.', '{reff}'],
    ['zh-CN' as const, '已受理，编号{ref}，{hour}小时内答复。', '{hour}'],
  ])(
    'flows check refuses a typo in the %s receipt with one line naming the file, template, language and placeholder',
    (language, text, typo) => {
      const dir = flowsWith('receipt', language, text);
      const error = failureOf(() => validateContent(dir));
      expect(error).toBeInstanceOf(ContentError);
      expect(error.message).toBe(
        `${dir}/sms-templates.json: template "receipt" (${language}) uses ${typo}, which the hotline never fills; it may use {hours}, {ref}`,
      );
    },
  );

  it('a template with no placeholders refuses any', () => {
    const dir = flowsWith('help', 'en', 'Text STATUS {ref} to check a case.');
    expect(failureOf(() => loadTemplates(dir)).message).toBe(
      `${dir}/sms-templates.json: template "help" (en) uses {ref}, which the hotline never fills; it may use none`,
    );
  });

  it('status and channel names take no placeholders either', () => {
    const dir = flowsWith('status.resolved', 'en', 'resolved by {name}');
    expect(failureOf(() => loadTemplates(dir)).message).toContain(
      'template "status.resolved" (en) uses {name}',
    );
  });

  it('`dutyline flows check` prints that one line on stderr and exits 1', async () => {
    const dir = flowsWith('result', 'en', 'Case {ref}: {reslt}');
    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toBe(
      `${dir}/sms-templates.json: template "result" (en) uses {reslt}, which the hotline never fills; it may use {ref}, {result}\n`,
    );
  });
});

describe('rendering a template', () => {
  const templates = buildTemplates({
    ...Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, { 'zh-CN': '', en: '' }])),
    receipt: { 'zh-CN': '已受理，编号{ref}。', en: 'Received, reference {ref}, reply within {hours} hours.' },
  });

  it('fills every placeholder it is given', () => {
    expect(templates.render('receipt', 'en', { ref: '12345674', hours: 24 })).toBe(
      'Received, reference 12345674, reply within 24 hours.',
    );
  });

  it('refuses to render with a value missing, rather than texting "{hours}" to a citizen', () => {
    expect(() => templates.render('receipt', 'en', { ref: '12345674' })).toThrow(
      'template "receipt" (en) needs {hours}, which was not given',
    );
  });
});
