import express, { Router } from 'express';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { LANGUAGES } from '../staff/staff.models';
import { CONSOLE_CSS } from './assets/console.css';
import { type CampaignPagesDeps, createCampaignPagesRouter } from './campaigns/campaigns.routes';
import { type CasesPagesDeps, createCasesPagesRouter } from './cases/cases.routes';
import { createConsoleErrorHandler } from './errors/error.handler';
import { createLoginRouter, type LoginRoutesDeps } from './login/login.routes';
import { createMyRouter, type MyRoutesDeps } from './my/my.routes';
import { createPetitionPagesRouter, type PetitionPagesDeps } from './petitions/petitions.routes';
import { createReportPagesRouter, type ReportPagesDeps } from './reports/reports.routes';
import { createRosterPagesRouter, type RosterPagesDeps, readRosterImportForm } from './roster/roster.routes';
import {
  createSessionReader,
  requireFormToken,
  requireSession,
  SESSION_COOKIE,
  setCookie,
} from './session/session.middleware';
import type { SessionsRepository } from './session/sessions.repository';
import type { findCurrentSession } from './session/sessions.usecases';
import { createTodayRouter, type TodayRoutesDeps } from './today/today.routes';

export interface ConsoleDeps {
  session: Parameters<typeof findCurrentSession>[0];
  sessionsRepository: SessionsRepository;
  login: LoginRoutesDeps;
  today: TodayRoutesDeps;
  my: MyRoutesDeps;
  roster: RosterPagesDeps;
  cases: CasesPagesDeps;
  reports: ReportPagesDeps;
  campaigns: CampaignPagesDeps;
  petitions: PetitionPagesDeps;
  logger: Logger;
  secureCookies: boolean;
}

/** Everything under /console: the login page, then the pages of a signed-in person. */
export function createConsoleRouter(deps: ConsoleDeps): Router {
  const router = Router();
  router.get('/assets/console.css', (_req, res) => {
    res.type('text/css').set('cache-control', 'public, max-age=3600').send(CONSOLE_CSS);
  });
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 200 }));
  router.use(createSessionReader(deps.session));
  router.use(createLoginRouter(deps.login));

  // The roster's CSV import posts a file: its form, token included, is read before the token check.
  router.post('/roster/import', requireSession, readRosterImportForm);
  router.use(requireSession, requireFormToken);
  router.post('/logout', async (req, res) => {
    await deps.sessionsRepository.end(req.consoleSession!.id, deps.session.clock.now().toISOString());
    setCookie(res, SESSION_COOKIE, '', { secure: deps.secureCookies, maxAgeSeconds: 0 });
    res.redirect(303, `/console/login?signedOut=1&lang=${req.consoleSession!.language}`);
  });
  router.post('/language', async (req, res) => {
    const language = LANGUAGES.find((each) => each === req.body?.language);
    if (!language) throw new AppError(400, 'request.invalid', 'language: must be zh-CN or en');
    await deps.sessionsRepository.setLanguage(req.consoleSession!.id, language);
    const back =
      typeof req.body?.back === 'string' && req.body.back.startsWith('/console') ? req.body.back : '/console';
    res.redirect(303, back);
  });

  router.use(createTodayRouter(deps.today));
  router.use(createMyRouter(deps.my));
  router.use(createRosterPagesRouter(deps.roster));
  router.use(createCasesPagesRouter(deps.cases));
  router.use(createReportPagesRouter(deps.reports));
  router.use(createCampaignPagesRouter(deps.campaigns));
  router.use(createPetitionPagesRouter(deps.petitions));

  router.use(() => {
    throw new AppError(404, 'route.not_found', 'No such page');
  });
  router.use(createConsoleErrorHandler(deps.logger, deps.login.defaultLanguage));
  return router;
}
