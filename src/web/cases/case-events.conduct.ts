import { defineMessages } from '../i18n/i18n';

// Marking a case as a complaint about a member of staff (or no longer), read aloud; kept apart
// from the general case-events.i18n.ts like the other case-events.<feature>.ts.

const en = {
  concerns_staff_set: 'Marked as a complaint about {name}',
  'concerns_staff_set.cleared': 'No longer marked as a complaint about {previous}',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    concerns_staff_set: '标记为投诉{name}的案件',
    'concerns_staff_set.cleared': '不再标记为投诉{previous}的案件',
  },
});

/** The sentence for a conduct event, or undefined for any other event. */
export function describeConductEvent(
  type: string,
  data: Record<string, unknown>,
  language: 'en' | 'zh-CN',
  staffName: (id: unknown) => string,
): string | undefined {
  if (type !== 'concerns_staff_set') return undefined;
  const t = messages(language);
  const vars = { name: staffName(data.staffId), previous: staffName(data.previousStaffId) };
  return typeof data.staffId === 'number'
    ? t('concerns_staff_set', vars)
    : t('concerns_staff_set.cleared', vars);
}
