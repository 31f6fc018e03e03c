import type { Selectable, Transaction } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import type { Database, StaffTable } from '../shared/db.schema';
import type { Language, Role, Staff } from './staff.models';
import type { StatusChange } from './staff.status';

function toStaff(row: Selectable<StaffTable>): Staff {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    role: row.role,
    language: row.language,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewStaff {
  name: string;
  phone: string;
  role: Role;
  language: Language;
}

export type StaffChanges = Partial<NewStaff & { active: boolean }>;

export function createStaffRepository({ db, clock }: { db: Db; clock: Clock }) {
  // A caller's transaction (an import's) is joined; otherwise the writes get one of their own.
  const inTransaction = <T>(executor: DbOrTransaction, write: (trx: Transaction<Database>) => Promise<T>) =>
    executor.isTransaction ? write(executor as Transaction<Database>) : db.transaction().execute(write);

  // The only writer of staff_status_changes.
  const recordStatus = (trx: Transaction<Database>, staffId: number, active: boolean, at: string) =>
    trx
      .insertInto('staff_status_changes')
      .values({ staff_id: staffId, active: active ? 1 : 0, at })
      .execute();

  return {
    async create(input: NewStaff, executor: DbOrTransaction = db): Promise<Staff> {
      const now = clock.now().toISOString();
      return inTransaction(executor, async (trx) => {
        const row = await trx
          .insertInto('staff')
          .values({ ...input, active: 1, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordStatus(trx, row.id, true, now);
        return toStaff(row);
      });
    },

    /** A change of `active` is kept with its time too, so the roster's past keeps who was active then. */
    async update(id: number, changes: StaffChanges): Promise<Staff | undefined> {
      const { active, ...rest } = changes;
      const now = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('staff').select('active').where('id', '=', id).executeTakeFirst();
        const row = await trx
          .updateTable('staff')
          .set({
            ...rest,
            ...(active === undefined ? {} : { active: active ? 1 : 0 }),
            updated_at: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (row && before && row.active !== before.active) await recordStatus(trx, id, row.active === 1, now);
        return row && toStaff(row);
      });
    },

    /** Every member's status changes, for the roster's record of who was active when. */
    async listStatusChanges(executor: DbOrTransaction = db): Promise<StatusChange[]> {
      const rows = await executor
        .selectFrom('staff_status_changes')
        .select(['staff_id', 'active', 'at'])
        .orderBy('staff_id')
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ staffId: row.staff_id, active: row.active === 1, at: row.at }));
    },

    async findById(id: number, trx: DbOrTransaction = db): Promise<Staff | undefined> {
      const row = await trx.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStaff(row);
    },

    async findByIds(ids: number[], trx: DbOrTransaction = db): Promise<Map<number, Staff>> {
      if (ids.length === 0) return new Map();
      const rows = await trx.selectFrom('staff').selectAll().where('id', 'in', ids).execute();
      return new Map(rows.map((row) => [row.id, toStaff(row)]));
    },

    async findActiveByPhone(phone: string, trx: DbOrTransaction = db): Promise<Staff | undefined> {
      const row = await trx
        .selectFrom('staff')
        .selectAll()
        .where('phone', '=', phone)
        .where('active', '=', 1)
        .executeTakeFirst();
      return row && toStaff(row);
    },

    /** Every active supervisor, oldest first; read through the caller's transaction when in one. */
    async listActiveSupervisors(executor: DbOrTransaction = db): Promise<Staff[]> {
      const rows = await executor
        .selectFrom('staff')
        .selectAll()
        .where('role', '=', 'supervisor')
        .where('active', '=', 1)
        .orderBy('id')
        .execute();
      return rows.map(toStaff);
    },

    async findByPhone(phone: string): Promise<Staff | undefined> {
      const row = await db.selectFrom('staff').selectAll().where('phone', '=', phone).executeTakeFirst();
      return row && toStaff(row);
    },

    async list(executor: DbOrTransaction = db): Promise<Staff[]> {
      const rows = await executor.selectFrom('staff').selectAll().orderBy('id').execute();
      return rows.map(toStaff);
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
