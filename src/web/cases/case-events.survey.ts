import { defineMessages, type Vars } from '../i18n/i18n';

// The satisfaction survey call's events (SPEC §19) read aloud, kept apart from the general
// case-events.i18n.ts: placed, then ended with what the citizen answered or why not.

const en = {
  survey_call_placed:
    'Survey call {attempt}: the hotline is ringing the citizen to ask whether they are satisfied',
  'survey_call_ended.satisfied': 'Survey call {attempt}: the citizen pressed 1, satisfied',
  'survey_call_ended.unsatisfied': 'Survey call {attempt}: the citizen pressed 2, not satisfied',
  'survey_call_ended.no_answer': 'Survey call {attempt}: the citizen did not answer{retry}',
  'survey_call_ended.no_key':
    'Survey call {attempt}: the citizen answered but pressed neither 1 nor 2{retry}',
  'survey_call_ended.failed': 'Survey call {attempt}: the citizen’s number could not be rung{retry}',
  'survey_call_ended.canceled': 'Survey call {attempt} was cancelled',
  survey_call_ended: 'Survey call {attempt} ended',
  retry: '; rung again at {time}',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    survey_call_placed: '第{attempt}次回访电话：正在呼叫群众，询问是否满意',
    'survey_call_ended.satisfied': '第{attempt}次回访电话：群众按1，满意',
    'survey_call_ended.unsatisfied': '第{attempt}次回访电话：群众按2，不满意',
    'survey_call_ended.no_answer': '第{attempt}次回访电话：群众未接听{retry}',
    'survey_call_ended.no_key': '第{attempt}次回访电话：群众已接听，但未按1或2{retry}',
    'survey_call_ended.failed': '第{attempt}次回访电话：群众号码无法呼通{retry}',
    'survey_call_ended.canceled': '第{attempt}次回访电话已取消',
    survey_call_ended: '第{attempt}次回访电话结束',
    retry: '；将于{time}再次呼叫',
  },
});

const isKey = (key: string): key is keyof typeof en => Object.hasOwn(en, key);

/** The sentence for a survey call event, or undefined for any other event. */
export function describeSurveyCallEvent(
  type: string,
  data: Record<string, unknown>,
  language: 'en' | 'zh-CN',
  showTime: (iso: string) => string,
): string | undefined {
  const t = messages(language);
  const vars: Vars = { attempt: typeof data.attempt === 'number' ? data.attempt : 1 };
  if (type === 'survey_call_placed') return t('survey_call_placed', vars);
  if (type !== 'survey_call_ended') return undefined;
  vars.retry = typeof data.retryAt === 'string' ? t('retry', { time: showTime(data.retryAt) }) : '';
  const key = `survey_call_ended.${String(data.outcome)}`;
  return isKey(key) ? t(key, vars) : t('survey_call_ended', vars);
}
