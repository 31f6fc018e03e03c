import path from 'node:path';
import { loadKeywords } from '../../src/content/keywords';
import { normalizeText, parseCitizenText, parseStaffText } from '../../src/sms/sms.commands';

const keywords = loadKeywords(path.resolve(__dirname, '../../flows'));
const citizen = (text: string) => parseCitizenText(text, keywords.citizen);
const staff = (text: string) => parseStaffText(text, keywords.staff);

describe('citizen texts', () => {
  it('opt out only when the whole message is a stop word, in any case or width', () => {
    expect(citizen('STOP')).toEqual({ kind: 'opt_out' });
    expect(citizen(' stop. ')).toEqual({ kind: 'opt_out' });
    expect(citizen('ＳＴＯＰ')).toEqual({ kind: 'opt_out' });
    expect(citizen('Unsubscribe')).toEqual({ kind: 'opt_out' });
    expect(citizen('退订')).toEqual({ kind: 'opt_out' });
    expect(citizen('Stop the noise at the market')).toEqual({
      kind: 'complaint',
      text: 'Stop the noise at the market',
    });
    expect(citizen('endless drilling next door').kind).toBe('complaint');
  });

  it('opt back in and ask for help', () => {
    expect(citizen('start')).toEqual({ kind: 'opt_in' });
    expect(citizen('HELP')).toEqual({ kind: 'help' });
    expect(citizen('帮助')).toEqual({ kind: 'help' });
    expect(citizen('   ')).toEqual({ kind: 'help' });
  });

  it('ask for a status with or without a reference, in either language and width', () => {
    expect(citizen('STATUS 12345678')).toEqual({ kind: 'status', ref: '12345678' });
    expect(citizen('status 1234-5678')).toEqual({ kind: 'status', ref: '12345678' });
    expect(citizen('查询１２３４５６７８')).toEqual({ kind: 'status', ref: '12345678' });
    expect(citizen('查询 12345678')).toEqual({ kind: 'status', ref: '12345678' });
    expect(citizen('Status')).toEqual({ kind: 'status', ref: null });
    // A mistyped reference is echoed in the reply: a long run of digits is cut, so the reply stays short.
    expect(citizen('STATUS 123456789')).toEqual({ kind: 'status', ref: '123456789' });
    expect(citizen(`STATUS ${'9'.repeat(1500)}`)).toEqual({ kind: 'status', ref: `${'9'.repeat(16)}...` });
    expect(staff(`ACK ${'7'.repeat(40)}`)).toEqual({ kind: 'ack', ref: `${'7'.repeat(16)}...` });
    expect(citizen('status of the lamp I reported is unclear').kind).toBe('complaint');
  });

  it('answer the satisfaction question with 1 or 2, full-width digits included', () => {
    expect(citizen('1')).toEqual({ kind: 'satisfaction', answer: 'satisfied' });
    expect(citizen('１')).toEqual({ kind: 'satisfaction', answer: 'satisfied' });
    expect(citizen('满意')).toEqual({ kind: 'satisfaction', answer: 'satisfied' });
    expect(citizen('2')).toEqual({ kind: 'satisfaction', answer: 'unsatisfied' });
    expect(citizen('不满意！')).toEqual({ kind: 'satisfaction', answer: 'unsatisfied' });
    expect(citizen('12').kind).toBe('complaint');
  });
});

describe('staff texts', () => {
  it('acknowledge, resolve and note a case in English or Chinese', () => {
    expect(staff('ACK 12345678')).toEqual({ kind: 'ack', ref: '12345678' });
    expect(staff('ack １２３４５６７８')).toEqual({ kind: 'ack', ref: '12345678' });
    expect(staff('收到12345678')).toEqual({ kind: 'ack', ref: '12345678' });
    expect(staff('DONE 12345678 Fixed the lamp')).toEqual({
      kind: 'done',
      ref: '12345678',
      text: 'Fixed the lamp',
    });
    expect(staff('办结 12345678 已修复路灯')).toEqual({ kind: 'done', ref: '12345678', text: '已修复路灯' });
    expect(staff('note 12345678 called the owner')).toEqual({
      kind: 'note',
      ref: '12345678',
      text: 'called the owner',
    });
    expect(staff('备注12345678 已联系业主')).toEqual({ kind: 'note', ref: '12345678', text: '已联系业主' });
    expect(staff('DONE')).toEqual({ kind: 'done', ref: null, text: '' });
  });

  it('ask who is on duty and for their cases; anything else gets help', () => {
    expect(staff('who')).toEqual({ kind: 'who' });
    expect(staff('值班')).toEqual({ kind: 'who' });
    expect(staff('Cases')).toEqual({ kind: 'cases' });
    expect(staff('案件')).toEqual({ kind: 'cases' });
    expect(staff('SICK')).toEqual({ kind: 'sick' });
    expect(staff('顶班')).toEqual({ kind: 'cover' });
    expect(staff('ACKNOWLEDGED thanks')).toEqual({ kind: 'help' });
    expect(staff('hello')).toEqual({ kind: 'help' });
  });
});

describe('normalizeText', () => {
  it('folds full-width forms and the ideographic space', () => {
    expect(normalizeText('ＡＣＫ\u3000１２３')).toBe('ACK 123');
  });
});
