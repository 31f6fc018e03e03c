import { createCallsView } from '../calls/calls.view';
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
    my: {
      ...page,
      caseService: container.caseService,
      categories: container.categories,
      staffAppraisals: container.staffAppraisals,
      clock,
    },
    roster: {
      ...page,
      rosterService: container.rosterService,
      shiftsQuery: container.shiftsQuery,
      recordAbsence: container.recordAbsence,
      rosterImport: container.rosterImport,
      calendarFeeds: container.calendarFeeds,
      clock,
    },
    today: {
      ...page,
      rosterService: container.rosterService,
      noticesRepository: container.noticesRepository,
      dutyGapReports: container.dutyGapReports,
      clock,
    },
    cases: {
      ...page,
      caseService: container.caseService,
      reviewsRepository: container.reviewsRepository,
      reviewService: container.reviewService,
      casesRepository: container.casesRepository,
      inboundRepository: container.inboundRepository,
      outbox: container.outboxRepository,
      callsRepository: container.callsRepository,
      presentCalls: createCallsView({
        db: container.db,
        callsRepository: container.callsRepository,
        staffRepository,
        zone: config.timezone,
      }),
      recordingsRepository: container.recordingsRepository,
      fetcher: container.recordingFetcher,
      categories: container.categories,
      places: container.places,
      petitions: container.petitions,
      callbackCallStart: container.callbackCallStartDeps,
      callbackCallsRepository: container.callbackCallsRepository,
      clock,
    },
    petitions: { ...page, petitions: container.petitions },
    campaigns: {
      ...page,
      campaigns: container.campaigns,
      places: container.places,
      categories: container.categories,
      clock,
    },
    reports: {
      ...page,
      dutyGapReports: container.dutyGapReports,
      shiftsQuery: container.shiftsQuery,
      kpiReports: container.kpiReports,
      hotspotReports: container.hotspotReports,
      staffAppraisals: container.staffAppraisals,
      categories: container.categories,
      callsRepository: container.callsRepository,
      present: createCallsView({
        db: container.db,
        callsRepository: container.callsRepository,
        staffRepository,
        zone: config.timezone,
      }),
      clock,
    },
  };
}
