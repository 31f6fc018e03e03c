import type { Priority } from '../content/categories';

// Group petitions (SPEC §18): a record carried by one case, the group complaint. Pure rules only.

export interface Representative {
  name: string;
  /** E.164; personal data: staff see it, /public and Open311 never. */
  phone: string;
}

export interface Petition {
  caseId: number;
  headcount: number;
  representatives: Representative[];
  /** The local date of the visit (YYYY-MM-DD), if one was made or is planned. */
  visitDate: string | null;
  demands: string;
  recordedBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What a supervisor records or corrects; on a correction, a field left out stays as it is. */
export interface PetitionFields {
  headcount: number;
  representatives: Representative[];
  visitDate: string | null;
  demands: string;
}

type Change<T> = { from: T; to: T };

/**
 * The `petition_updated` event's data: each field that changed. Representatives are named by count
 * and names only: their phones stay on the petition, out of the audit trail.
 */
export interface PetitionChanges {
  headcount?: Change<number>;
  representatives?: Change<string[]>;
  visitDate?: Change<string | null>;
  demands?: Change<string>;
}

/**
 * The priority a case gets when a petition is recorded on it: a petition is `important` by default,
 * so a normal case is raised; an urgent one stays urgent; a priority the supervisor chose wins.
 */
export function priorityWithPetition(current: Priority, chosen?: Priority): Priority {
  if (chosen !== undefined) return chosen;
  return current === 'normal' ? 'important' : current;
}

const sameRepresentatives = (a: readonly Representative[], b: readonly Representative[]) =>
  a.length === b.length && a.every((each, i) => each.name === b[i].name && each.phone === b[i].phone);

export function diffPetition(before: PetitionFields, after: Partial<PetitionFields>): PetitionChanges {
  const changes: PetitionChanges = {};
  if (after.headcount !== undefined && after.headcount !== before.headcount)
    changes.headcount = { from: before.headcount, to: after.headcount };
  if (after.representatives && !sameRepresentatives(before.representatives, after.representatives))
    changes.representatives = {
      from: before.representatives.map((each) => each.name),
      to: after.representatives.map((each) => each.name),
    };
  if (after.visitDate !== undefined && after.visitDate !== before.visitDate)
    changes.visitDate = { from: before.visitDate, to: after.visitDate };
  if (after.demands !== undefined && after.demands !== before.demands)
    changes.demands = { from: before.demands, to: after.demands };
  return changes;
}
