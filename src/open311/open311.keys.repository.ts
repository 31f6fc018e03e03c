import type { Selectable } from 'kysely';
import { generateToken, hashToken } from '../auth/auth.tokens';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Open311KeysTable } from '../shared/db.schema';

/** A partner's Open311 API key, never its secret. */
export interface Open311Key {
  id: number;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

function toKey(row: Selectable<Open311KeysTable>): Open311Key {
  return { id: row.id, name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export function createOpen311KeysRepository({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Issues a key for a partner; the secret is returned here and never again. */
    async issue(name: string): Promise<{ key: string; issued: Open311Key }> {
      const key = generateToken();
      const row = await db
        .insertInto('open311_keys')
        .values({ name, key_hash: hashToken(key), created_at: clock.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { key, issued: toKey(row) };
    },

    /** The live (unrevoked) key with this secret, if any. */
    async findLive(key: string): Promise<Open311Key | undefined> {
      const row = await db
        .selectFrom('open311_keys')
        .selectAll()
        .where('key_hash', '=', hashToken(key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toKey(row);
    },

    async list(): Promise<Open311Key[]> {
      const rows = await db.selectFrom('open311_keys').selectAll().orderBy('id').execute();
      return rows.map(toKey);
    },

    /** False when there is no such key. A second revoke keeps the first time. */
    async revoke(id: number): Promise<boolean> {
      const found = await db.selectFrom('open311_keys').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) return false;
      await db
        .updateTable('open311_keys')
        .set({ revoked_at: clock.now().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    },
  };
}

export type Open311KeysRepository = ReturnType<typeof createOpen311KeysRepository>;
