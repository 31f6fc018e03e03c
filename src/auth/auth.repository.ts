import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { generateToken, hashToken } from './auth.tokens';

export function createTokensRepository({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Issues a new token for a staff member and returns it in clear, the only time it exists so. */
    async issue(staffId: number): Promise<string> {
      const token = generateToken();
      await db
        .insertInto('staff_tokens')
        .values({ staff_id: staffId, token_hash: hashToken(token), created_at: clock.now().toISOString() })
        .execute();
      return token;
    },

    async findStaffIdByToken(token: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('staff_tokens')
        .innerJoin('staff', 'staff.id', 'staff_tokens.staff_id')
        .select('staff_tokens.staff_id')
        .where('staff_tokens.token_hash', '=', hashToken(token))
        .where('staff_tokens.revoked_at', 'is', null)
        .where('staff.active', '=', 1)
        .executeTakeFirst();
      return row?.staff_id;
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
