import { formatTime } from '../shared/time-format';
import type { ApiToken } from './auth.models';

/** A token as the API lists it: when it was made, expires, was revoked and last used; never a secret. */
export function presentToken(token: ApiToken, zone: string) {
  return {
    id: token.id,
    createdAt: formatTime(token.createdAt, zone),
    expiresAt: formatTime(token.expiresAt, zone),
    revokedAt: formatTime(token.revokedAt, zone),
    lastUsedAt: formatTime(token.lastUsedAt, zone),
  };
}
