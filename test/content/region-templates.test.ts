import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError } from '../../src/content/content.errors';
import {
  loadTemplates,
  PLACE_TEMPLATE_NAMES,
  REPLY_INVITING_TEMPLATES,
  TEMPLATE_NAMES,
  TEMPLATE_PLACEHOLDERS,
  type Templates,
} from '../../src/content/templates';
import { validateContent } from '../../src/content/validate';
import type { Language } from '../../src/staff/staff.models';
import { runCli } from '../helpers/server-process';
import { findReplyInstructions } from '../sms/reply-instructions';

const FLOWS = path.resolve(__dirname, '../../flows');
const LANGUAGES: Language[] = ['zh-CN', 'en'];
const dirs: string[] = [];

/** A copy of the shipped flows/ with its templates changed by `edit`. */
function flowsWith(edit: (templates: Record<string, unknown>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-flows-'));
  dirs.push(dir);
  for (const file of fs.readdirSync(FLOWS)) fs.copyFileSync(path.join(FLOWS, file), path.join(dir, file));
  const file = path.join(dir, 'sms-templates.json');
  const templates = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(templates);
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

const ALL_NAMES = [...TEMPLATE_NAMES, ...PLACE_TEMPLATE_NAMES];
// Sent only to someone who texted HELP: an answer to a text, which `cn` does not expect.
const ANSWERS_TO_HELP = ['help', 'staffHelp'];

function renderEvery(templates: Templates, language: Language): Map<string, string> {
  const texts = new Map<string, string>();
  for (const name of ALL_NAMES) {
    const vars = Object.fromEntries(TEMPLATE_PLACEHOLDERS[name].map((key) => [key, 'x']));
    texts.set(name, templates.render(name, language, { ...vars, ref: '12345674' }));
  }
  return texts;
}

function namesAskingForReplies(templates: Templates, language: Language): string[] {
  return [...renderEvery(templates, language)]
    .filter(([name, text]) => !ANSWERS_TO_HELP.includes(name) && findReplyInstructions(text).length > 0)
    .map(([name]) => name);
}

describe('SMS texts in mainland China (HOTLINE_REGION=cn) ask for no reply', () => {
  it.each(LANGUAGES)('no text the hotline sends unprompted asks for an SMS back (%s)', (language) => {
    const texts = renderEvery(loadTemplates(FLOWS, 'cn'), language);
    const asking = [...texts]
      .filter(([name]) => !ANSWERS_TO_HELP.includes(name))
      .map(([name, text]) => ({ name, instructions: findReplyInstructions(text) }))
      .filter((found) => found.instructions.length > 0);
    expect(asking).toEqual([]);
  });

  it.each(LANGUAGES)(
    'the two-way texts that ask for a reply are all listed as needing a cn text (%s)',
    (language) => {
      const asking = namesAskingForReplies(loadTemplates(FLOWS, 'default'), language);
      // The check can fail: the shipped two-way receipt and officer alert do ask for replies.
      expect(asking).toEqual(expect.arrayContaining(['receipt', 'officerAlert', 'satisfactionQuestion']));
      expect(REPLY_INVITING_TEMPLATES).toEqual(expect.arrayContaining(asking));
    },
  );

  it('a citizen reads the receipt and the result with the reference, and knows a call will ask about satisfaction', () => {
    const templates = loadTemplates(FLOWS, 'cn');
    expect(templates.render('receipt', 'zh-CN', { ref: '12345674', hours: 24 })).toBe(
      '市民热线已受理，编号12345674，24小时内答复。补充情况或查询进度请致电热线并告知编号。',
    );
    expect(templates.render('result', 'zh-CN', { ref: '12345674', result: '路灯已修复。' })).toBe(
      '案件12345674办理结果：路灯已修复。（热线将来电询问您是否满意）',
    );
    expect(templates.render('result', 'en', { ref: '12345674', result: 'The lamp is fixed.' })).toBe(
      'Case 12345674 result: The lamp is fixed. (The hotline will call to ask whether you are satisfied.)',
    );
  });

  it('an officer is sent to the "My cases" page of the duty console, with no web address', () => {
    const templates = loadTemplates(FLOWS, 'cn');
    const vars = { ref: '12345674', channel: '电话', phone: '+8613912345678', summary: '路灯不亮' };
    const alert = templates.render('officerAlert', 'zh-CN', vars);
    expect(alert).toBe('新案件12345674（电话）+8613912345678：路灯不亮 请在值班工作台「我的案件」处理。');
    expect(templates.render('officerAlert', 'en', vars)).toContain('"My cases" on the duty console');
    for (const text of renderEvery(templates, 'en').values()) expect(text).not.toMatch(/https?:|www\./);
  });

  it('a text with no cn version reads as in any other region', () => {
    const templates = loadTemplates(FLOWS, 'cn');
    expect(templates.render('statusOnly', 'en', { ref: '12345674', status: 'received' })).toBe(
      'Case 12345674: received.',
    );
  });

  it('the default region renders exactly the two-way texts, whatever cn texts the file has', () => {
    const templates = loadTemplates(FLOWS);
    expect(templates.render('receipt', 'en', { ref: '12345674', hours: 24 })).toBe(
      'Hotline: complaint received, ref 12345674. We answer within 24h. Text STATUS 12345674 to check; reply within 30 min to add details.',
    );
    expect(
      templates.render('officerAlert', 'zh-CN', { ref: '1', channel: '电话', phone: 'p', summary: 's' }),
    ).toBe('新案件1（电话）p：s 回复“收到 1”确认');
  });
});

describe('loading the cn texts', () => {
  it('refuses, in cn, a file whose reply-inviting template lacks its cn text', () => {
    const dir = flowsWith((templates) => {
      delete templates['cn.officerAlert'];
    });
    const error = failureOf(() => loadTemplates(dir, 'cn'));
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toBe(
      `${dir}/sms-templates.json: template "officerAlert" asks for a reply, but SMS is one-way in HOTLINE_REGION=cn: add "cn.officerAlert" in both languages`,
    );
    // A two-way bureau needs no cn texts at all.
    expect(() => loadTemplates(dir)).not.toThrow();
  });

  it('refuses a cn text for a template that does not exist, in any region', () => {
    const dir = flowsWith((templates) => {
      templates['cn.reciept'] = { 'zh-CN': '已受理，编号{ref}。', en: 'Received, ref {ref}.' };
    });
    expect(failureOf(() => loadTemplates(dir)).message).toBe(
      `${dir}/sms-templates.json: template "cn.reciept" is the cn text of "reciept", which is not a template`,
    );
  });

  it('lets a cn text use only the placeholders of its template', () => {
    const dir = flowsWith((templates) => {
      templates['cn.receipt'] = { 'zh-CN': '已受理，编号{ref}，来电{phone}。', en: 'Received, ref {ref}.' };
    });
    expect(failureOf(() => loadTemplates(dir, 'cn')).message).toBe(
      `${dir}/sms-templates.json: template "cn.receipt" (zh-CN) uses {phone}, which the hotline never fills; it may use {hours}, {ref}`,
    );
  });

  it('`dutyline flows check` in cn names the missing cn text on stderr and exits 1', async () => {
    const dir = flowsWith((templates) => {
      delete templates['cn.receipt'];
    });
    expect(() => validateContent(dir)).not.toThrow();
    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir, HOTLINE_REGION: 'cn' });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toBe(
      `${dir}/sms-templates.json: template "receipt" asks for a reply, but SMS is one-way in HOTLINE_REGION=cn: add "cn.receipt" in both languages\n`,
    );
  });
});
