import { formatTime } from '../../shared/time-format';
import type { Staff } from '../../staff/staff.models';
import type { Case } from '../cases.models';
import { type CaseReview, effectiveOutcome, tallyOpinions } from './review.models';

/** The review as GET /api/cases/:ref shows it: who reviews, who said what, the quorum, the outcome. */
export function presentReview(
  review: CaseReview,
  found: Case,
  staff: ReadonlyMap<number, Staff>,
  zone: string,
) {
  const outcome = effectiveOutcome(review, found);
  const person = (id: number | null) => (id === null ? null : { id, name: staff.get(id)?.name ?? null });
  return {
    open: outcome === null,
    quorum: review.quorum,
    requestedAt: formatTime(review.requestedAt, zone),
    requestedBy: person(review.requestedBy),
    reviewers: review.reviewerIds.map((id) => {
      const given = review.opinions.find((opinion) => opinion.staffId === id);
      return {
        ...person(id),
        verdict: given?.verdict ?? null,
        opinion: given?.opinion ?? null,
        at: formatTime(given?.at ?? null, zone),
        channel: given?.channel ?? null,
      };
    }),
    ...tallyOpinions(review.opinions),
    outcome,
    decidedAt: formatTime(review.decidedAt, zone),
  };
}

export type PresentedReview = ReturnType<typeof presentReview>;

/** Everyone a review names, to look their names up at once. */
export function reviewStaffIds(review: CaseReview): number[] {
  return [...review.reviewerIds, ...(review.requestedBy === null ? [] : [review.requestedBy])];
}
