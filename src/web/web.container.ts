import type { Container } from '../container';
import type { ConsoleDeps } from './web.routes';

/** The console's collaborators, taken from the one container main.ts and the tests build. */
export function createConsoleDeps(container: Container): ConsoleDeps {
  const { config, clock, staffRepository, tokensRepository, sessionsRepository, logger } = container;
  const secureCookies = config.publicBaseUrl.startsWith('https://');
  const page = { staffRepository, zone: config.timezone };
  return {
    session: { sessionsRepository, staffRepository, clock },
    sessionsRepository,
    logger,
    secureCookies,
    login: {
      requestCode: {
        db: container.db,
        staffRepository,
        sessionsRepository,
        outbox: container.outboxRepository,
        templates: container.templates,
        clock,
        kickOutbox: container.kickOutbox,
      },
      verifyCode: { staffRepository, sessionsRepository, clock },
      withToken: {
        adminToken: config.adminToken,
        tokens: tokensRepository,
        staff: staffRepository,
        clock,
        sessionsRepository,
      },
      sessionsRepository,
      defaultLanguage: config.defaultLanguage,
      secureCookies,
    },
    today: {
      ...page,
      rosterService: container.rosterService,
      noticesRepository: container.noticesRepository,
      dutyGapReports: container.dutyGapReports,
      clock,
    },
  };
}
