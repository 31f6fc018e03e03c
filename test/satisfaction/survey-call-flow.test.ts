import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateContent } from '../../src/content/validate';

const FLOWS = path.join(__dirname, '..', '..', 'flows');

describe('flows/survey-call.json', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-survey-flow-'));
    fs.cpSync(FLOWS, dir, { recursive: true });
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rewrite = (change: (prompts: Record<string, Record<string, string>>) => void) => {
    const file = path.join(dir, 'survey-call.json');
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(content.prompts);
    fs.writeFileSync(file, JSON.stringify(content));
  };

  it('is checked where the satisfaction question is a call (cn), and not needed elsewhere', () => {
    expect(validateContent(dir, 'cn')).toContain(path.join(dir, 'survey-call.json'));
    fs.rmSync(path.join(dir, 'survey-call.json'));
    expect(validateContent(dir, 'default')).not.toContain(path.join(dir, 'survey-call.json'));
    expect(() => validateContent(dir, 'cn')).toThrow(/survey-call\.json/);
  });

  it('says which prompt is wrong: a missing language, or a question that does not read the case out', () => {
    rewrite((prompts) => {
      delete prompts.thanksSatisfied.en;
    });
    expect(() => validateContent(dir, 'cn')).toThrow(/survey-call\.json: prompts\.thanksSatisfied\.en/);
    rewrite((prompts) => {
      prompts.thanksSatisfied.en = 'Thank you.';
      prompts.question.en = 'Are you satisfied? Press 1 or 2.';
    });
    expect(() => validateContent(dir, 'cn')).toThrow(
      /prompts\.question: must read the case out with \{digits\}/,
    );
  });
});
