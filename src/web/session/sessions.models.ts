import { HOUR, MINUTE } from '../../shared/clock';
import type { LoginCode } from './sessions.repository';

/** A session ends after this long without a request (SPEC §13). */
export const SESSION_IDLE_MS = 12 * HOUR;
/** Recording every request would make each page view a write; a minute's precision is enough. */
export const TOUCH_EVERY_MS = MINUTE;
export const CODE_TTL_MS = 10 * MINUTE;
/** Wrong tries before a code is spent: six digits cannot be guessed in five. */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes a member may be sent in an hour, so nobody can flood a phone through the login page. */
export const MAX_CODES_PER_HOUR = 5;

export function isSessionIdle(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= SESSION_IDLE_MS;
}

export function isTouchDue(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= TOUCH_EVERY_MS;
}

export type CodeVerdict = 'ok' | 'none' | 'used' | 'expired' | 'spent' | 'wrong';

/** What a typed code is worth against the member's newest one. */
export function judgeCode(code: LoginCode | undefined, typedHash: string, now: Date): CodeVerdict {
  if (!code) return 'none';
  if (code.usedAt !== null) return 'used';
  if (now.getTime() >= Date.parse(code.expiresAt)) return 'expired';
  if (code.attempts >= MAX_CODE_ATTEMPTS) return 'spent';
  return code.codeHash === typedHash ? 'ok' : 'wrong';
}
