import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Role } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { isTokenExpired, isTokenUseWorthRecording } from './auth.models';
import type { TokensRepository } from './auth.repository';
import { tokensEqual } from './auth.tokens';

/** Who is calling the API: the bootstrap admin (ADMIN_TOKEN) or a staff member by their own token. */
export type Principal = { kind: 'admin'; role: 'admin' } | { kind: 'staff'; staffId: number; role: Role };

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
      /** Which credential authenticated the request (`admin`, `token:<id>`): the per-token rate limit's key. */
      credentialKey?: string;
      /** Why a request has no principal, kept until requireAuthentication refuses it. */
      authFailure?: AppError;
    }
  }
}

const missingToken = () =>
  new AppError(401, 'auth.missing_token', 'Authorization: Bearer <token> is required');

export function principalOf(req: Request): Principal {
  if (!req.principal) throw missingToken();
  return req.principal;
}

export interface IdentifyTokenDeps {
  adminToken: string | undefined;
  tokens: TokensRepository;
  staff: StaffRepository;
  clock: Clock;
}

/**
 * Who a bearer token belongs to: the ADMIN_TOKEN bootstrap or a staff member's live token; else why
 * not. The API and the console's token sign-in both ask this.
 */
export async function identifyToken(
  { adminToken, tokens, staff, clock }: IdentifyTokenDeps,
  token: string,
): Promise<{ principal: Principal; credentialKey: string } | { failure: AppError }> {
  if (adminToken && tokensEqual(token, adminToken)) {
    return { principal: { kind: 'admin', role: 'admin' }, credentialKey: 'admin' };
  }
  const found = await tokens.findByToken(token);
  const member = found && (await staff.findById(found.staffId));
  if (!found || !member)
    return { failure: new AppError(401, 'auth.invalid_token', 'The token is not valid') };
  const now = clock.now();
  if (isTokenExpired(found, now)) {
    return { failure: new AppError(401, 'auth.token_expired', 'The token has expired; ask for a new one') };
  }
  if (isTokenUseWorthRecording(found, now)) await tokens.recordUse(found.id, now);
  return {
    principal: { kind: 'staff', staffId: member.id, role: member.role },
    credentialKey: `token:${found.id}`,
  };
}

/**
 * Finds who is calling without refusing anyone yet, so the per-address limit can count the requests
 * that carry no valid token before requireAuthentication turns them away.
 */
export function createAuthenticate(deps: IdentifyTokenDeps): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      req.authFailure = missingToken();
      return next();
    }
    const identified = await identifyToken(deps, match[1]);
    if ('failure' in identified) req.authFailure = identified.failure;
    else {
      req.principal = identified.principal;
      req.credentialKey = identified.credentialKey;
    }
    next();
  };
}

/** Refuses, with the reason authenticate found, a request that carries no valid token. */
export const requireAuthentication: RequestHandler = (req, _res, next) => {
  if (!req.principal) throw req.authFailure ?? missingToken();
  next();
};

const RANK: Record<Role, number> = { staff: 0, supervisor: 1, admin: 2 };

export function requireRole(minimum: Role): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (RANK[principal.role] < RANK[minimum]) {
      throw new AppError(403, 'auth.forbidden', `This needs the ${minimum} role`);
    }
    next();
  };
}
