import crypto from 'node:crypto';
import type { Db } from './db';

export function createSettingsRepository({ db }: { db: Db }) {
  async function get(key: string): Promise<string | undefined> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  return {
    get,
    /** Returns the stored value, creating it once with `make()` if absent. */
    async getOrCreate(key: string, make: () => string): Promise<string> {
      await db
        .insertInto('settings')
        .values({ key, value: make() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return (await get(key))!;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;

export const LOCAL_SIGNING_TOKEN_KEY = 'twilio.local_signing_token';

/**
 * The token webhooks are signed with: the account's auth token, or, in offline mode, a local
 * token the server creates once and keeps, so that the simulator and tests can sign like Twilio.
 */
export async function resolveSigningToken(
  settings: SettingsRepository,
  twilioAuthToken: string | undefined,
): Promise<string> {
  if (twilioAuthToken) return twilioAuthToken;
  return settings.getOrCreate(LOCAL_SIGNING_TOKEN_KEY, () => crypto.randomBytes(24).toString('hex'));
}
