import type { Language } from '../staff/staff.models';

// Case descriptions the hotline writes for calls, in the staff's (the hotline's default) language.
const TEXTS = {
  voiceMessage: {
    'zh-CN': '语音留言（{seconds}秒），请听录音。',
    en: 'Voice message ({seconds} s); listen to the recording.',
  },
  noMessage: {
    'zh-CN': '来电未录到留言，请回电了解诉求。',
    en: 'The caller left no recorded message; please call back.',
  },
  callback: {
    'zh-CN': '来电未留言即挂断，请回电。',
    en: 'The caller hung up before leaving a message; please call back.',
  },
  connected: {
    'zh-CN': '来电已由{name}接听，请补充通话内容。',
    en: 'Call answered by {name}; please add what was said.',
  },
} satisfies Record<string, Record<Language, string>>;

export function voiceText(
  name: keyof typeof TEXTS,
  language: Language,
  vars: Record<string, string | number> = {},
): string {
  return TEXTS[name][language].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in vars ? String(vars[key]) : whole,
  );
}
