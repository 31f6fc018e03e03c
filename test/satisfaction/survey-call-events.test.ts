import type { CaseEvent } from '../../src/cases/cases.models';
import type { Language } from '../../src/staff/staff.models';
import { describeEvent } from '../../src/web/cases/case-events';
import { commonMessages } from '../../src/web/i18n/common.i18n';

const context = (language: Language) => ({
  language,
  zone: 'Asia/Shanghai',
  common: commonMessages(language),
  staffName: () => null,
  categoryName: (id: string) => id,
  placeName: (id: string) => id,
});

const system = { type: 'system', staffId: null, channel: 'voice' } as const;
const event = (type: string, data: Record<string, unknown>): CaseEvent => ({
  id: 1,
  at: '2027-03-01T02:00:00.000Z',
  type,
  actor: system,
  data,
});

const read = (type: string, data: Record<string, unknown>, language: Language = 'en') =>
  describeEvent(event(type, data), context(language)).text;

describe('the case page reads the survey call events as sentences', () => {
  it('says the hotline rang the citizen, and which attempt', () => {
    expect(read('survey_call_placed', { callId: 3, attempt: 1 })).toBe(
      'Survey call 1: the hotline is ringing the citizen to ask whether they are satisfied',
    );
    expect(read('survey_call_placed', { callId: 3, attempt: 2 }, 'zh-CN')).toBe(
      '第2次回访电话：正在呼叫群众，询问是否满意',
    );
  });

  it('says what the citizen pressed, or why there is no answer and when it rings again', () => {
    expect(read('survey_call_ended', { attempt: 1, outcome: 'satisfied', retryAt: null })).toBe(
      'Survey call 1: the citizen pressed 1, satisfied',
    );
    expect(read('survey_call_ended', { attempt: 1, outcome: 'unsatisfied', retryAt: null }, 'zh-CN')).toBe(
      '第1次回访电话：群众按2，不满意',
    );
    const retried = { attempt: 1, outcome: 'no_answer', retryAt: '2027-03-01T04:00:00.000Z' };
    expect(read('survey_call_ended', retried)).toMatch(
      /^Survey call 1: the citizen did not answer; rung again at .*12:00/,
    );
    expect(read('survey_call_ended', retried, 'zh-CN')).toMatch(
      /^第1次回访电话：群众未接听；将于.*12:00.*再次呼叫$/,
    );
    expect(read('survey_call_ended', { attempt: 2, outcome: 'no_key', retryAt: null })).toBe(
      'Survey call 2: the citizen answered but pressed neither 1 nor 2',
    );
    for (const language of ['en', 'zh-CN'] as const) {
      for (const outcome of ['no_answer', 'no_key', 'failed', 'canceled', 'something_new']) {
        const text = read('survey_call_ended', { attempt: 2, outcome, retryAt: null }, language);
        expect(text).not.toMatch(/[{}]|survey_call|Event “/);
      }
    }
  });
});
