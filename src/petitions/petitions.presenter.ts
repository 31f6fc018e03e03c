import { formatTime } from '../shared/time-format';
import type { Staff } from '../staff/staff.models';
import type { Petition } from './petitions.models';

/**
 * A petition as the API shows it to staff. Representatives' phones are personal data: this is for
 * staff who may see the case, never for /public or Open311.
 */
export function presentPetition(
  petition: Petition,
  mergedRefs: readonly string[],
  context: { zone: string; staff: Map<number, Staff> },
) {
  const { recordedBy } = petition;
  return {
    headcount: petition.headcount,
    representatives: petition.representatives.map(({ name, phone }) => ({ name, phone })),
    visitDate: petition.visitDate,
    demands: petition.demands,
    mergedCases: [...mergedRefs],
    recordedBy:
      recordedBy === null ? null : { id: recordedBy, name: context.staff.get(recordedBy)?.name ?? null },
    createdAt: formatTime(petition.createdAt, context.zone),
    updatedAt: formatTime(petition.updatedAt, context.zone),
  };
}

export type PetitionJson = ReturnType<typeof presentPetition>;
