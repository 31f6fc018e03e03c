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

/**
 * Finds who is calling without refusing anyone yet, so the per-address limit can count the requests
 * that carry no valid token before requireAuthentication turns them away.
 */
export function createAuthenticate(deps: {
  adminToken: string | undefined;
  tokens: TokensRepository;
  staff: StaffRepository;
  clock: Clock;
}): RequestHandler {
  async function identify(req: Request): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      req.authFailure = missingToken();
      return;
    }
    const token = match[1];
    if (deps.adminToken && tokensEqual(token, deps.adminToken)) {
      req.principal = { kind: 'admin', role: 'admin' };
      req.credentialKey = 'admin';
      return;
    }
    const found = await deps.tokens.findByToken(token);
    const member = found && (await deps.staff.findById(found.staffId));
    if (!found || !member) {
      req.authFailure = new AppError(401, 'auth.invalid_token', 'The token is not valid');
      return;
    }
    const now = deps.clock.now();
    if (isTokenExpired(found, now)) {
      req.authFailure = new AppError(401, 'auth.token_expired', 'The token has expired; ask for a new one');
      return;
    }
    if (isTokenUseWorthRecording(found, now)) await deps.tokens.recordUse(found.id, now);
    req.principal = { kind: 'staff', staffId: member.id, role: member.role };
    req.credentialKey = `token:${found.id}`;
  }

  return async (req: Request, _res: Response, next: NextFunction) => {
    await identify(req);
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
