import { DateTime } from 'luxon';
import type { Language } from '../staff/staff.models';

// How pages show times: in the hotline's zone, short, in the reader's language. Stored instants
// and the API's ISO texts (with their offsets) both read.

const FORMATS: Record<Language, { dateTime: string; time: string; date: string }> = {
  en: { dateTime: 'd MMM HH:mm', time: 'HH:mm', date: 'd MMM yyyy' },
  'zh-CN': { dateTime: 'M月d日 HH:mm', time: 'HH:mm', date: 'yyyy年M月d日' },
};

function toZoned(value: Date | string, zone: string): DateTime {
  const instant = typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value);
  return instant.setZone(zone);
}

export function showDateTime(value: Date | string | null, zone: string, language: Language): string {
  return value === null ? '' : toZoned(value, zone).toFormat(FORMATS[language].dateTime);
}

export function showTime(value: Date | string, zone: string, language: Language): string {
  return toZoned(value, zone).toFormat(FORMATS[language].time);
}

export function showDate(value: Date | string, zone: string, language: Language): string {
  return toZoned(value, zone).toFormat(FORMATS[language].date);
}

/** The machine-readable value for <time datetime>. */
export function isoOf(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** A value for <input type="datetime-local"> in the hotline's zone. */
export function toLocalInput(value: Date, zone: string): string {
  return toZoned(value, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** What a datetime-local field means: that wall-clock time in the hotline's zone; null if unreadable. */
export function fromLocalInput(value: string, zone: string): Date | null {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}
