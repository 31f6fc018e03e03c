import type { Position, RotationVersion } from '../../src/roster/roster.models';
import type { Segment } from '../../src/roster/roster.segments';

/** A Shanghai rotation handing off daily at 08:00 local (00:00 UTC) from 1 February 2027. */
export function rotationVersion(changes: Partial<RotationVersion> = {}): RotationVersion {
  return {
    rotationId: 1,
    effectiveFrom: '2027-01-31T00:00:00.000Z',
    name: 'primary desk',
    position: 'primary',
    timezone: 'Asia/Shanghai',
    startLocal: '2027-02-01T08:00',
    shiftHours: 24,
    members: [1],
    weekdays: null,
    window: null,
    ...changes,
  };
}

export const at = (iso: string) => new Date(iso);

export function segment(
  position: Position,
  staffId: number | null,
  from: string,
  to: string,
  source: Segment['source'] = staffId === null ? null : { kind: 'rotation', rotationId: 1 },
): Segment {
  return { position, staffId, from: at(from), to: at(to), source };
}

/** Slots or gaps as [from, to, staffId] in UTC, for compact expectations. */
export const spans = (items: readonly { from: Date; to: Date; staffId?: number | null }[]) =>
  items.map((item) => [item.from.toISOString(), item.to.toISOString(), item.staffId ?? null]);
