import {
  checkReviewers,
  decideReview,
  pendingReviewers,
  reviewReminderDue,
} from '../../../src/cases/review/review.models';
import type { Staff } from '../../../src/staff/staff.models';

const three = { quorum: 2, reviewerIds: [1, 2, 3] };
const agree = { verdict: 'agree' as const };
const disagree = { verdict: 'disagree' as const };

describe('what a review’s opinions decide', () => {
  it('the quorum’s agreement signs off; one agree of a quorum of two keeps it open', () => {
    expect(decideReview(three, [agree])).toBeNull();
    expect(decideReview(three, [agree, agree])).toBe('signed_off');
  });

  it('more than half of the reviewers disagreeing reopens; half is not a majority', () => {
    expect(decideReview(three, [disagree])).toBeNull();
    expect(decideReview(three, [disagree, disagree])).toBe('reopened');
    expect(decideReview({ quorum: 3, reviewerIds: [1, 2, 3, 4] }, [disagree, disagree])).toBeNull();
  });

  it('everyone answered and neither rule met: undecided', () => {
    expect(decideReview({ quorum: 3, reviewerIds: [1, 2, 3, 4] }, [agree, agree, disagree, disagree])).toBe(
      'undecided',
    );
  });
});

describe('who may review', () => {
  const member = (id: number, role: Staff['role'], active = true) =>
    [id, { id, role, active } as Staff] as const;
  const staff = new Map([
    member(1, 'supervisor'),
    member(2, 'admin'),
    member(3, 'staff'),
    member(4, 'supervisor', false),
  ]);

  it('distinct active supervisors or admins, not the assignee nor the one complained about, with a quorum they can reach', () => {
    const held = (assigneeId: number | null, concernsStaffId: number | null = null) => ({
      assigneeId,
      concernsStaffId,
    });
    expect(checkReviewers([1, 2], 2, staff, held(3))).toBeNull();
    expect(checkReviewers([1, 1], 1, staff, held(3))?.code).toBe('review.duplicate_reviewer');
    expect(checkReviewers([1, 3], 1, staff, held(null))?.code).toBe('review.reviewer_not_leader');
    expect(checkReviewers([1, 4], 1, staff, held(null))?.code).toBe('review.reviewer_not_found');
    expect(checkReviewers([1, 9], 1, staff, held(null))?.code).toBe('review.reviewer_not_found');
    expect(checkReviewers([1, 2], 1, staff, held(2))?.code).toBe('review.reviewer_is_assignee');
    expect(checkReviewers([1, 2], 1, staff, held(3, 1))?.code).toBe('review.reviewer_is_concerned');
    expect(checkReviewers([1, 2], 3, staff, held(null))?.code).toBe('review.invalid_quorum');
    expect(checkReviewers([1, 2], 0, staff, held(null))?.code).toBe('review.invalid_quorum');
  });
});

describe('reviewer reminders', () => {
  const review = { id: 7, requestedAt: '2027-03-01T02:00:00.000Z' };
  it('none in the first day, then one key per day', () => {
    expect(reviewReminderDue(review, 5, new Date('2027-03-02T01:59:00Z'))).toBeNull();
    expect(reviewReminderDue(review, 5, new Date('2027-03-02T02:00:00Z'))?.key).toBe('review-reminder:7:5:1');
    expect(reviewReminderDue(review, 5, new Date('2027-03-03T01:00:00Z'))?.key).toBe('review-reminder:7:5:1');
    expect(reviewReminderDue(review, 5, new Date('2027-03-03T02:00:00Z'))?.key).toBe('review-reminder:7:5:2');
  });

  it('only reviewers who have not answered are pending', () => {
    expect(pendingReviewers({ reviewerIds: [1, 2, 3], opinions: [{ staffId: 2 } as never] })).toEqual([1, 3]);
  });
});
