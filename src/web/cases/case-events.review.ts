import { defineMessages, type Vars } from '../i18n/i18n';

// The collective review's events (requested, opinions, decision, withdrawn, reminders) read
// aloud, kept apart from the general case-events.i18n.ts like the other case-events.<feature>.ts.

const en = {
  review_requested: 'Collective review asked of {names}; {quorum} agreeing sign it off',
  'review_opinion.agree': 'Review opinion: agrees. {opinion}',
  'review_opinion.disagree': 'Review opinion: disagrees. {opinion}',
  'review_decided.signed_off': 'Review decided: signed off ({agree} agree, {disagree} disagree)',
  'review_decided.reopened': 'Review decided: sent back to the assignee ({agree} agree, {disagree} disagree)',
  'review_decided.undecided':
    'Review ended undecided ({agree} agree, {disagree} disagree): a supervisor signs off or asks again',
  review_withdrawn: 'The collective review was withdrawn',
  review_reminded: 'Reviewers reminded to answer: {names}',
  'names.separator': ', ',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    review_requested: '提请集体审议，审议人：{names}；{quorum}人同意即审签',
    'review_opinion.agree': '审议意见：同意。{opinion}',
    'review_opinion.disagree': '审议意见：不同意。{opinion}',
    'review_decided.signed_off': '审议结果：通过审签（同意{agree}，不同意{disagree}）',
    'review_decided.reopened': '审议结果：退回承办人重办（同意{agree}，不同意{disagree}）',
    'review_decided.undecided': '审议未形成决定（同意{agree}，不同意{disagree}），待领导审签或重新提请',
    review_withdrawn: '集体审议已撤回',
    review_reminded: '已提醒审议人答复：{names}',
    'names.separator': '、',
  },
});

const isKey = (key: string): key is keyof typeof en => Object.hasOwn(en, key);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown) => (typeof value === 'number' ? value : '–');

/** The sentence for a collective review event, or undefined for any other event or an unknown outcome. */
export function describeReviewEvent(
  type: string,
  data: Record<string, unknown>,
  language: 'en' | 'zh-CN',
  staffName: (id: unknown) => string,
): string | undefined {
  const t = messages(language);
  const say = (key: string, vars?: Vars) => (isKey(key) ? t(key, vars) : undefined);
  switch (type) {
    case 'review_requested':
    case 'review_reminded': {
      const ids = Array.isArray(data.reviewers)
        ? data.reviewers
        : Array.isArray(data.staffIds)
          ? data.staffIds
          : [];
      const names = ids.map(staffName).join(t('names.separator'));
      return t(type, { names, quorum: count(data.quorum) });
    }
    case 'review_opinion':
      return say(`review_opinion.${str(data.verdict)}`, { opinion: str(data.opinion) ?? '' });
    case 'review_decided':
      return say(`review_decided.${str(data.outcome)}`, {
        agree: count(data.agree),
        disagree: count(data.disagree),
      });
    case 'review_withdrawn':
      return t('review_withdrawn');
    default:
      return undefined;
  }
}
