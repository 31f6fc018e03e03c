import type { Position } from './roster.models';
import type { Segment } from './roster.segments';

/**
 * Why nobody held a position: no rotation covered the time, the person due was absent with no
 * cover, or the person due (on the rotation, or named to cover) was not an active staff member.
 */
export type GapCause = 'no_rotation' | 'absence_without_cover' | 'member_inactive';

export interface Gap {
  position: Position;
  from: Date;
  to: Date;
  cause: GapCause;
  /** The absence that caused it, when there is one. */
  overrideId: number | null;
  /** Who the cause names: the absent person, or the inactive one. */
  staffId: number | null;
}

function causeOf(segment: Segment): GapCause {
  if (segment.vacancy?.why === 'inactive') return 'member_inactive';
  return segment.source?.kind === 'override' ? 'absence_without_cover' : 'no_rotation';
}

/**
 * The stretches of a position with nobody on duty, each with its cause; touching stretches with
 * the same cause (and the same absence and person) are one gap.
 */
export function findGaps(segments: readonly Segment[], position: Position): Gap[] {
  const gaps: Gap[] = [];
  const empty = segments
    .filter((segment) => segment.position === position && segment.staffId === null)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const segment of empty) {
    const overrideId = segment.source?.kind === 'override' ? segment.source.overrideId : null;
    const cause = causeOf(segment);
    const staffId = segment.vacancy?.staffId ?? null;
    const last = gaps.at(-1);
    if (
      last &&
      last.to.getTime() === segment.from.getTime() &&
      last.cause === cause &&
      last.overrideId === overrideId &&
      last.staffId === staffId
    ) {
      last.to = segment.to;
    } else {
      gaps.push({ position, from: segment.from, to: segment.to, cause, overrideId, staffId });
    }
  }
  return gaps;
}

/** Every stretch with nobody in the position, touching ones merged whatever their cause. */
export function findEmptyStretches(
  segments: readonly Segment[],
  position: Position,
): { from: Date; to: Date }[] {
  const stretches: { from: Date; to: Date }[] = [];
  for (const gap of findGaps(segments, position)) {
    const last = stretches.at(-1);
    if (last && last.to.getTime() === gap.from.getTime()) last.to = gap.to;
    else stretches.push({ from: gap.from, to: gap.to });
  }
  return stretches;
}

/**
 * The share of [from, to) in which someone held the position, 0–100 with one decimal. Null for an
 * empty window, which has no share to speak of.
 */
export function coveragePercent(
  segments: readonly Segment[],
  position: Position,
  from: Date,
  to: Date,
): number | null {
  const windowMs = to.getTime() - from.getTime();
  if (!(windowMs > 0)) return null;
  let heldMs = 0;
  for (const segment of segments) {
    if (segment.position !== position || segment.staffId === null) continue;
    const start = Math.max(segment.from.getTime(), from.getTime());
    const end = Math.min(segment.to.getTime(), to.getTime());
    if (end > start) heldMs += end - start;
  }
  return Math.round((heldMs / windowMs) * 1000) / 10;
}

/** How an absence stands in the resolved roster: a gap it leaves, and who holds its position meanwhile. */
export interface AbsenceCoverage {
  /** Somewhere in the resolved stretch its position is empty because of it. */
  uncovered: boolean;
  /** Who an override puts in its position during it: its own cover, or a cover recorded after. */
  coverIds: number[];
}

/**
 * Reads an absence's coverage from segments resolved over (part of) its span: a cover recorded as
 * its own override fills the gap the absence left, so the absence's row alone does not tell.
 */
export function absenceCoverage(
  absence: { id: number; position: Position; from: string; to: string },
  segments: readonly Segment[],
): AbsenceCoverage {
  const from = Date.parse(absence.from);
  const to = Date.parse(absence.to);
  const during = segments.filter(
    (segment) =>
      segment.position === absence.position && segment.from.getTime() < to && segment.to.getTime() > from,
  );
  const uncovered = during.some(
    (segment) =>
      segment.staffId === null &&
      segment.source?.kind === 'override' &&
      segment.source.overrideId === absence.id,
  );
  const coverIds = [
    ...new Set(
      during.flatMap((segment) =>
        segment.staffId !== null && segment.source?.kind === 'override' ? [segment.staffId] : [],
      ),
    ),
  ];
  return { uncovered, coverIds };
}
