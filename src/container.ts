import crypto from 'node:crypto';
import { createTokensRepository } from './auth/auth.repository';
import { createCallbacksRepository } from './callbacks/callbacks.repository';
import { createCampaignsRepository } from './campaigns/campaigns.repository';
import { createCampaigns } from './campaigns/campaigns.usecases';
import { createCasesRepository } from './cases/cases.repository';
import { createReviewsRepository } from './cases/review/review.repository';
import type { Config } from './config';
import { buildCallWiring } from './container.calls';
import { buildCaseServices } from './container.cases';
import { buildJobs } from './container.jobs';
import { buildOutbox } from './container.outbox';
import { buildReports } from './container.reports';
import { buildRosterServices } from './container.roster';
import { loadCategories } from './content/categories';
import { loadPlaces } from './content/places';
import { loadTemplates } from './content/templates';
import { createMessageLogRepository } from './messages/messages.repository';
import { createNoticesRepository } from './notices/notices.repository';
import type { SmsSender } from './outbox/outbox.models';
import { createPetitionsRepository } from './petitions/petitions.repository';
import { createRosterRepository } from './roster/roster.repository';
import { createRosterService } from './roster/roster.service';
import { createAskSatisfaction } from './satisfaction/satisfaction.ask';
import { createSurveyCallsRepository } from './satisfaction/survey/survey-calls.repository';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import { createSettingsRepository, resolveSigningToken } from './shared/settings.repository';
import { createInboundRepository } from './sms/inbound.repository';
import { createStaffRepository } from './staff/staff.repository';
import { createSessionsRepository } from './web/session/sessions.repository';

export interface ContainerInput {
  config: Config;
  db: Db;
  /**
   * Where the long reports (KPIs, duty gaps) read; by default `db`. The server passes SQLite's
   * read-only workers, so a year's figures neither hold the webhooks nor wait for one core.
   */
  reportsDb?: Db;
  clock: Clock;
  logger: Logger;
  /** Overrides the Twilio sender (tests); by default one is built when credentials are set. */
  sender?: SmsSender;
}

/** Builds every repository, service and job once, from the configuration. main.ts and tests share it. */
export async function createContainer(input: ContainerInput) {
  const { config, db, clock, logger } = input;
  const reportsDb = input.reportsDb ?? db;
  const settings = createSettingsRepository({ db });
  const signingToken = await resolveSigningToken(settings, config.twilio?.authToken);
  const staffRepository = createStaffRepository({ db, clock });
  const tokensRepository = createTokensRepository({ db, clock });
  const casesRepository = createCasesRepository({ db });
  const inboundRepository = createInboundRepository({ db });
  const callbacksRepository = createCallbacksRepository({ db });
  const reviewsRepository = createReviewsRepository({ db });
  const petitionsRepository = createPetitionsRepository({ db });
  const rosterRepository = createRosterRepository({ db, clock });
  const rosterService = createRosterService({ rosterRepository, staffRepository, clock });

  const { outboxRepository, dispatcher, kickOutbox } = buildOutbox({
    db,
    config,
    sender: input.sender,
    casesRepository,
    callbacksRepository,
    clock,
    logger,
  });
  const outbox = outboxRepository;
  const templates = loadTemplates(config.flowsDir, config.region);
  const categories = loadCategories(config.flowsDir);
  const places = loadPlaces(config.flowsDir);
  const randomInt = (maxExclusive: number) => crypto.randomInt(maxExclusive);
  const noticesRepository = createNoticesRepository({ db });
  // Where citizens cannot text back (SPEC §19, region cn), "are you satisfied?" is a survey call.
  const surveyCallsRepository = createSurveyCallsRepository({ db });
  const askSatisfaction = createAskSatisfaction({
    region: config.region,
    outbox: outboxRepository,
    templates,
    surveyCallsRepository,
    clock,
  });

  const { smsDeps, caseService, reviewService, open311, petitions } = buildCaseServices({
    db,
    config,
    casesRepository,
    staffRepository,
    callbacksRepository,
    inboundRepository,
    rosterRepository,
    rosterService,
    noticesRepository,
    reviewsRepository,
    petitionsRepository,
    outbox,
    templates,
    categories,
    places,
    askSatisfaction,
    clock,
    logger,
    randomInt,
    kickOutbox,
  });
  const {
    callsRepository,
    recordingsRepository,
    recordingFetcher,
    voiceDeps,
    callbackCallsRepository,
    callbackCallStartDeps,
    callbackCallProgressDeps,
    surveyCallProgressDeps,
  } = buildCallWiring({
    db,
    config,
    casesRepository,
    staffRepository,
    callbacksRepository,
    surveyCallsRepository,
    rosterService,
    outbox,
    templates,
    categories,
    places,
    askSatisfaction,
    clock,
    logger,
    randomInt,
    kickOutbox,
  });
  const { recordAbsence, staffService, rosterImport, calendarFeeds, shiftsQuery } = buildRosterServices({
    db,
    config,
    staffRepository,
    tokensRepository,
    rosterRepository,
    rosterService,
    casesRepository,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
  });

  const campaigns = createCampaigns({
    db,
    campaignsRepository: createCampaignsRepository({ db }),
    campaignFigures: createCampaignsRepository({ db: reportsDb }),
    casesRepository,
    staffRepository,
    places,
    categories,
    clock,
  });

  const { jobLeases, jobs } = buildJobs({
    db,
    config,
    dispatcher,
    placer: callbackCallStartDeps.placer,
    casesRepository,
    staffRepository,
    callbacksRepository,
    reviewsRepository,
    noticesRepository,
    surveyCallsRepository,
    rosterService,
    outbox,
    templates,
    askSatisfaction,
    clock,
    logger,
    kickOutbox,
  });
  const { kpiReports, hotspotReports, publicFigures, dutyGapReports, staffAppraisals } = buildReports({
    reportsDb,
    zone: config.timezone,
    categories,
    places,
    campaigns,
    rosterService,
    staffRepository,
    clock,
  });

  return {
    config,
    db,
    clock,
    logger,
    signingToken,
    settings,
    templates,
    categories,
    places,
    kickOutbox,
    noticesRepository,
    sessionsRepository: createSessionsRepository({ db }),
    staffRepository,
    tokensRepository,
    casesRepository,
    inboundRepository,
    outboxRepository,
    callbacksRepository,
    messageLog: createMessageLogRepository({ db }),
    rosterRepository,
    rosterService,
    dispatcher,
    smsDeps,
    voiceDeps,
    callbackCallsRepository,
    callbackCallStartDeps,
    callbackCallProgressDeps,
    surveyCallsRepository,
    surveyCallProgressDeps,
    callsRepository,
    recordingsRepository,
    recordingFetcher,
    caseService,
    reviewsRepository,
    reviewService,
    recordAbsence,
    staffService,
    jobLeases,
    jobs,
    rosterImport,
    calendarFeeds,
    shiftsQuery,
    open311,
    campaigns,
    petitions,
    kpiReports,
    hotspotReports,
    publicFigures,
    dutyGapReports,
    staffAppraisals,
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
