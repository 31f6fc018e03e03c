import type { Selectable } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import type { StaffTable } from '../shared/db.schema';
import type { Language, Role, Staff } from './staff.models';

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
  return {
    async create(input: NewStaff, trx: DbOrTransaction = db): Promise<Staff> {
      const now = clock.now().toISOString();
      const row = await trx
        .insertInto('staff')
        .values({ ...input, active: 1, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStaff(row);
    },

    async update(id: number, changes: StaffChanges): Promise<Staff | undefined> {
      const { active, ...rest } = changes;
      const row = await db
        .updateTable('staff')
        .set({
          ...rest,
          ...(active === undefined ? {} : { active: active ? 1 : 0 }),
          updated_at: clock.now().toISOString(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toStaff(row);
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

    async findByPhone(phone: string): Promise<Staff | undefined> {
      const row = await db.selectFrom('staff').selectAll().where('phone', '=', phone).executeTakeFirst();
      return row && toStaff(row);
    },

    async list(): Promise<Staff[]> {
      const rows = await db.selectFrom('staff').selectAll().orderBy('id').execute();
      return rows.map(toStaff);
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
