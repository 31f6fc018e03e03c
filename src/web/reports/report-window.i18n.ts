import { defineMessages } from '../i18n/i18n';

/** The window form the report pages share. */
export const reportWindowMessages = defineMessages({
  en: {
    from: 'From',
    to: 'To',
    toOpen: 'To (blank: until now)',
    show: 'Show',
    window: 'Window',
    span: '{from} – {to}',
    untilNow: 'now',
    unreadable: 'A time could not be read. Pick a date and time in both fields.',
    invalid: 'The window must end after it starts and span at most {days} days.',
  },
  'zh-CN': {
    from: '开始',
    to: '结束',
    toOpen: '结束（留空：至今）',
    show: '查看',
    window: '时段',
    span: '{from} 至 {to}',
    untilNow: '现在',
    unreadable: '时间无法识别。请在两栏中都选择日期和时间。',
    invalid: '结束时间须晚于开始时间，且时段不超过{days}天。',
  },
});
