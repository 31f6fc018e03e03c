import type { CaseEvent } from '../../src/cases/cases.models';
import type { Language } from '../../src/staff/staff.models';
import { describeEvent } from '../../src/web/cases/case-events';
import { commonMessages } from '../../src/web/i18n/common.i18n';

const context = (language: Language) => ({
  language,
  zone: 'Asia/Shanghai',
  common: commonMessages(language),
  staffName: (id: number | null | undefined) => (id === 7 ? 'Zhao Min' : id === 8 ? 'Sun Li' : null),
  categoryName: (id: string) => id,
  placeName: (id: string) => id,
});

const event = (type: string, data: Record<string, unknown>): CaseEvent => ({
  id: 1,
  at: '2027-03-01T02:00:00.000Z',
  type,
  actor: { type: 'staff', staffId: 8, channel: 'sms' },
  data,
});

describe('the case page reads a collective review', () => {
  it('names the reviewers and the quorum, each opinion, and the outcome, in both languages', () => {
    const lines = (language: Language) =>
      [
        event('review_requested', { reviewers: [7, 8], quorum: 2 }),
        event('review_opinion', { verdict: 'disagree', opinion: 'No photo of the repair' }),
        event('review_decided', { outcome: 'reopened', agree: 0, disagree: 2 }),
      ].map((each) => describeEvent(each, context(language)).text);
    expect(lines('en')).toEqual([
      'Collective review asked of Zhao Min, Sun Li; 2 agreeing sign it off',
      'Review opinion: disagrees. No photo of the repair',
      'Review decided: sent back to the assignee (0 agree, 2 disagree)',
    ]);
    expect(lines('zh-CN')).toEqual([
      '提请集体审议，审议人：Zhao Min、Sun Li；2人同意即审签',
      '审议意见：不同意。No photo of the repair',
      '审议结果：退回承办人重办（同意0，不同意2）',
    ]);
  });
});
