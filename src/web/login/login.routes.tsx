import type { Request, Response } from 'express';
import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { generateToken, tokensEqual } from '../../auth/auth.tokens';
import { AppError } from '../../shared/errors';
import { LANGUAGES, type Language } from '../../staff/staff.models';
import { renderDocument } from '../render';
import { LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setCookie } from '../session/session.middleware';
import { SESSION_IDLE_MS } from '../session/sessions.models';
import type { SessionsRepository } from '../session/sessions.repository';
import {
  type LoginWithTokenDeps,
  loginWithToken,
  type RequestLoginCodeDeps,
  requestLoginCode,
  type SignedIn,
  type VerifyLoginCodeDeps,
  verifyLoginCode,
} from '../session/sessions.usecases';
import { type LoginKey, loginMessages } from './login.i18n';
import { LoginPage, type LoginView } from './login.page';

export interface LoginRoutesDeps {
  requestCode: RequestLoginCodeDeps;
  verifyCode: VerifyLoginCodeDeps;
  withToken: LoginWithTokenDeps;
  sessionsRepository: SessionsRepository;
  defaultLanguage: Language;
  /** Cookies say Secure when the console is reached over https. */
  secureCookies: boolean;
}

/** Only a path inside the console: a login link must never send anyone elsewhere. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/|$|\?)/.test(value) && !value.startsWith('//')
    ? value
    : '/console';
}

function languageOf(value: unknown, fallback: Language): Language {
  return LANGUAGES.find((language) => language === value) ?? fallback;
}

/** /console/login: ask for a code, sign in with it or with a token; /console/logout. */
export function createLoginRouter(deps: LoginRoutesDeps): Router {
  const router = Router();
  // Per address, on top of the per-code tries and per-phone codes: guessing is slow from anywhere.
  const limitTries = rateLimit({
    windowMs: 15 * 60_000,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError(429, 'request.rate_limited', 'Too many sign-in tries');
    },
  });

  /** The login form's token pairs a cookie with a field, as there is no session yet to hold it. */
  function formToken(req: Request, res: Response): string {
    const existing = readCookie(req, LOGIN_CSRF_COOKIE);
    if (existing) return existing;
    const token = generateToken();
    setCookie(res, LOGIN_CSRF_COOKIE, token, { secure: deps.secureCookies });
    return token;
  }

  function show(req: Request, res: Response, view: Omit<LoginView, 'csrfToken'>, status = 200) {
    res
      .status(status)
      .type('html')
      .send(renderDocument(<LoginPage {...view} csrfToken={formToken(req, res)} />));
  }

  function viewOf(req: Request) {
    const source = req.method === 'GET' ? req.query : req.body;
    return {
      language: languageOf(source?.language ?? source?.lang, deps.defaultLanguage),
      next: safeNext(source?.next),
    };
  }

  /** Runs a login step; a refusal shows the form again with the reason, in the page's language. */
  async function attempt(req: Request, res: Response, step: () => Promise<void>, retry: Partial<LoginView>) {
    const view = viewOf(req);
    const sent = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
    const expected = readCookie(req, LOGIN_CSRF_COOKIE) ?? '';
    try {
      if (!sent || !expected || !tokensEqual(sent, expected)) {
        throw new AppError(403, 'console.csrf', 'The form token is missing or wrong');
      }
      await step();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const t = loginMessages(view.language);
      const known = error.code in loginMessages('en') ? t(error.code as LoginKey) : error.message;
      show(req, res, { ...view, ...retry, error: known }, error.status);
    }
  }

  function signIn(res: Response, signedIn: SignedIn, next: string) {
    setCookie(res, SESSION_COOKIE, signedIn.token, {
      secure: deps.secureCookies,
      maxAgeSeconds: SESSION_IDLE_MS / 1000,
    });
    res.redirect(303, next);
  }

  router.get('/login', (req, res) => {
    if (req.consoleSession) return res.redirect(303, safeNext(req.query.next));
    show(req, res, { ...viewOf(req), signedOut: req.query.signedOut === '1' });
  });

  router.post('/login/code', limitTries, (req, res) =>
    attempt(
      req,
      res,
      async () => {
        const phone = String(req.body?.phone ?? '');
        await requestLoginCode(deps.requestCode, phone);
        show(req, res, { ...viewOf(req), phone, codeSent: true });
      },
      { phone: String(req.body?.phone ?? '') },
    ),
  );

  router.post('/login/verify', limitTries, (req, res) =>
    attempt(
      req,
      res,
      async () => {
        const signedIn = await verifyLoginCode(
          deps.verifyCode,
          String(req.body?.phone ?? ''),
          String(req.body?.code ?? ''),
        );
        signIn(res, signedIn, viewOf(req).next);
      },
      { phone: String(req.body?.phone ?? ''), codeSent: true },
    ),
  );

  router.post('/login/token', limitTries, (req, res) =>
    attempt(
      req,
      res,
      async () => {
        const { language, next } = viewOf(req);
        signIn(res, await loginWithToken(deps.withToken, String(req.body?.token ?? ''), language), next);
      },
      {},
    ),
  );

  return router;
}
