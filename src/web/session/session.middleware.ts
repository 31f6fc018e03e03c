import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import { tokensEqual } from '../../auth/auth.tokens';
import { AppError } from '../../shared/errors';
import type { ConsoleSession } from './sessions.repository';
import { type CurrentSession, findCurrentSession } from './sessions.usecases';

declare global {
  namespace Express {
    interface Request {
      consoleSession?: ConsoleSession;
    }
  }
}

export const SESSION_COOKIE = 'dutyline_session';
/** Before sign-in there is no session to hold a form token: the login forms pair a cookie with a field. */
export const LOGIN_CSRF_COOKIE = 'dutyline_login_csrf';

export function readCookie(req: Request, name: string): string | undefined {
  return parseCookies(req.get('cookie') ?? '')[name];
}

/** HttpOnly and SameSite=Lax always; Secure when the console is served over https. */
export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number },
): void {
  res.append(
    'Set-Cookie',
    serializeCookie(name, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/console',
      ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
    }),
  );
}

/** Finds the signed-in person from the session cookie, refusing nobody (the login page needs none). */
export function createSessionReader(deps: Parameters<typeof findCurrentSession>[0]): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    const current: CurrentSession | undefined = token ? await findCurrentSession(deps, token) : undefined;
    if (current) {
      req.consoleSession = current.session;
      req.principal = current.principal;
    }
    next();
  };
}

/** Pages need a session: without one the browser goes to the login page, and comes back after. */
export const requireSession: RequestHandler = (req, res, next) => {
  if (req.consoleSession) return next();
  if (req.method !== 'GET')
    throw new AppError(401, 'console.signed_out', 'You are signed out; sign in again');
  res.redirect(303, `/console/login?next=${encodeURIComponent(req.originalUrl)}`);
};

/** Every form of a session carries its token; a post without it, or with another, is refused. */
export const requireFormToken: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const sent = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
  const expected = req.consoleSession?.csrfToken;
  if (!expected || !sent || !tokensEqual(sent, expected)) {
    throw new AppError(403, 'console.csrf', 'The form token is missing or wrong');
  }
  next();
};
