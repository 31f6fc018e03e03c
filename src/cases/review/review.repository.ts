import type { Selectable } from 'kysely';
import type { Db, DbOrTransaction } from '../../shared/db';
import type { CaseReviewOpinionsTable, CaseReviewsTable } from '../../shared/db.schema';
import { sqlDialectName } from '../../shared/sql-dialect';
import type { CaseReview, ReviewOpinion, ReviewOutcome, Verdict } from './review.models';

export interface NewReview {
  caseId: number;
  resolvedAt: string;
  quorum: number;
  reviewerIds: number[];
  requestedBy: number | null;
  requestedAt: string;
}

function toOpinion(row: Selectable<CaseReviewOpinionsTable>): ReviewOpinion {
  return {
    staffId: row.staff_id,
    verdict: row.verdict as Verdict,
    opinion: row.opinion,
    channel: row.channel,
    at: row.at,
  };
}

export function createReviewsRepository({ db }: { db: Db }) {
  async function load(
    trx: DbOrTransaction,
    row: Selectable<CaseReviewsTable> | undefined,
  ): Promise<CaseReview | undefined> {
    if (!row) return undefined;
    const reviewers = await trx
      .selectFrom('case_review_reviewers')
      .select('staff_id')
      .where('review_id', '=', row.id)
      .orderBy('staff_id')
      .execute();
    const opinions = await trx
      .selectFrom('case_review_opinions')
      .selectAll()
      .where('review_id', '=', row.id)
      .orderBy('at')
      .orderBy('staff_id')
      .execute();
    return {
      id: row.id,
      caseId: row.case_id,
      resolvedAt: row.resolved_at,
      quorum: row.quorum,
      reviewerIds: reviewers.map((reviewer) => reviewer.staff_id),
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      outcome: row.outcome as ReviewOutcome | null,
      decidedAt: row.decided_at,
      opinions: opinions.map(toOpinion),
    };
  }

  return {
    async insert(trx: DbOrTransaction, review: NewReview): Promise<CaseReview> {
      const { id } = await trx
        .insertInto('case_reviews')
        .values({
          case_id: review.caseId,
          resolved_at: review.resolvedAt,
          quorum: review.quorum,
          requested_by: review.requestedBy,
          requested_at: review.requestedAt,
          outcome: null,
          decided_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('case_review_reviewers')
        .values(review.reviewerIds.map((staffId) => ({ review_id: id, staff_id: staffId })))
        .execute();
      return (await load(
        trx,
        await trx.selectFrom('case_reviews').selectAll().where('id', '=', id).executeTakeFirst(),
      ))!;
    },

    /**
     * The case's review not yet decided, if any. `lock` holds its row to the end of the transaction
     * on PostgreSQL, so that two last opinions arriving together are counted one after the other
     * (SQLite has one writer at a time already).
     */
    async findOpen(
      caseId: number,
      trx: DbOrTransaction = db,
      { lock = false }: { lock?: boolean } = {},
    ): Promise<CaseReview | undefined> {
      const row = await trx
        .selectFrom('case_reviews')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('decided_at', 'is', null)
        .$if(lock && sqlDialectName(trx) === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
      return load(trx, row);
    },

    /** The case's newest review, open or decided: what the case's page shows. */
    async findLatest(caseId: number, trx: DbOrTransaction = db): Promise<CaseReview | undefined> {
      const row = await trx
        .selectFrom('case_reviews')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return load(trx, row);
    },

    /** Open reviews requested at or before `before`: those that may owe a reminder. */
    async listOpenRequestedBefore(before: Date): Promise<CaseReview[]> {
      const rows = await db
        .selectFrom('case_reviews')
        .selectAll()
        .where('decided_at', 'is', null)
        .where('requested_at', '<=', before.toISOString())
        .orderBy('requested_at')
        .orderBy('id')
        .execute();
      const reviews: CaseReview[] = [];
      for (const row of rows) reviews.push((await load(db, row))!);
      return reviews;
    },

    async addOpinion(trx: DbOrTransaction, reviewId: number, opinion: ReviewOpinion): Promise<void> {
      await trx
        .insertInto('case_review_opinions')
        .values({
          review_id: reviewId,
          staff_id: opinion.staffId,
          verdict: opinion.verdict,
          opinion: opinion.opinion,
          channel: opinion.channel,
          at: opinion.at,
        })
        .execute();
    },

    /** Ends an open review; false when it was already decided (someone else got there first). */
    async decide(
      trx: DbOrTransaction,
      reviewId: number,
      outcome: ReviewOutcome,
      at: string,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('case_reviews')
        .set({ outcome, decided_at: at })
        .where('id', '=', reviewId)
        .where('decided_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type ReviewsRepository = ReturnType<typeof createReviewsRepository>;
