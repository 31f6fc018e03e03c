import fs from 'node:fs';
import path from 'node:path';
import {
  boundOf,
  type ComplianceContent,
  describeLongTemplate,
  findLongTemplates,
} from '../../src/content/template-compliance';
import { TEMPLATE_PLACEHOLDERS } from '../../src/content/templates';

const FLOWS = path.resolve(__dirname, '../../flows');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FLOWS, file), 'utf8'));

function shippedContent(changes: ComplianceContent['texts'] = {}): ComplianceContent {
  const texts = Object.fromEntries(
    Object.entries(readJson('sms-templates.json')).filter(([, value]) => typeof value === 'object'),
  ) as ComplianceContent['texts'];
  return {
    texts: { ...texts, ...changes },
    categories: readJson('categories.json').categories,
    places: readJson('places.json').places,
  };
}

const namesOf = (content: ComplianceContent) =>
  findLongTemplates(content).map((long) => `${long.name} (${long.language})`);

describe('the longest text a template can become', () => {
  it('every placeholder the code fills has a longest value, so no template escapes the length check', () => {
    const unbounded = Object.entries(TEMPLATE_PLACEHOLDERS).flatMap(([name, placeholders]) =>
      placeholders
        .filter((placeholder) => !boundOf(name, placeholder))
        .map((placeholder) => `${name}.{${placeholder}}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('a result typed to the 2000 characters the API takes makes the citizen’s result text too long for a carrier', () => {
    const content = shippedContent({
      'cn.result': { 'zh-CN': '案件{ref}办理结果：{result}', en: 'Case {ref} result: {result}' },
    });
    const long = findLongTemplates(content).find(
      (found) => found.name === 'cn.result' && found.language === 'en',
    );
    expect(long).toEqual({
      name: 'cn.result',
      language: 'en',
      encoding: 'UCS-2',
      length: 2022,
      segments: 31,
      assumed: ['{ref}=11111111', '{result}=2000 typed characters'],
    });
  });

  it('only the cn text of a template counts, since a mainland hotline sends that one instead', () => {
    const long = `{ref}${'字'.repeat(600)}`;
    expect(namesOf(shippedContent({ callbackReceipt: { 'zh-CN': long, en: 'ok' } }))).toContain(
      'callbackReceipt (zh-CN)',
    );
    const replaced = shippedContent({
      callbackReceipt: { 'zh-CN': long, en: 'ok' },
      'cn.callbackReceipt': { 'zh-CN': '已受理{ref}', en: 'ref {ref}' },
    });
    expect(namesOf(replaced).filter((name) => name.includes('callbackReceipt'))).toEqual([]);
  });

  it('assumes the times, slots and names as the code writes them at their longest', () => {
    const filler = '请'.repeat(440);
    const [long] = findLongTemplates({
      ...shippedContent(),
      texts: {
        ...shippedContent().texts,
        'cn.sickAlert': { 'zh-CN': `{name}病假：{position} {slot}${filler}`, en: 'ok' },
      },
    }).filter((found) => found.name === 'cn.sickAlert');
    expect(long.assumed).toEqual([
      '{name}=100 typed characters',
      '{position}=主班',
      '{slot}=10月20日23:59–10月27日23:59',
    ]);
    expect(long.length).toBe(100 + 3 + 2 + 1 + 23 + 440);
  });

  it('a warning names the file, template, language, worst case and values assumed', () => {
    expect(
      describeLongTemplate(
        {
          name: 'result',
          language: 'zh-CN',
          length: 2015,
          segments: 31,
          encoding: 'UCS-2',
          assumed: ['{ref}=11111111'],
        },
        'flows/sms-templates.json',
      ),
    ).toBe(
      'warning: flows/sms-templates.json: template "result" (zh-CN) can reach 2015 characters in 31 UCS-2 segments ' +
        'with {ref}=11111111; a carrier in mainland China takes at most 500 characters and 8 segments',
    );
  });

  it('the shipped texts warn only where a typed value can be long: results and references typed by a citizen', () => {
    expect(
      namesOf(shippedContent()).map((name) => name.replace(/^cn\./, '').replace(/ \(.*\)$/, '')),
    ).toEqual(expect.arrayContaining(['result']));
    for (const long of findLongTemplates(shippedContent())) {
      expect(long.assumed.some((value) => /=\d+ (typed characters|digits)$/.test(value))).toBe(true);
    }
  });
});
