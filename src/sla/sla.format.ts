import { DateTime } from 'luxon';
import type { Language } from '../staff/staff.models';

const FORMAT: Record<Language, string> = { en: 'd LLL HH:mm', 'zh-CN': "M'月'd'日'HH:mm" };

/** A deadline as staff read it on a phone: "1 Mar 12:00" / "3月1日12:00", local to `zone`. */
export function formatDeadline(instant: Date, zone: string, language: Language): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(language).toFormat(FORMAT[language]);
}
