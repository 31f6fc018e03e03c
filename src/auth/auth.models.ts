/** A staff member's API token as the hotline keeps it: never the secret, only its hash (not here). */
export interface ApiToken {
  id: number;
  staffId: number;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const DAY_MS = 86_400_000;

/** Ten years: a longer life is no expiry at all, which leaving the option out already says. */
export const MAX_TOKEN_DAYS = 3650;

// Recording every use would turn each API read into a write; a few minutes' precision is enough.
const LAST_USED_PRECISION_MS = 5 * 60_000;

export function tokenExpiry(now: Date, expiresInDays: number | undefined): Date | null {
  return expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * DAY_MS);
}

export function isTokenExpired(token: Pick<ApiToken, 'expiresAt'>, now: Date): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
}

export function isTokenUseWorthRecording(token: Pick<ApiToken, 'lastUsedAt'>, now: Date): boolean {
  return token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= LAST_USED_PRECISION_MS;
}
