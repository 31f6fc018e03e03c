import type { Selectable } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { StaffTokensTable } from '../shared/db.schema';
import type { ApiToken } from './auth.models';
import { generateToken, hashToken } from './auth.tokens';

function toApiToken(row: Selectable<StaffTokensTable>): ApiToken {
  return {
    id: row.id,
    staffId: row.staff_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function createTokensRepository({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Issues a new token for a staff member and returns it in clear, the only time it exists so. */
    async issue(
      staffId: number,
      life: { createdAt: Date; expiresAt: Date | null },
    ): Promise<{ token: string; issued: ApiToken }> {
      const token = generateToken();
      const row = await db
        .insertInto('staff_tokens')
        .values({
          staff_id: staffId,
          token_hash: hashToken(token),
          created_at: life.createdAt.toISOString(),
          expires_at: life.expiresAt?.toISOString() ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token, issued: toApiToken(row) };
    },

    /** The live token of an active member, expired or not: the caller tells the two apart. */
    async findByToken(token: string): Promise<ApiToken | undefined> {
      const row = await db
        .selectFrom('staff_tokens')
        .innerJoin('staff', 'staff.id', 'staff_tokens.staff_id')
        .selectAll('staff_tokens')
        .where('staff_tokens.token_hash', '=', hashToken(token))
        .where('staff_tokens.revoked_at', 'is', null)
        .where('staff.active', '=', 1)
        .executeTakeFirst();
      return row && toApiToken(row);
    },

    async listForStaff(staffId: number): Promise<ApiToken[]> {
      const rows = await db
        .selectFrom('staff_tokens')
        .selectAll()
        .where('staff_id', '=', staffId)
        .orderBy('id')
        .execute();
      return rows.map(toApiToken);
    },

    /** Revokes one of a member's tokens; false when they have no such token. A second revoke keeps the first time. */
    async revoke(staffId: number, tokenId: number): Promise<boolean> {
      const found = await db
        .selectFrom('staff_tokens')
        .select('id')
        .where('id', '=', tokenId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      if (!found) return false;
      await db
        .updateTable('staff_tokens')
        .set({ revoked_at: clock.now().toISOString() })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    },

    async revokeAllForStaff(staffId: number): Promise<number> {
      const revoked = await db
        .updateTable('staff_tokens')
        .set({ revoked_at: clock.now().toISOString() })
        .where('staff_id', '=', staffId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(revoked.numUpdatedRows);
    },

    async recordUse(tokenId: number, at: Date): Promise<void> {
      await db
        .updateTable('staff_tokens')
        .set({ last_used_at: at.toISOString() })
        .where('id', '=', tokenId)
        .execute();
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
