import type { Staff } from '../../staff/staff.models';
import { canSeeAllCases } from '../../staff/staff.models';
import type { Case } from '../cases.models';

export const VERDICTS = ['agree', 'disagree'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How a review ended: the quorum agreed (signed off), a majority disagreed (reopened), everyone
 * answered and neither happened (undecided: the case waits for a sign-off or a new review), a
 * supervisor withdrew it, or the case left the resolution it judged (superseded).
 */
export type ReviewOutcome = 'signed_off' | 'reopened' | 'undecided' | 'withdrawn' | 'superseded';

export interface ReviewOpinion {
  staffId: number;
  verdict: Verdict;
  opinion: string;
  channel: string;
  at: string;
}

export interface CaseReview {
  id: number;
  caseId: number;
  /** The resolution under review (the case's resolvedAt when it was requested). */
  resolvedAt: string;
  quorum: number;
  reviewerIds: number[];
  requestedBy: number | null;
  requestedAt: string;
  outcome: ReviewOutcome | null;
  decidedAt: string | null;
  opinions: ReviewOpinion[];
}

/** An open review speaks for the case only while the case still awaits the sign-off of that result. */
export function isCurrentReview(
  review: Pick<CaseReview, 'outcome' | 'resolvedAt'>,
  found: Pick<Case, 'status' | 'signedOffAt' | 'resolvedAt'>,
): boolean {
  return (
    review.outcome === null &&
    found.status === 'resolved' &&
    found.signedOffAt === null &&
    review.resolvedAt === found.resolvedAt
  );
}

/**
 * The outcome as it stands: an undecided review whose case left that resolution (reopened by the
 * citizen, say) is superseded, even before anything records it.
 */
export function effectiveOutcome(
  review: Pick<CaseReview, 'outcome' | 'resolvedAt'>,
  found: Pick<Case, 'status' | 'signedOffAt' | 'resolvedAt'>,
): ReviewOutcome | null {
  if (review.outcome !== null) return review.outcome;
  return isCurrentReview(review, found) ? null : 'superseded';
}

export interface ReviewTally {
  agree: number;
  disagree: number;
}

export function tallyOpinions(opinions: readonly Pick<ReviewOpinion, 'verdict'>[]): ReviewTally {
  const agree = opinions.filter((opinion) => opinion.verdict === 'agree').length;
  return { agree, disagree: opinions.length - agree };
}

/**
 * What the opinions so far decide, or null while the review stays open. The quorum's agreement
 * signs off; more than half of all reviewers disagreeing sends the case back. Each opinion moves
 * one count, so the first rule met is the only one.
 */
export function decideReview(
  review: Pick<CaseReview, 'quorum' | 'reviewerIds'>,
  opinions: readonly Pick<ReviewOpinion, 'verdict'>[],
): Extract<ReviewOutcome, 'signed_off' | 'reopened' | 'undecided'> | null {
  const { agree, disagree } = tallyOpinions(opinions);
  if (agree >= review.quorum) return 'signed_off';
  if (disagree * 2 > review.reviewerIds.length) return 'reopened';
  if (agree + disagree >= review.reviewerIds.length) return 'undecided';
  return null;
}

export type ReviewerProblem =
  | { code: 'review.duplicate_reviewer'; staffId: number }
  | { code: 'review.reviewer_not_found'; staffId: number }
  | { code: 'review.reviewer_not_leader'; staffId: number }
  | { code: 'review.reviewer_is_assignee'; staffId: number }
  | { code: 'review.reviewer_is_concerned'; staffId: number }
  | { code: 'review.invalid_quorum'; staffId?: undefined };

/**
 * Reviewers are the leadership team: distinct active supervisors or admins, never the case's
 * assignee (who would judge their own work) nor the staff member a complaint is about; the quorum
 * lies between 1 and their number.
 */
export function checkReviewers(
  reviewerIds: readonly number[],
  quorum: number,
  staff: ReadonlyMap<number, Staff>,
  found: Pick<Case, 'assigneeId' | 'concernsStaffId'>,
): ReviewerProblem | null {
  const seen = new Set<number>();
  for (const staffId of reviewerIds) {
    if (seen.has(staffId)) return { code: 'review.duplicate_reviewer', staffId };
    seen.add(staffId);
    const member = staff.get(staffId);
    if (!member?.active) return { code: 'review.reviewer_not_found', staffId };
    if (!canSeeAllCases(member.role)) return { code: 'review.reviewer_not_leader', staffId };
    if (staffId === found.assigneeId) return { code: 'review.reviewer_is_assignee', staffId };
    if (staffId === found.concernsStaffId) return { code: 'review.reviewer_is_concerned', staffId };
  }
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > reviewerIds.length) {
    return { code: 'review.invalid_quorum' };
  }
  return null;
}

export const REVIEW_REMINDER_PERIOD_MS = 24 * 3_600_000;

/**
 * Which reminder a reviewer who has not answered is owed at `now`: the first a full period after
 * the request, then one each period after; null before the first. Its key makes each one once.
 */
export function reviewReminderDue(
  review: Pick<CaseReview, 'id' | 'requestedAt'>,
  staffId: number,
  now: Date,
): { period: number; key: string } | null {
  const elapsed = now.getTime() - new Date(review.requestedAt).getTime();
  const period = Math.floor(elapsed / REVIEW_REMINDER_PERIOD_MS);
  if (period < 1) return null;
  return { period, key: `review-reminder:${review.id}:${staffId}:${period}` };
}

/** Reviewers still to give their opinion. */
export function pendingReviewers(review: Pick<CaseReview, 'reviewerIds' | 'opinions'>): number[] {
  const answered = new Set(review.opinions.map((opinion) => opinion.staffId));
  return review.reviewerIds.filter((staffId) => !answered.has(staffId));
}
