import {
  type Duty,
  type DutySource,
  handoffsBetween,
  POSITIONS,
  type Position,
  type Roster,
  type RotationVersion,
  resolveOnDuty,
  type Vacancy,
  versionPeriods,
} from './roster.models';
import {
  DAY_MS,
  instantToWall,
  MINUTE_MS,
  occurrencesOfWall,
  offsetTransitions,
  parseTimeOfDay,
  zoneOf,
} from './roster.time';

/** A stretch of time in which one position has the same person (or nobody) for the same reason. */
export interface Segment {
  position: Position;
  staffId: number | null;
  from: Date;
  to: Date;
  source: DutySource;
  /** Whose absence or inactivity leaves the position empty, when that is why nobody holds it. */
  vacancy?: Vacancy;
}

/**
 * Instants where a weekday or time-of-day window may open or close: every occurrence of local
 * midnight and of the window's edges, plus offset changes, at which local time jumps over an edge.
 */
function windowEdges(version: RotationVersion, from: number, to: number): number[] {
  const zone = zoneOf(version.timezone);
  if (!zone || (!version.weekdays && !version.window)) return [];
  const edges = [0];
  if (version.window) edges.push(parseTimeOfDay(version.window.start), parseTimeOfDay(version.window.end));
  const points = offsetTransitions(zone, from, to);
  const firstDay = Math.floor(instantToWall(zone, from) / DAY_MS) * DAY_MS - DAY_MS;
  const lastWall = instantToWall(zone, to) + DAY_MS;
  for (let day = firstDay; day <= lastWall; day += DAY_MS) {
    for (const minute of edges) {
      if (Number.isFinite(minute)) points.push(...occurrencesOfWall(zone, day + minute * MINUTE_MS));
    }
  }
  return points;
}

function sameSource(a: DutySource, b: DutySource): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'rotation') return b.kind === 'rotation' && a.rotationId === b.rotationId;
  return b.kind === 'override' && a.overrideId === b.overrideId;
}

function sameDuty(segment: Segment, duty: Duty): boolean {
  return (
    segment.staffId === duty.staffId &&
    sameSource(segment.source, duty.source) &&
    segment.vacancy?.staffId === duty.vacancy?.staffId &&
    segment.vacancy?.why === duty.vacancy?.why
  );
}

/**
 * The resolved timeline over [from, to), per position in POSITIONS order, then by time. Resolution
 * can only change at a handoff, a window edge, a version change, an override edge or a change of
 * someone's activity, so resolveOnDuty is asked once at each of those instants and equal neighbours
 * are merged: the timeline says what resolveOnDuty says at every instant.
 */
export function resolveSegments(roster: Roster, from: Date, to: Date): Segment[] {
  const start = from.getTime();
  const end = to.getTime();
  if (!(start < end)) return [];
  const points = new Set<number>([start]);
  const add = (instant: number) => {
    if (instant > start && instant < end) points.add(instant);
  };
  for (const period of versionPeriods(roster.versions)) {
    const periodStart = Math.max(start, period.from);
    const periodEnd = Math.min(end, period.to ?? end);
    if (periodStart >= periodEnd) continue;
    add(period.from);
    for (const handoff of handoffsBetween(period.version, new Date(periodStart), new Date(periodEnd))) {
      add(handoff.getTime());
    }
    for (const edge of windowEdges(period.version, periodStart, periodEnd)) add(edge);
  }
  for (const override of roster.overrides) {
    add(Date.parse(override.from));
    add(Date.parse(override.to));
  }
  for (const span of roster.inactive) {
    add(Date.parse(span.from));
    if (span.to !== null) add(Date.parse(span.to));
  }

  const instants = [...points].sort((a, b) => a - b);
  const byPosition = new Map<Position, Segment[]>(POSITIONS.map((position) => [position, []]));
  instants.forEach((at, i) => {
    const until = new Date(instants[i + 1] ?? end);
    const duty = resolveOnDuty(roster, new Date(at));
    for (const position of POSITIONS) {
      const list = byPosition.get(position)!;
      const previous = list[list.length - 1];
      const { staffId, source, vacancy } = duty[position];
      if (previous && sameDuty(previous, duty[position])) {
        previous.to = until;
      } else {
        list.push({
          position,
          staffId,
          from: new Date(at),
          to: until,
          source,
          ...(vacancy ? { vacancy } : {}),
        });
      }
    }
  });
  return POSITIONS.flatMap((position) => byPosition.get(position)!);
}
