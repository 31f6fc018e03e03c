import { DateTime } from 'luxon';
import type { Language } from '../staff/staff.models';

// Staff read these on a phone: a day and a clock time, with no year, zone or seconds.
const DAY_FORMAT: Record<Language, string> = { en: 'd LLL', 'zh-CN': "M'月'd'日'" };
const DAY_TIME_SEPARATOR: Record<Language, string> = { en: ' ', 'zh-CN': '' };

function local(instant: Date, zone: string, language: Language): DateTime {
  return DateTime.fromJSDate(instant, { zone }).setLocale(language);
}

/** "1 Mar" / "3月1日", local to `zone`. */
export function formatDay(instant: Date, zone: string, language: Language): string {
  return local(instant, zone, language).toFormat(DAY_FORMAT[language]);
}

/** "1 Mar 10:00–2 Mar 08:00", or "1 Mar 08:00–20:00" within one local day. */
export function formatSlot(from: Date, to: Date, zone: string, language: Language): string {
  const start = local(from, zone, language);
  const end = local(to, zone, language);
  const dayTime = (at: DateTime) =>
    `${at.toFormat(DAY_FORMAT[language])}${DAY_TIME_SEPARATOR[language]}${at.toFormat('HH:mm')}`;
  return `${dayTime(start)}–${end.hasSame(start, 'day') ? end.toFormat('HH:mm') : dayTime(end)}`;
}
