import { coveragePercent, findEmptyStretches, findGaps, type Gap } from '../roster/roster.coverage';
import type { Override, RotationVersion } from '../roster/roster.models';
import type { Segment } from '../roster/roster.segments';
import { handoffsByRotation } from '../roster/roster.shifts';
import { type Absence, findAbsences } from './absences.models';
import { type CaseHaves, type CaseMissingHaves, findCasesMissingHaves } from './case-haves.models';
import { type DutyHours, dutyBalance, dutyHours } from './duty-hours.models';
import {
  findPetitionsMissingHaves,
  type PetitionHaves,
  type PetitionMissingHaves,
} from './petition-haves.models';
import type { SlotActivity } from './slot-calls.models';
import { type Slot, splitIntoSlots } from './slots.models';

/** An important or urgent case answered but not yet signed off by a supervisor: it cannot close. */
export interface AwaitingSignOff {
  ref: string;
  priority: string;
  resolvedAt: Date;
  assigneeId: number | null;
}

/** Everything the report is computed from, loaded for the window [from, to). */
export interface DutyGapInput {
  from: Date;
  to: Date;
  now: Date;
  /** The resolved timeline of every position over the window. */
  segments: readonly Segment[];
  versions: readonly RotationVersion[];
  /** Overrides overlapping the window, cancelled ones left out. */
  overrides: readonly Override[];
  /** The primary's shift slots (planSlots), and the calls and call-backs counted in each. */
  slots: readonly Slot[];
  activity: readonly SlotActivity[];
  /** Cases with a deadline in the window; the report keeps those past it at `now`. */
  cases: readonly CaseHaves[];
  awaitingSignOff: readonly AwaitingSignOff[];
  /** Petitions recorded before the window's end whose case lacks a have (see findPetitionsMissingHaves). */
  petitions: readonly PetitionHaves[];
}

export type SlotFindings = Slot & SlotActivity;

/** The report with ids and instants; rendering adds names and the hotline's offset. */
export interface DutyGapFindings {
  from: Date;
  to: Date;
  coverage: { percent: number | null };
  gaps: Gap[];
  noBackup: { from: Date; to: Date }[];
  absences: Absence[];
  slots: SlotFindings[];
  cases: CaseMissingHaves[];
  awaitingSignOff: readonly AwaitingSignOff[];
  petitions: PetitionMissingHaves[];
  hours: DutyHours[];
  balance: number | null;
}

/** The primary timeline cut into shift slots: the rows calls and call-backs are counted against. */
export function planSlots(
  segments: readonly Segment[],
  versions: readonly RotationVersion[],
  from: Date,
  to: Date,
): Slot[] {
  const primary = segments.filter((segment) => segment.position === 'primary');
  return splitIntoSlots(primary, handoffsByRotation(versions, 'primary', from, to));
}

export function buildDutyGapFindings(input: DutyGapInput): DutyGapFindings {
  const { from, to, segments, slots, activity } = input;
  const hours = dutyHours(segments);
  return {
    from,
    to,
    coverage: { percent: coveragePercent(segments, 'primary', from, to) },
    gaps: findGaps(segments, 'primary'),
    noBackup: findEmptyStretches(segments, 'backup'),
    absences: findAbsences(input.overrides, segments, from, to),
    slots: slots.map((slot, i) => ({ ...slot, ...activity[i] })),
    cases: findCasesMissingHaves(input.cases, { from, to }, input.now),
    awaitingSignOff: input.awaitingSignOff,
    petitions: findPetitionsMissingHaves(input.petitions, { to }),
    hours,
    balance: dutyBalance(hours),
  };
}
