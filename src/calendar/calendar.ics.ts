import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { Override, Position } from '../roster/roster.models';
import type { Segment } from '../roster/roster.segments';

const POSITION_LABELS: Record<Position, string> = {
  primary: 'Primary',
  backup: 'Backup',
  supervisor: 'Supervisor',
};

export interface FeedContent {
  name: string;
  segments: Segment[];
  staffNames: Map<number, string>;
  rotationNames: Map<number, string>;
  overrides: Map<number, Pick<Override, 'reason'>>;
  /** The host part of every UID, so they are unique beyond this hotline. */
  host: string;
  stamp: Date;
  /** Whole-roster feeds are for looking at, and must not mark subscribers busy. */
  transparent: boolean;
}

/** `Primary: Wang Fang`, or `Primary: uncovered` for a gap. */
export function summarizeSegment(segment: Segment, staffNames: Map<number, string>): string {
  const who =
    segment.staffId === null ? 'uncovered' : (staffNames.get(segment.staffId) ?? `staff ${segment.staffId}`);
  return `${POSITION_LABELS[segment.position]}: ${who}`;
}

function describeSource(segment: Segment, content: FeedContent): string {
  const { source, vacancy } = segment;
  if (source === null) return 'No rotation covers this time.';
  const inactiveName =
    vacancy?.why === 'inactive'
      ? (content.staffNames.get(vacancy.staffId) ?? `staff ${vacancy.staffId}`)
      : null;
  if (source.kind === 'rotation') {
    const rotation = `Rotation "${content.rotationNames.get(source.rotationId) ?? source.rotationId}"`;
    return inactiveName ? `${rotation}: ${inactiveName} is not active.` : `${rotation}.`;
  }
  const reason = content.overrides.get(source.overrideId)?.reason ?? 'other';
  if (segment.staffId !== null) return `Cover (${reason}), override ${source.overrideId}.`;
  return inactiveName
    ? `Absent (${reason}), override ${source.overrideId}: the cover, ${inactiveName}, is not active.`
    : `Absent with no cover (${reason}), override ${source.overrideId}.`;
}

/**
 * A UID that stays the same while the shift does, so a calendar app updates an event rather than
 * adding a copy on each refresh. A segment is identified by position, person and start.
 */
export function segmentUid(segment: Segment, host: string): string {
  const start = segment.from.toISOString().replace(/[-:]|\.\d{3}/g, '');
  return `${segment.position}-${segment.staffId ?? 'uncovered'}-${start}@${host}`;
}

/** RFC 5545 text; times are UTC, which every calendar app shows in its own zone. */
export function renderFeed(content: FeedContent): string {
  const calendar = ical({
    name: content.name,
    prodId: { company: 'Dutyline', product: 'duty roster', language: 'EN' },
    // Calendar apps poll a subscription; an hour keeps a sick note visible the same morning.
    ttl: 60 * 60,
  });
  for (const segment of content.segments) {
    calendar.createEvent({
      id: segmentUid(segment, content.host),
      start: segment.from,
      end: segment.to,
      stamp: content.stamp,
      summary: summarizeSegment(segment, content.staffNames),
      description: describeSource(segment, content),
      status: ICalEventStatus.CONFIRMED,
      transparency: content.transparent ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    });
  }
  return calendar.toString();
}
