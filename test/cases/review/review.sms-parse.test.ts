import path from 'node:path';
import { loadKeywords } from '../../../src/content/keywords';
import { parseStaffText } from '../../../src/sms/sms.commands';

const keywords = loadKeywords(path.resolve(__dirname, '../../../flows'));
const staff = (text: string) => parseStaffText(text, keywords.staff);

describe('a reviewer’s opinion by SMS', () => {
  it('AGREE and 同意 with a reference and an opinion record an agree', () => {
    expect(staff('AGREE 1234-5678 The repair is sound')).toEqual({
      kind: 'review',
      verdict: 'agree',
      ref: '12345678',
      text: 'The repair is sound',
    });
    expect(staff('同意12345678 处理得当')).toEqual({
      kind: 'review',
      verdict: 'agree',
      ref: '12345678',
      text: '处理得当',
    });
  });

  it('不同意 is a disagree, never read as the 同意 inside it', () => {
    expect(staff('不同意 12345678 回复过于简单')).toEqual({
      kind: 'review',
      verdict: 'disagree',
      ref: '12345678',
      text: '回复过于简单',
    });
    expect(staff('disagree 12345678 Not fixed')).toMatchObject({ kind: 'review', verdict: 'disagree' });
  });

  it('AGREED is not AGREE, and a sentence that merely starts alike is no opinion', () => {
    expect(staff('AGREED 12345678 fine')).toEqual({ kind: 'help' });
    expect(staff('AGREEMENT')).toEqual({ kind: 'help' });
  });
});
