import type { Language } from '../../staff/staff.models';

// What the officer hears on a masked call-back, in their own language. The reference is read digit
// by digit ({digits}) so it can be checked against the case on their screen.
const TEXTS = {
  whisper: {
    'zh-CN': '热线回电：案件 {digits}。按1接通群众，对方看到的是热线号码。',
    en: 'Hotline call-back for case {digits}. Press 1 to call the citizen back; they will see the hotline number.',
  },
  connecting: {
    'zh-CN': '正在接通群众，通话将被录音。',
    en: 'Connecting you to the citizen. The call is recorded.',
  },
  goodbye: {
    'zh-CN': '未按1，本次回电已取消，再见。',
    en: 'You did not press 1, so the call-back is cancelled. Goodbye.',
  },
  ended: {
    'zh-CN': '本次回电已结束，再见。',
    en: 'This call-back has ended. Goodbye.',
  },
} satisfies Record<string, Record<Language, string>>;

export function callbackCallText(
  name: keyof typeof TEXTS,
  language: Language,
  vars: Record<string, string> = {},
): string {
  return TEXTS[name][language].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
