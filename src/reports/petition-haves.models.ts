import { type CaseHaves, type Have, missingHaves } from './case-haves.models';

/** A petition's case as the duty-gap report reads it: the case's haves and the petition's figures. */
export interface PetitionHaves extends Omit<CaseHaves, 'dueAt'> {
  priority: string;
  headcount: number;
  representatives: number;
  visitDate: string | null;
  mergedRefs: string[];
  recordedAt: Date;
  dueAt: Date | null;
}

export type PetitionMissingHaves = Omit<PetitionHaves, 'result' | 'feedbackDeliveredAt' | 'feedbackVia'> & {
  missing: Have[];
};

/**
 * The petitions a duty-gap window lists on their own: every one recorded before the window's end
 * whose case still lacks one of the four haves now, whatever its deadline, oldest first. A group
 * petition is followed until its result reached the citizen, not only once its deadline passed.
 */
export function findPetitionsMissingHaves(
  petitions: readonly PetitionHaves[],
  window: { to: Date },
): PetitionMissingHaves[] {
  return petitions
    .filter((item) => item.recordedAt.getTime() < window.to.getTime())
    .map(({ result, feedbackDeliveredAt, feedbackVia, ...item }) => ({
      ...item,
      missing: missingHaves({ assigneeId: item.assigneeId, result, feedbackDeliveredAt, feedbackVia }),
    }))
    .filter((item) => item.missing.length > 0)
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.ref.localeCompare(b.ref));
}
