import type { CaseStatus } from '../cases/cases.models';
import type { Db } from '../shared/db';
import type { PublicCase } from './open311.models';

export interface PublicCasesQuery {
  /** When given, these references and nothing else filters ("overrides all other arguments"). */
  refs?: string[];
  categories?: string[];
  statuses?: CaseStatus[];
  /** requested_datetime bounds, inclusive, as stored (UTC ISO text). */
  from: string;
  to: string;
  limit: number;
}

/**
 * Reads cases for Open311's public GETs. It selects the public columns only (never phone,
 * description, recording, assignee or on-duty staff), so no later change to a presenter can leak them.
 */
export function createPublicCasesRepository({ db }: { db: Db }) {
  function selectPublic() {
    // A complaint naming a staff member is never published, whatever its category (SPEC §18).
    return db
      .selectFrom('cases')
      .leftJoin('cases as survivor', 'survivor.id', 'cases.merged_into')
      .where('cases.concerns_staff_id', 'is', null)
      .select([
        'cases.ref',
        'cases.status',
        'cases.category',
        'cases.place_id',
        'cases.result',
        'cases.due_at',
        'cases.resolved_at',
        'cases.created_at',
        'cases.updated_at',
        'survivor.ref as merged_into_ref',
      ]);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof selectPublic>['executeTakeFirstOrThrow']>>;

  function toPublicCase(row: Row): PublicCase {
    return {
      ref: row.ref,
      status: row.status as CaseStatus,
      category: row.category,
      placeId: row.place_id,
      result: row.result,
      mergedIntoRef: row.merged_into_ref,
      dueAt: row.due_at,
      resolvedAt: row.resolved_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  return {
    async list(query: PublicCasesQuery, excludedCategories: string[]): Promise<PublicCase[]> {
      let select = selectPublic();
      if (excludedCategories.length > 0)
        select = select.where('cases.category', 'not in', excludedCategories);
      if (query.refs) {
        select = select.where('cases.ref', 'in', query.refs);
      } else {
        select = select.where('cases.created_at', '>=', query.from).where('cases.created_at', '<=', query.to);
        if (query.categories?.length) select = select.where('cases.category', 'in', query.categories);
        if (query.statuses?.length) select = select.where('cases.status', 'in', query.statuses);
      }
      const rows = await select
        .orderBy('cases.created_at', 'desc')
        .orderBy('cases.id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toPublicCase);
    },

    async findByRef(ref: string): Promise<PublicCase | undefined> {
      const row = await selectPublic().where('cases.ref', '=', ref).executeTakeFirst();
      return row && toPublicCase(row);
    },
  };
}

export type PublicCasesRepository = ReturnType<typeof createPublicCasesRepository>;
