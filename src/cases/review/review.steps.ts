import type { CallbacksRepository } from '../../callbacks/callbacks.repository';
import type { Categories } from '../../content/categories';
import type { Templates } from '../../content/templates';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { Clock } from '../../shared/clock';
import type { DbOrTransaction } from '../../shared/db';
import { AppError } from '../../shared/errors';
import type { StaffRepository } from '../../staff/staff.repository';
import { reopenCase, signOffCase } from '../cases.lifecycle';
import { type Actor, type Case, needsSignOff, summarize } from '../cases.models';
import type { CasesRepository } from '../cases.repository';
import {
  type CaseReview,
  checkReviewers,
  decideReview,
  isCurrentReview,
  type ReviewOpinion,
  tallyOpinions,
  type Verdict,
} from './review.models';
import type { ReviewsRepository } from './review.repository';

// Each step works inside the caller's transaction (API, console or SMS) and appends its case
// event, as the lifecycle steps do.

// Keeps the Chinese request within two SMS segments.
const RESULT_SUMMARY_LENGTH = 40;
const REASON_LENGTH = 60;

/** The case's open review that still judges its present result, if any. */
export async function findCurrentReview(
  { reviewsRepository }: { reviewsRepository: ReviewsRepository },
  trx: DbOrTransaction,
  found: Case,
  options: { lock?: boolean } = {},
): Promise<CaseReview | undefined> {
  const open = await reviewsRepository.findOpen(found.id, trx, options);
  return open && isCurrentReview(open, found) ? open : undefined;
}

/** A plain sign-off would bypass the reviewers: refused while a review is under way. */
export async function assertNoReviewOpen(
  deps: { reviewsRepository: ReviewsRepository },
  trx: DbOrTransaction,
  found: Case,
): Promise<void> {
  if (await findCurrentReview(deps, trx, found)) {
    throw new AppError(
      409,
      'case.review_open',
      `Case ${found.ref} is under collective review; the reviewers sign it off`,
    );
  }
}

export interface RequestReviewDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  reviewsRepository: ReviewsRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
}

/**
 * Puts a resolved case's result, when it needs a sign-off (needsSignOff), before the leadership team. Only a resolved
 * case: the reviewers judge a result, and one still being worked has none yet. Each reviewer is
 * told by SMS, in their language, how to answer.
 */
export async function requestReview(
  {
    casesRepository,
    staffRepository,
    reviewsRepository,
    outbox,
    templates,
    categories,
    clock,
  }: RequestReviewDeps,
  trx: DbOrTransaction,
  found: Case,
  input: { reviewerIds: number[]; quorum: number },
  actor: Actor,
): Promise<CaseReview> {
  if (!needsSignOff(found)) {
    throw new AppError(
      409,
      'case.sign_off_not_needed',
      `Case ${found.ref} needs no sign-off, so there is none to review`,
    );
  }
  if (found.status !== 'resolved' || found.resolvedAt === null) {
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${found.ref} is ${found.status}; a review judges a result, so request it once resolved`,
    );
  }
  if (found.signedOffAt !== null) {
    throw new AppError(409, 'case.already_signed_off', `Case ${found.ref} is already signed off`);
  }
  const open = await reviewsRepository.findOpen(found.id, trx);
  const now = clock.now().toISOString();
  if (open && isCurrentReview(open, found)) {
    throw new AppError(409, 'review.already_open', `Case ${found.ref} is already under review`);
  }
  if (open) await reviewsRepository.decide(trx, open.id, 'superseded', now);

  const staff = await staffRepository.findByIds(input.reviewerIds, trx);
  const problem = checkReviewers(input.reviewerIds, input.quorum, staff, found);
  if (problem) {
    const who = problem.staffId === undefined ? '' : ` (staff ${problem.staffId})`;
    throw new AppError(400, problem.code, `${REVIEWER_PROBLEMS[problem.code]}${who}`);
  }
  const review = await reviewsRepository.insert(trx, {
    caseId: found.id,
    resolvedAt: found.resolvedAt,
    quorum: input.quorum,
    reviewerIds: input.reviewerIds,
    requestedBy: actor.staffId,
    requestedAt: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'review_requested',
    actor,
    data: { reviewers: input.reviewerIds, quorum: input.quorum },
  });
  for (const staffId of input.reviewerIds) {
    const reviewer = staff.get(staffId)!;
    await outbox.enqueue(trx, {
      to: reviewer.phone,
      purpose: 'review_request',
      caseId: found.id,
      staffId,
      body: templates.render('reviewRequest', reviewer.language, {
        ref: found.ref,
        category: categories.name(found.category, reviewer.language),
        result: summarize(found.result ?? '', RESULT_SUMMARY_LENGTH),
        quorum: String(input.quorum),
        count: String(input.reviewerIds.length),
      }),
    });
  }
  return review;
}

const REVIEWER_PROBLEMS = {
  'review.duplicate_reviewer': 'A reviewer is named twice',
  'review.reviewer_not_found': 'A reviewer is not an active staff member',
  'review.reviewer_not_leader': 'Reviewers are supervisors or admins',
  'review.reviewer_is_assignee': 'The case’s assignee cannot review their own result',
  'review.reviewer_is_concerned': 'The staff member the complaint is about cannot review it',
  'review.invalid_quorum': 'The quorum lies between 1 and the number of reviewers',
} as const;

export interface RecordOpinionDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  reviewsRepository: ReviewsRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  satisfactionWindowHours: number;
}

export interface RecordedOpinion {
  found: Case;
  review: CaseReview;
}

/**
 * A reviewer's agree or disagree, once: an opinion is a record, never changed. The opinion that
 * meets the quorum signs the case off (signOffCase, which closes it if the citizen already
 * answered); the one that makes a majority against reopens it to its assignee, who is told why.
 */
export async function recordOpinion(
  deps: RecordOpinionDeps,
  trx: DbOrTransaction,
  found: Case,
  input: { verdict: Verdict; opinion: string },
  actor: Actor,
): Promise<RecordedOpinion> {
  const { casesRepository, reviewsRepository, clock } = deps;
  const review = await findCurrentReview(deps, trx, found, { lock: true });
  if (!review) throw new AppError(409, 'review.not_open', `Case ${found.ref} has no open review`);
  const staffId = actor.staffId;
  if (staffId === null || !review.reviewerIds.includes(staffId)) {
    throw new AppError(403, 'review.not_reviewer', `You are not a reviewer of case ${found.ref}`);
  }
  if (review.opinions.some((given) => given.staffId === staffId)) {
    throw new AppError(409, 'review.already_answered', `You already gave your opinion on case ${found.ref}`);
  }
  const now = clock.now().toISOString();
  const opinion: ReviewOpinion = { staffId, ...input, channel: actor.channel, at: now };
  await reviewsRepository.addOpinion(trx, review.id, opinion);
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'review_opinion',
    actor,
    data: { verdict: input.verdict, opinion: input.opinion },
  });
  const opinions = [...review.opinions, opinion];
  const decided = { ...review, opinions };
  const outcome = decideReview(review, opinions);
  if (outcome === null) return { found, review: decided };

  await reviewsRepository.decide(trx, review.id, outcome, now);
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'review_decided',
    actor,
    data: { outcome, ...tallyOpinions(opinions) },
  });
  const ended = { ...decided, outcome, decidedAt: now };
  if (outcome === 'signed_off') {
    // A case triaged down to normal during its review needs no sign-off any more: the agreement
    // stays on record, and the case closes as any normal one does.
    const signed = needsSignOff(found) ? await signOffCase(deps, trx, found, actor) : found;
    return { found: signed, review: ended };
  }
  if (outcome === 'reopened') {
    const reason = opinions
      .filter((given) => given.verdict === 'disagree')
      .map((given) => given.opinion)
      .join('; ');
    const reopened = await reopenCase({ casesRepository, clock }, trx, found, `review: ${reason}`, actor);
    await tellAssigneeReturned(deps, trx, reopened, reason);
    return { found: reopened, review: ended };
  }
  return { found, review: ended };
}

async function tellAssigneeReturned(
  { staffRepository, outbox, templates }: RecordOpinionDeps,
  trx: DbOrTransaction,
  found: Case,
  reason: string,
): Promise<void> {
  const assignee =
    found.assigneeId === null ? undefined : await staffRepository.findById(found.assigneeId, trx);
  if (!assignee?.active) return;
  await outbox.enqueue(trx, {
    to: assignee.phone,
    purpose: 'review_returned',
    caseId: found.id,
    staffId: assignee.id,
    body: templates.render('reviewReturned', assignee.language, {
      ref: found.ref,
      reason: summarize(reason, REASON_LENGTH),
    }),
  });
}

/** A supervisor calls off an open review; the case again waits for a sign-off or a new review. */
export async function withdrawReview(
  {
    casesRepository,
    reviewsRepository,
    clock,
  }: Pick<RecordOpinionDeps, 'casesRepository' | 'reviewsRepository' | 'clock'>,
  trx: DbOrTransaction,
  found: Case,
  actor: Actor,
): Promise<CaseReview> {
  const review = await findCurrentReview({ reviewsRepository }, trx, found);
  if (!review) throw new AppError(409, 'review.not_open', `Case ${found.ref} has no open review`);
  const now = clock.now().toISOString();
  await reviewsRepository.decide(trx, review.id, 'withdrawn', now);
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'review_withdrawn',
    actor,
    data: { ...tallyOpinions(review.opinions) },
  });
  return { ...review, outcome: 'withdrawn', decidedAt: now };
}
