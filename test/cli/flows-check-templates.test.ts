import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError } from '../../src/content/content.errors';
import { validateContent } from '../../src/content/validate';
import { runCli } from '../helpers/server-process';

const FLOWS = path.resolve(__dirname, '../../flows');
const dirs: string[] = [];

/** A copy of the shipped flows/ with some templates' texts replaced. */
function flowsWith(changes: Record<string, Partial<Record<'zh-CN' | 'en', string>>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-flows-'));
  dirs.push(dir);
  for (const file of fs.readdirSync(FLOWS)) fs.copyFileSync(path.join(FLOWS, file), path.join(dir, file));
  const file = path.join(dir, 'sms-templates.json');
  const templates = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const [name, texts] of Object.entries(changes)) templates[name] = { ...templates[name], ...texts };
  fs.writeFileSync(file, JSON.stringify(templates, null, 2));
  return dir;
}

const lines = (text: string) => text.split('\n').filter(Boolean);

afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('`dutyline flows check` and the SMS templates', () => {
  it('refuses a template with a link: one line on stderr naming the file, template, language and link, exit 1', async () => {
    const dir = flowsWith({ result: { en: 'Case {ref} result: {result} More at gov.cn/hotline' } });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });

    expect(checked).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${dir}/sms-templates.json: template "result" (en) contains a link, "gov.cn/hotline"; SMS to mainland China may carry no links, so no template may\n`,
    });
  });

  it('refuses a link in a mainland-China template (cn.<name>) too, written with full-width dots', async () => {
    const dir = flowsWith({
      'cn.result': {
        'zh-CN': '案件{ref}办理结果：{result}，详见ｗｗｗ．１２３４５．ｇｏｖ．ｃｎ',
        en: 'Case {ref} result: {result}',
      },
    });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });

    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toBe(
      `${dir}/sms-templates.json: template "cn.result" (zh-CN) contains a link, "ｗｗｗ．１２３４５．ｇｏｖ．ｃｎ"; SMS to mainland China may carry no links, so no template may\n`,
    );
  });

  it('the server refuses to start on such a file as well, since it loads the templates the same way', () => {
    const dir = flowsWith({ help: { 'zh-CN': '市民热线：https://12345.example.cn' } });
    expect(() => validateContent(dir)).toThrow(ContentError);
    expect(() => validateContent(dir)).toThrow(
      'template "help" (zh-CN) contains a link, "https://12345.example.cn"',
    );
  });

  it('refuses a placeholder the hotline never fills, so "{reff}" is never texted to a citizen', async () => {
    const dir = flowsWith({ receipt: { en: 'Received, ref {reff}. We answer within {hours}h.' } });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });

    expect(checked).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${dir}/sms-templates.json: template "receipt" (en) uses {reff}, which the hotline never fills; it may use {hours}, {ref}\n`,
    });
  });

  it('in mainland China, warns on a template that can outgrow what a carrier takes, names the values assumed, and still exits 0', async () => {
    const dir = flowsWith({
      urgentAlert: { 'zh-CN': `紧急案件{ref}（{category}）：{summary}${'请立即处理。'.repeat(80)}` },
    });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir, HOTLINE_REGION: 'cn' });

    expect(checked.code).toBe(0);
    expect(lines(checked.stdout)).toContain(`${dir}/sms-templates.json: ok`);
    const warning = lines(checked.stderr).find((line) => line.includes('template "urgentAlert" (zh-CN)'));
    expect(warning).toBe(
      `warning: ${dir}/sms-templates.json: template "urgentAlert" (zh-CN) can reach 531 characters in 8 UCS-2 segments ` +
        'with {ref}=11111111, {category}=工作人员作风, {summary}=30 typed characters; ' +
        'a carrier in mainland China takes at most 500 characters and 8 segments',
    );
    // The shipped English text of the same template stays short, so it is not named.
    expect(checked.stderr).not.toContain('template "urgentAlert" (en)');
  });

  it('in the default region, where Twilio carries long texts, says nothing about length', async () => {
    const dir = flowsWith({
      urgentAlert: { 'zh-CN': `紧急案件{ref}（{category}）：{summary}${'请立即处理。'.repeat(80)}` },
    });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });

    expect(checked).toMatchObject({ code: 0, stderr: '' });
  });
});
