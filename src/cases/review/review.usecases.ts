import type { Principal } from '../../auth/auth.middleware';
import type { CallbacksRepository } from '../../callbacks/callbacks.repository';
import type { Categories } from '../../content/categories';
import type { Templates } from '../../content/templates';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { Clock } from '../../shared/clock';
import type { Db, DbOrTransaction } from '../../shared/db';
import type { StaffRepository } from '../../staff/staff.repository';
import { actorOf, assertVisible } from '../cases.access';
import type { Case, EventChannel } from '../cases.models';
import type { CasesRepository } from '../cases.repository';
import type { CaseReview, Verdict } from './review.models';
import { presentReview, reviewStaffIds } from './review.presenter';
import type { ReviewsRepository } from './review.repository';
import { recordOpinion, requestReview, withdrawReview } from './review.steps';

export interface ReviewServiceDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  reviewsRepository: ReviewsRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  satisfactionWindowHours: number;
  /** The hotline's zone, for the review's times. */
  zone: string;
  kickOutbox: () => void;
}

/** Collective review through the API and the console, each step in one transaction with its texts. */
export function createReviewService(deps: ReviewServiceDeps) {
  const { db, casesRepository, staffRepository, reviewsRepository, kickOutbox, zone } = deps;

  async function onVisibleCase<T>(
    ref: string,
    principal: Principal,
    step: (trx: DbOrTransaction, found: Case) => Promise<T>,
  ): Promise<T> {
    const result = await db.transaction().execute(async (trx) => {
      const found = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
      return step(trx, found);
    });
    kickOutbox();
    return result;
  }

  return {
    /** Supervisors only (the route checks the role). */
    request(
      ref: string,
      input: { reviewers: number[]; quorum: number },
      principal: Principal,
      channel: EventChannel = 'api',
    ): Promise<CaseReview> {
      return onVisibleCase(ref, principal, (trx, found) =>
        requestReview(
          deps,
          trx,
          found,
          { reviewerIds: input.reviewers, quorum: input.quorum },
          actorOf(principal, channel),
        ),
      );
    },

    recordOpinion(
      ref: string,
      input: { verdict: Verdict; opinion: string },
      principal: Principal,
      channel: EventChannel = 'api',
    ) {
      return onVisibleCase(ref, principal, (trx, found) =>
        recordOpinion(deps, trx, found, input, actorOf(principal, channel)),
      );
    },

    /** Supervisors only (the route checks the role). */
    withdraw(ref: string, principal: Principal, channel: EventChannel = 'api'): Promise<CaseReview> {
      return onVisibleCase(ref, principal, (trx, found) =>
        withdrawReview(deps, trx, found, actorOf(principal, channel)),
      );
    },

    /** The case's newest review as the API and the console show it, or null when it never had one. */
    async present(found: Case) {
      const review = await reviewsRepository.findLatest(found.id);
      if (!review) return null;
      return presentReview(review, found, await staffRepository.findByIds(reviewStaffIds(review)), zone);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
