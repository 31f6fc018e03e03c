import { defineMessages, type Vars } from '../i18n/i18n';

// Call-backs owed to citizens and the masked call-backs placed through the hotline (SPEC §18),
// read aloud; kept apart from the general case-events.i18n.ts like the other case-events.<feature>.ts.

const en = {
  'callback_raised.feedback_undeliverable':
    'A call-back is owed by {due}: the result text cannot be delivered',
  'callback_raised.abandoned_call': 'A call-back is owed by {due}: the caller hung up',
  callback_raised: 'A call-back is owed by {due}',
  'callback_logged.reached': 'Call-back: the citizen was reached',
  'callback_logged.no_answer': 'Call-back: no answer',
  'callback_logged.wrong_number': 'Call-back: wrong number',
  'callback_logged.next': 'next try by {due}',
  'callback_logged.closed': 'given up by a supervisor',
  'callback_done.sms_delivered': 'No call-back needed: the text was delivered after all',
  'callback_done.message_left': 'No call-back needed: the caller left a message',
  callback_done: 'Call-back done',
  callback_reminded: '{name} was reminded of the call-back',
  callback_escalated: 'The call-back is overdue: the supervisors were told',
  callback_call_started: 'Masked call-back: the hotline is ringing {name}',
  'callback_call_ended.completed': 'Masked call-back ended: {name} talked with the citizen ({seconds} s)',
  'callback_call_ended.busy': 'Masked call-back ended: the citizen’s line was busy',
  'callback_call_ended.no-answer': 'Masked call-back ended: the citizen did not answer',
  'callback_call_ended.failed': 'Masked call-back ended: the citizen’s number could not be reached',
  'callback_call_ended.not_dialed': 'Masked call-back ended before the citizen was rung: {name} {reason}',
  callback_call_ended: 'Masked call-back ended',
  'callback_call_officer.completed': 'did not press 1',
  'callback_call_officer.no-answer': 'did not answer',
  'callback_call_officer.busy': 'was busy',
  'callback_call_officer.failed': 'could not be reached',
  'callback_call_officer.canceled': 'was not called after all',
  'callback_call_failed.callback_call.twilio_unavailable':
    'Masked call-back could not start: Twilio was unavailable; try again',
  'callback_call_failed.callback_call.twilio_rate_limited':
    'Masked call-back could not start: Twilio was busy; try again in a minute',
  'callback_call_failed.callback_call.twilio_rejected':
    'Masked call-back could not start: Twilio refused the call',
  callback_call_failed: 'Masked call-back could not start',
  separator: '; ',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    'callback_raised.feedback_undeliverable': '须在{due}前回电：结果短信无法送达',
    'callback_raised.abandoned_call': '须在{due}前回电：来电人已挂断',
    callback_raised: '须在{due}前回电',
    'callback_logged.reached': '回电：已联系上群众',
    'callback_logged.no_answer': '回电：无人接听',
    'callback_logged.wrong_number': '回电：号码有误',
    'callback_logged.next': '须在{due}前再打',
    'callback_logged.closed': '领导决定不再回电',
    'callback_done.sms_delivered': '无需回电：短信已送达',
    'callback_done.message_left': '无需回电：来电人已留言',
    callback_done: '回电已完成',
    callback_reminded: '已提醒{name}回电',
    callback_escalated: '回电超时，已报告值班领导',
    callback_call_started: '热线回电：正在呼叫{name}',
    'callback_call_ended.completed': '热线回电结束：{name}已与群众通话（{seconds}秒）',
    'callback_call_ended.busy': '热线回电结束：群众电话占线',
    'callback_call_ended.no-answer': '热线回电结束：群众未接听',
    'callback_call_ended.failed': '热线回电结束：群众号码无法接通',
    'callback_call_ended.not_dialed': '热线回电结束，未呼叫群众：{name}{reason}',
    callback_call_ended: '热线回电结束',
    'callback_call_officer.completed': '未按1',
    'callback_call_officer.no-answer': '未接听',
    'callback_call_officer.busy': '占线',
    'callback_call_officer.failed': '无法接通',
    'callback_call_officer.canceled': '未被呼叫',
    'callback_call_failed.callback_call.twilio_unavailable': '热线回电未能发起：Twilio暂不可用，请重试',
    'callback_call_failed.callback_call.twilio_rate_limited': '热线回电未能发起：Twilio繁忙，请稍后重试',
    'callback_call_failed.callback_call.twilio_rejected': '热线回电未能发起：Twilio拒绝了呼叫',
    callback_call_failed: '热线回电未能发起',
    separator: '；',
  },
});

const isKey = (key: string): key is keyof typeof en => Object.hasOwn(en, key);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The sentence for a call-back or masked call-back event, or undefined for any other event. */
export function describeCallbackEvent(
  type: string,
  data: Record<string, unknown>,
  language: 'en' | 'zh-CN',
  staffName: (id: unknown) => string,
  showTime: (iso: unknown) => string,
): string | undefined {
  const t = messages(language);
  const say = (key: string, vars?: Vars) => (isKey(key) ? t(key, vars) : undefined);
  switch (type) {
    case 'callback_raised':
      return (
        say(`callback_raised.${str(data.reason)}`, { due: showTime(data.dueAt) }) ??
        t('callback_raised', { due: showTime(data.dueAt) })
      );
    case 'callback_logged': {
      const parts = [say(`callback_logged.${str(data.outcome)}`) ?? t('callback_done')];
      if (data.nextDueAt) parts.push(t('callback_logged.next', { due: showTime(data.nextDueAt) }));
      if (data.closed) parts.push(t('callback_logged.closed'));
      const note = str(data.note);
      if (note) parts.push(note);
      return parts.join(t('separator'));
    }
    case 'callback_done':
      return say(`callback_done.${str(data.outcome)}`) ?? t('callback_done');
    case 'callback_reminded':
      return t('callback_reminded', { name: staffName(data.staffId) });
    case 'callback_escalated':
      return t('callback_escalated');
    case 'callback_call_started':
      return t('callback_call_started', { name: staffName(data.staffId) });
    case 'callback_call_ended': {
      const seconds = typeof data.durationSeconds === 'number' ? data.durationSeconds : '–';
      const reason = say(`callback_call_officer.${str(data.status)}`) ?? '';
      return (
        say(`callback_call_ended.${str(data.citizenLeg)}`, {
          name: staffName(data.staffId),
          seconds,
          reason,
        }) ?? t('callback_call_ended')
      );
    }
    case 'callback_call_failed':
      return say(`callback_call_failed.${str(data.code)}`) ?? t('callback_call_failed');
    default:
      return undefined;
  }
}
