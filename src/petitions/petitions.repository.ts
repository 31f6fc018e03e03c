import type { Selectable } from 'kysely';
import { OPEN_STATUSES } from '../cases/cases.models';
import type { Db, DbOrTransaction } from '../shared/db';
import type { PetitionsTable } from '../shared/db.schema';
import type { Petition, PetitionFields, Representative } from './petitions.models';

function toPetition(row: Selectable<PetitionsTable>): Petition {
  return {
    caseId: row.case_id,
    headcount: row.headcount,
    representatives: JSON.parse(row.representatives) as Representative[],
    visitDate: row.visit_date,
    demands: row.demands,
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The petitions table's one writer, and its reads. */
export function createPetitionsRepository({ db }: { db: Db }) {
  return {
    async insert(
      trx: DbOrTransaction,
      caseId: number,
      fields: PetitionFields,
      recordedBy: number | null,
      now: string,
    ): Promise<Petition> {
      const row = await trx
        .insertInto('petitions')
        .values({
          case_id: caseId,
          headcount: fields.headcount,
          representatives: JSON.stringify(fields.representatives),
          visit_date: fields.visitDate,
          demands: fields.demands,
          recorded_by: recordedBy,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPetition(row);
    },

    async update(
      trx: DbOrTransaction,
      caseId: number,
      fields: PetitionFields,
      now: string,
    ): Promise<Petition> {
      const row = await trx
        .updateTable('petitions')
        .set({
          headcount: fields.headcount,
          representatives: JSON.stringify(fields.representatives),
          visit_date: fields.visitDate,
          demands: fields.demands,
          updated_at: now,
        })
        .where('case_id', '=', caseId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPetition(row);
    },

    async findByCaseId(caseId: number, trx: DbOrTransaction = db): Promise<Petition | undefined> {
      const row = await trx
        .selectFrom('petitions')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return row ? toPetition(row) : undefined;
    },

    /**
     * Petitions whose case is open first, then the others, newest first within each; a page is
     * `limit` rows from `offset`. A staff member's list holds only the cases they hold.
     */
    async list(page: { limit: number; offset: number; assigneeId?: number }) {
      let query = db
        .selectFrom('petitions')
        .innerJoin('cases', 'cases.id', 'petitions.case_id')
        .selectAll('petitions')
        .select((eb) =>
          eb.case().when('cases.status', 'in', OPEN_STATUSES).then(0).else(1).end().as('closed_rank'),
        );
      if (page.assigneeId !== undefined) query = query.where('cases.assignee_id', '=', page.assigneeId);
      const rows = await query
        .orderBy('closed_rank')
        .orderBy('petitions.created_at', 'desc')
        .orderBy('petitions.case_id', 'desc')
        .limit(page.limit + 1)
        .offset(page.offset)
        .execute();
      const items = rows.slice(0, page.limit).map(({ closed_rank: _, ...row }) => toPetition(row));
      return { items, next: rows.length > page.limit ? page.offset + page.limit : null };
    },

    /** The refs of the cases merged into each of these, oldest first: a petition's linked cases. */
    async mergedRefs(caseIds: readonly number[], trx: DbOrTransaction = db): Promise<Map<number, string[]>> {
      const refs = new Map<number, string[]>(caseIds.map((id) => [id, []]));
      if (caseIds.length === 0) return refs;
      const rows = await trx
        .selectFrom('cases')
        .select(['ref', 'merged_into'])
        .where('merged_into', 'in', [...caseIds])
        .orderBy('id')
        .execute();
      for (const row of rows) refs.get(row.merged_into!)?.push(row.ref);
      return refs;
    },
  };
}

export type PetitionsRepository = ReturnType<typeof createPetitionsRepository>;
