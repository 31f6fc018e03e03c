import type { Request } from 'express';
import type { Principal } from '../auth/auth.middleware';
import { AppError } from '../shared/errors';
import type { Language, Staff } from '../staff/staff.models';
import { type CommonTranslate, commonMessages } from './i18n/common.i18n';
import type { ConsoleSession } from './session/sessions.repository';

/** Who is looking at a page, in which language and zone: what every page and its frame need. */
export interface PageContext {
  principal: Principal;
  /** Null for the ADMIN_TOKEN bootstrap, who is nobody on the staff list. */
  viewer: Staff | null;
  language: Language;
  csrfToken: string;
  /** The hotline's zone: every time on a page is shown in it. */
  zone: string;
  /** The path the page was asked for, to mark the navigation. */
  path: string;
  t: CommonTranslate;
}

export function pageContextOf(req: Request, viewer: Staff | null, zone: string): PageContext {
  const session: ConsoleSession | undefined = req.consoleSession;
  if (!session || !req.principal) throw new AppError(401, 'console.signed_out', 'You are signed out');
  return {
    principal: req.principal,
    viewer,
    language: session.language,
    csrfToken: session.csrfToken,
    zone,
    path: req.originalUrl.split('?')[0],
    t: commonMessages(session.language),
  };
}

export function isSupervisor(principal: Principal): boolean {
  return principal.role === 'supervisor' || principal.role === 'admin';
}
