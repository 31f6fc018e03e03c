import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../shared/errors';
import type { Role } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { TokensRepository } from './auth.repository';
import { tokensEqual } from './auth.tokens';

/** Who is calling the API: the bootstrap admin (ADMIN_TOKEN) or a staff member by their own token. */
export type Principal = { kind: 'admin'; role: 'admin' } | { kind: 'staff'; staffId: number; role: Role };

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

export function principalOf(req: Request): Principal {
  if (!req.principal)
    throw new AppError(401, 'auth.missing_token', 'Authorization: Bearer <token> is required');
  return req.principal;
}

export function createAuthenticate(deps: {
  adminToken: string | undefined;
  tokens: TokensRepository;
  staff: StaffRepository;
}): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new AppError(401, 'auth.missing_token', 'Authorization: Bearer <token> is required');
    const token = match[1];
    if (deps.adminToken && tokensEqual(token, deps.adminToken)) {
      req.principal = { kind: 'admin', role: 'admin' };
      return next();
    }
    const staffId = await deps.tokens.findStaffIdByToken(token);
    const member = staffId === undefined ? undefined : await deps.staff.findById(staffId);
    if (!member) throw new AppError(401, 'auth.invalid_token', 'The token is not valid');
    req.principal = { kind: 'staff', staffId: member.id, role: member.role };
    next();
  };
}

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
