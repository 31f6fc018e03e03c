import { DateTime } from 'luxon';
import type { Language } from '../staff/staff.models';

const FORMAT: Record<Language, string> = { en: 'd LLL HH:mm', 'zh-CN': "M'月'd'日'HH:mm" };

/** A due time as staff read it on a phone: "1 Mar 14:00" / "3月1日14:00", local to `zone`. */
export function formatDueTime(iso: string, zone: string, language: Language): string {
  return DateTime.fromISO(iso, { zone }).setLocale(language).toFormat(FORMAT[language]);
}
