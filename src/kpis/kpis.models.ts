import { CHANNELS } from '../cases/cases.models';

// The KPIs of SPEC §9, from counts the database aggregates. Each rate is a fraction 0–1, or null
// when its denominator is zero: "nothing measured" is not the same as 0 %. The README gives
// every definition in words; these functions are the same definitions in code.

export interface CallCounts {
  calls: number;
  abandoned: number;
  askedForOfficer: number;
  /** Of the calls that asked for the officer, those someone accepted. */
  accepted: number;
  /** Mean of accepted_at − officer_requested_at over the accepted ones, in ms. */
  averageAnswerMs: number | null;
}

export interface ResolutionCounts {
  resolved: number;
  onTime: number;
  withFeedback: number;
  reopened: number;
}

export interface AnswerCounts {
  answers: number;
  satisfied: number;
}

export interface DeadlineCounts {
  due: number;
  /** Assignee, result and feedback all present (the record is the case itself). */
  complete: number;
}

export interface VolumeCounts {
  total: number;
  byChannel: { key: string; count: number }[];
  byCategory: { key: string; count: number }[];
  /** The most frequent places, most first, ties by name. */
  topPlaces: { place: string; count: number }[];
  unknownPlace: number;
}

/** Group petitions recorded in the window, and the people they speak for (SPEC §18). */
export interface PetitionCounts {
  count: number;
  headcount: number;
}

export interface KpiCounts {
  calls: CallCounts;
  resolutions: ResolutionCounts;
  answers: AnswerCounts;
  deadlines: DeadlineCounts;
  volumes: VolumeCounts;
  petitions: PetitionCounts;
}

export const UNKNOWN_PLACE = 'unknown';

export interface Kpis {
  answerRate: number | null;
  abandonmentRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  onTimeCompletionRate: number | null;
  feedbackRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  fourHavesCompliance: number | null;
  volumes: {
    total: number;
    byChannel: Record<string, number>;
    byCategory: Record<string, number>;
    byPlace: { place: string; count: number }[];
    petitions: PetitionCounts;
  };
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

// The three citizen-facing rates, defined once: the KPIs and the public figures (src/public) share them.
export const onTimeCompletionRate = (counts: Pick<ResolutionCounts, 'resolved' | 'onTime'>) =>
  ratio(counts.onTime, counts.resolved);
export const feedbackRate = (counts: Pick<ResolutionCounts, 'resolved' | 'withFeedback'>) =>
  ratio(counts.withFeedback, counts.resolved);
export const satisfactionRate = (counts: AnswerCounts) => ratio(counts.satisfied, counts.answers);
export const reopenRate = (counts: Pick<ResolutionCounts, 'resolved' | 'reopened'>) =>
  ratio(counts.reopened, counts.resolved);

/** Counts keyed by name, most first (ties by name), as a JSON object keeps insertion order. */
function rankedObject(counts: readonly { key: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(
    counts
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .map((row) => [row.key, row.count]),
  );
}

export function buildKpis(counts: KpiCounts): Kpis {
  const { calls, resolutions, answers, deadlines, volumes, petitions } = counts;
  // Every channel is listed, with 0 when none came that way, so charts keep their axes.
  const byChannel = new Map<string, number>(CHANNELS.map((channel) => [channel, 0]));
  for (const row of volumes.byChannel) byChannel.set(row.key, row.count);
  return {
    answerRate: ratio(calls.accepted, calls.askedForOfficer),
    abandonmentRate: ratio(calls.abandoned, calls.calls),
    // To the millisecond, which is what the call log stores.
    averageSpeedOfAnswerSeconds:
      calls.averageAnswerMs === null ? null : Math.round(calls.averageAnswerMs) / 1000,
    onTimeCompletionRate: onTimeCompletionRate(resolutions),
    feedbackRate: feedbackRate(resolutions),
    satisfactionRate: satisfactionRate(answers),
    reopenRate: reopenRate(resolutions),
    fourHavesCompliance: ratio(deadlines.complete, deadlines.due),
    volumes: {
      total: volumes.total,
      byChannel: Object.fromEntries(byChannel),
      byCategory: rankedObject(volumes.byCategory),
      byPlace: [
        ...volumes.topPlaces,
        ...(volumes.unknownPlace > 0 ? [{ place: UNKNOWN_PLACE, count: volumes.unknownPlace }] : []),
      ],
      petitions: { ...petitions },
    },
  };
}
