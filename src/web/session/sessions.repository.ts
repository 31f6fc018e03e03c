import type { Selectable } from 'kysely';
import type { Db, DbOrTransaction } from '../../shared/db';
import type { ConsoleSessionsTable, LoginCodesTable } from '../../shared/db.schema';
import type { Language, Role } from '../../staff/staff.models';

export interface ConsoleSession {
  id: number;
  staffId: number | null;
  role: Role;
  language: Language;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt: string | null;
}

export interface LoginCode {
  id: number;
  staffId: number;
  codeHash: string;
  createdAt: string;
  expiresAt: string;
  attempts: number;
  usedAt: string | null;
}

function toSession(row: Selectable<ConsoleSessionsTable>): ConsoleSession {
  return {
    id: row.id,
    staffId: row.staff_id,
    role: row.role,
    language: row.language,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    endedAt: row.ended_at,
  };
}

function toLoginCode(row: Selectable<LoginCodesTable>): LoginCode {
  return {
    id: row.id,
    staffId: row.staff_id,
    codeHash: row.code_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    attempts: row.attempts,
    usedAt: row.used_at,
  };
}

/** Console sign-ins and the one-time codes that open them; the only writer of both tables. */
export function createSessionsRepository({ db }: { db: Db }) {
  return {
    async create(session: {
      tokenHash: string;
      staffId: number | null;
      role: Role;
      language: Language;
      csrfToken: string;
      at: string;
    }): Promise<ConsoleSession> {
      const row = await db
        .insertInto('console_sessions')
        .values({
          token_hash: session.tokenHash,
          staff_id: session.staffId,
          role: session.role,
          language: session.language,
          csrf_token: session.csrfToken,
          created_at: session.at,
          last_seen_at: session.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },

    async findLive(tokenHash: string): Promise<ConsoleSession | undefined> {
      const row = await db
        .selectFrom('console_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return row && toSession(row);
    },

    async touch(id: number, at: string): Promise<void> {
      await db.updateTable('console_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },

    async setLanguage(id: number, language: Language): Promise<void> {
      await db.updateTable('console_sessions').set({ language }).where('id', '=', id).execute();
    },

    async end(id: number, at: string): Promise<void> {
      await db
        .updateTable('console_sessions')
        .set({ ended_at: at })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .execute();
    },

    /** A member who is deactivated, or whose role changes, signs in again. */
    async endAllForStaff(staffId: number, at: string): Promise<void> {
      await db
        .updateTable('console_sessions')
        .set({ ended_at: at })
        .where('staff_id', '=', staffId)
        .where('ended_at', 'is', null)
        .execute();
    },

    async createCode(
      trx: DbOrTransaction,
      code: { staffId: number; codeHash: string; at: string; expiresAt: string },
    ) {
      await trx
        .insertInto('login_codes')
        .values({
          staff_id: code.staffId,
          code_hash: code.codeHash,
          created_at: code.at,
          expires_at: code.expiresAt,
        })
        .execute();
    },

    async countCodesSince(staffId: number, since: string): Promise<number> {
      const row = await db
        .selectFrom('login_codes')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('staff_id', '=', staffId)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** The newest code of a member: only it can open a session. */
    async findNewestCode(staffId: number): Promise<LoginCode | undefined> {
      const row = await db
        .selectFrom('login_codes')
        .selectAll()
        .where('staff_id', '=', staffId)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && toLoginCode(row);
    },

    async countAttempt(id: number): Promise<void> {
      await db
        .updateTable('login_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },

    /** Marks the code used; false when it was used meanwhile, so one code opens one session. */
    async useCode(id: number, at: string): Promise<boolean> {
      const result = await db
        .updateTable('login_codes')
        .set({ used_at: at })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
