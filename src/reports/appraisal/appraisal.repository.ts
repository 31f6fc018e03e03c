import type { Db } from '../../shared/db';

// The per-officer counts the KPIs have no figure for; the rest come from kpis.repository grouped by
// assignee. Stored times are UTC ISO text, so ranges compare as text.

const count = (value: unknown) => Number(value ?? 0);

export function createAppraisalRepository({ db }: { db: Db }) {
  return {
    /** Cases (not merged) that arrived in [from, to), by who holds them. */
    async countAssigned(from: string, to: string): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('cases')
        .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('count')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .where('status', '!=', 'merged')
        .where('assignee_id', 'is not', null)
        .groupBy('assignee_id')
        .execute();
      return new Map(rows.map((row) => [row.assignee_id!, count(row.count)]));
    },

    /** Arrival and acknowledgement of the cases (not merged) acknowledged in [from, to), by holder. */
    async listAcknowledgements(
      from: string,
      to: string,
    ): Promise<{ staffId: number; createdAt: string; acknowledgedAt: string }[]> {
      const rows = await db
        .selectFrom('cases')
        .select(['assignee_id', 'created_at', 'acknowledged_at'])
        .where('acknowledged_at', '>=', from)
        .where('acknowledged_at', '<', to)
        .where('status', '!=', 'merged')
        .where('assignee_id', 'is not', null)
        .execute();
      return rows.map((row) => ({
        staffId: row.assignee_id!,
        createdAt: row.created_at,
        acknowledgedAt: row.acknowledged_at!,
      }));
    },

    /** Call-back tasks completed in [from, to), by who completed them. */
    async countCallbacksDone(from: string, to: string): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('callback_tasks')
        .select((eb) => ['done_by', eb.fn.countAll<number>().as('count')])
        .where('done_at', '>=', from)
        .where('done_at', '<', to)
        .where('done_by', 'is not', null)
        .groupBy('done_by')
        .execute();
      return new Map(rows.map((row) => [row.done_by!, count(row.count)]));
    },
  };
}

export type AppraisalRepository = ReturnType<typeof createAppraisalRepository>;
