import type { RequestHandler } from 'express';
import rateLimit from 'express-rate-limit';
import { AppError } from '../shared/errors';

const WINDOW_MS = 60_000;

const tooMany = (who: string) =>
  new AppError(429, 'request.rate_limited', `Too many requests ${who}; try again in a minute`);

/**
 * The API's two limits. Requests without a valid token are counted per address, so a noisy client
 * behind an office's shared address cannot lock out its officers; authenticated ones per token, so
 * one busy script cannot slow down everyone else. Mount `unauthenticated` after authenticate and
 * before requireAuthentication, and `perToken` after it.
 */
export function createApiRateLimits(limits: {
  unauthenticatedPerMinute: number;
  perTokenPerMinute: number;
}): {
  unauthenticated: RequestHandler;
  perToken: RequestHandler;
} {
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8', legacyHeaders: false } as const;
  return {
    unauthenticated: rateLimit({
      ...common,
      limit: limits.unauthenticatedPerMinute,
      skip: (req) => req.principal !== undefined,
      handler: (_req, _res, next) => next(tooMany('without a valid token from this address')),
    }),
    perToken: rateLimit({
      ...common,
      limit: limits.perTokenPerMinute,
      keyGenerator: (req) => req.credentialKey ?? 'none',
      handler: (_req, _res, next) => next(tooMany('with this token')),
    }),
  };
}
