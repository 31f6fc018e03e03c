import { instantSchema } from '../shared/schemas';
import { formatLocalDateTime, instantToWall, MINUTE_MS, parseLocalDateTime, zoneOf } from './roster.time';

const LOCAL_START = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const WITH_OFFSET = /T.*(Z|[+-]\d{2}:\d{2})$/;

export const START_FORMS =
  'a date YYYY-MM-DD, a local date-time YYYY-MM-DDTHH:mm, or an instant with an offset such as 2027-03-10T08:00:00+08:00';

export interface StartInput {
  /** A local date or date-time in the rotation zone, or an instant with an offset (as PagerDuty takes). */
  start: string;
  /** 'HH:mm'; wins over a local start's own time. */
  handoffTime?: string;
  /** The rotation's zone, in which an instant is read. */
  timezone: string;
  /** For a bare date with no handoffTime. */
  defaultTime?: string;
}

export type StartResult =
  | { ok: true; startLocal: string }
  | { ok: false; field: 'start' | 'handoffTime'; code: string; message: string };

/** Whether `start` has one of the accepted forms and is a real date or instant; the zone is checked later. */
export function isStartText(start: string): boolean {
  if (LOCAL_START.test(start)) {
    const result = toStartLocal({ start, timezone: 'UTC' });
    return result.ok;
  }
  return WITH_OFFSET.test(start) && instantSchema.safeParse(start).success;
}

const invalid = (message: string): StartResult => ({
  ok: false,
  field: 'start',
  code: 'request.invalid',
  message,
});

/**
 * The first handoff as a local wall-clock time ('YYYY-MM-DDTHH:mm') in the rotation zone, which also
 * gives the handoff time of day. A local start takes `handoffTime` over its own time. An instant is
 * read in the zone; a `handoffTime` beside it must agree with it, since it names the same thing and
 * a silent choice between two different times would misplace every handoff.
 */
export function toStartLocal({
  start,
  handoffTime,
  timezone,
  defaultTime = '08:00',
}: StartInput): StartResult {
  if (LOCAL_START.test(start)) {
    const [date, time] = start.split('T');
    const startLocal = `${date}T${handoffTime ?? time ?? defaultTime}`;
    return Number.isNaN(parseLocalDateTime(startLocal))
      ? invalid('is not a real date and time')
      : { ok: true, startLocal };
  }
  const instant = WITH_OFFSET.test(start) ? instantSchema.safeParse(start) : null;
  if (!instant?.success) return invalid(`must be ${START_FORMS}`);
  const zone = zoneOf(timezone);
  if (!zone) return invalid(`cannot be read in the unknown zone ${timezone}`);
  const wall = instantToWall(zone, instant.data.getTime());
  if (wall % MINUTE_MS !== 0) return invalid(`must fall on a whole minute in ${timezone}`);
  const startLocal = formatLocalDateTime(wall);
  const localTime = startLocal.slice(11);
  if (handoffTime !== undefined && handoffTime !== localTime) {
    return {
      ok: false,
      field: 'handoffTime',
      code: 'rotation.handoff_time_conflict',
      message: `${handoffTime} differs from the start's time of day in ${timezone} (${localTime}); leave it out or make them agree`,
    };
  }
  return { ok: true, startLocal };
}
