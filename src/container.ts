import crypto from 'node:crypto';
import { createTokensRepository } from './auth/auth.repository';
import { createCalendarRepository } from './calendar/calendar.repository';
import { createCalendarFeeds } from './calendar/calendar.usecases';
import { type CallbacksJobDeps, runCallbacks } from './callbacks/callbacks.job';
import { createCallbacksRepository } from './callbacks/callbacks.repository';
import { createTwilioCallPlacerOnFirstUse } from './callbacks/calls/call-placer';
import type { CallbackCallProgressDeps } from './callbacks/calls/callback-calls.progress';
import { createCallbackCallsRepository } from './callbacks/calls/callback-calls.repository';
import type { StartCallbackCallDeps } from './callbacks/calls/callback-calls.start';
import { createCallsRepository } from './calls/calls.repository';
import { createCampaignsRepository } from './campaigns/campaigns.repository';
import { createCampaigns } from './campaigns/campaigns.usecases';
import { createDeliveryOutcomeHandler } from './cases/cases.delivery';
import type { Actor } from './cases/cases.models';
import { createCasesRepository } from './cases/cases.repository';
import { type CaseServiceDeps, createCaseService } from './cases/cases.usecases';
import { remindReviewers } from './cases/review/review.reminders';
import { createReviewsRepository } from './cases/review/review.repository';
import { createReviewService } from './cases/review/review.usecases';
import type { Config } from './config';
import { loadCategories } from './content/categories';
import { loadKeywords } from './content/keywords';
import { loadPlaces } from './content/places';
import { loadTemplates } from './content/templates';
import { createJobLeases, leaseHolderName } from './jobs/job-lease-store';
import { createJobs, type JobDefinition } from './jobs/jobs';
import { createKpisRepository } from './kpis/kpis.repository';
import { createKpiReports } from './kpis/kpis.usecases';
import { createMessageLogRepository } from './messages/messages.repository';
import { type GapWatchDeps, runGapWatch } from './notices/notices.gap-watch';
import { createNoticesRepository } from './notices/notices.repository';
import { runShiftNotices, type ShiftNoticesDeps } from './notices/notices.shift-notices';
import { submitServiceRequest } from './open311/open311.intake';
import { createOpen311KeysRepository } from './open311/open311.keys.repository';
import { createPublicCasesRepository } from './open311/open311.requests.repository';
import { createOpen311Service } from './open311/open311.usecases';
import { createDispatcher } from './outbox/outbox.dispatcher';
import type { SmsSender } from './outbox/outbox.models';
import { createOutboxRepository } from './outbox/outbox.repository';
import { createTwilioSenderOnFirstUse } from './outbox/twilio-sender';
import { createPetitionsRepository } from './petitions/petitions.repository';
import { createPetitions } from './petitions/petitions.usecases';
import { createPublicRepository } from './public/public.repository';
import { createPublicFigures } from './public/public.usecases';
import { createAppraisalRepository } from './reports/appraisal/appraisal.repository';
import { createStaffAppraisals } from './reports/appraisal/appraisal.usecases';
import { createDutyGapReports } from './reports/duty-gaps.usecases';
import { createHotspotsRepository } from './reports/hotspots/hotspots.repository';
import { createHotspotReports } from './reports/hotspots/hotspots.usecases';
import { createReportsRepository } from './reports/reports.repository';
import { type RecordAbsenceDeps, recordAbsence } from './roster/roster.absence';
import { createRosterImport } from './roster/roster.import';
import { createRosterRepository } from './roster/roster.repository';
import { createRosterService, type OverrideInput } from './roster/roster.service';
import { createShiftsQuery } from './roster/roster.shifts-query';
import { createAskSatisfaction } from './satisfaction/satisfaction.ask';
import { runSatisfaction, type SatisfactionJobDeps } from './satisfaction/satisfaction.job';
import { createSatisfactionRepository } from './satisfaction/satisfaction.repository';
import { loadSurveyCallFlow } from './satisfaction/survey/survey-call.flow';
import { type PlaceSurveyCallsDeps, placeDueSurveyCalls } from './satisfaction/survey/survey-calls.place';
import type { SurveyCallProgressDeps } from './satisfaction/survey/survey-calls.progress';
import { createSurveyCallsRepository } from './satisfaction/survey/survey-calls.repository';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import { createSettingsRepository, resolveSigningToken } from './shared/settings.repository';
import { createSlaRepository } from './sla/sla.repository';
import { runSlaWatch, type SlaWatchDeps } from './sla/sla.watch';
import { createInboundRepository } from './sms/inbound.repository';
import type { ReceiveSmsDeps } from './sms/sms.usecases';
import { createStaffRepository } from './staff/staff.repository';
import { createStaffService } from './staff/staff.usecases';
import { loadFlow } from './voice/flow.load';
import { createRecordingFetcher } from './voice/recording-proxy';
import { createRecordingsRepository } from './voice/recordings.repository';
import { hotlineCountryOf } from './voice/sip-address';
import type { VoiceDeps } from './voice/voice.routes';
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

function buildSender(config: Config): SmsSender | undefined {
  if (!config.twilio || !config.hotlineNumber) return undefined;
  return createTwilioSenderOnFirstUse({
    ...config.twilio,
    apiBaseUrl: config.twilioApiBaseUrl,
    from: config.hotlineNumber,
    statusCallbackUrl: `${config.publicBaseUrl}/twilio/sms/status`,
  });
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
  // The outbox is a leaf: what a delivery means for a case is decided by the cases capability.
  const outboxRepository = createOutboxRepository({
    db,
    clock,
    offline: config.offline,
    onDeliveryOutcome: createDeliveryOutcomeHandler({ casesRepository, callbacksRepository, clock }),
  });
  const rosterRepository = createRosterRepository({ db, clock });
  const rosterService = createRosterService({ rosterRepository, staffRepository, clock });

  const sender = input.sender ?? buildSender(config);
  const dispatcher = sender
    ? createDispatcher({
        outboxRepository,
        sender,
        clock,
        logger,
        concurrency: config.outboxConcurrency,
        leaseMs: config.outboxLeaseMs,
      })
    : undefined;

  const outbox = outboxRepository;
  const templates = loadTemplates(config.flowsDir, config.region);
  const categories = loadCategories(config.flowsDir);
  const places = loadPlaces(config.flowsDir);
  const randomInt = (maxExclusive: number) => crypto.randomInt(maxExclusive);
  const kickOutbox = () => dispatcher?.kick();
  const { defaultLanguage, satisfactionWindowHours, timezone } = config;
  const noticesRepository = createNoticesRepository({ db });
  const callsRepository = createCallsRepository({ db });
  const recordingsRepository = createRecordingsRepository({ db });
  // Where citizens cannot text back (SPEC §19, region cn), "are you satisfied?" is a survey call.
  const surveyCallsRepository = createSurveyCallsRepository({ db });
  const askSatisfaction = createAskSatisfaction({
    region: config.region,
    outbox: outboxRepository,
    templates,
    surveyCallsRepository,
    clock,
  });

  // One object per router or job, holding what its use cases touch.
  const caseServiceDeps: CaseServiceDeps = {
    db,
    casesRepository,
    staffRepository,
    callbacksRepository,
    outbox,
    rosterService,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    satisfactionWindowHours,
    kickOutbox,
    reviewsRepository,
    askSatisfaction,
    petitionsRepository,
  };
  const smsDeps: ReceiveSmsDeps = {
    db,
    casesRepository,
    staffRepository,
    callbacksRepository,
    inboundRepository,
    rosterRepository,
    rosterService,
    noticesRepository,
    outbox,
    templates,
    categories,
    keywords: loadKeywords(config.flowsDir),
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    satisfactionWindowHours,
    timezone,
    kickOutbox,
    reviewsRepository,
    askSatisfaction,
  };
  const voiceDeps: VoiceDeps = {
    db,
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    recordingsRepository,
    rosterService,
    outbox,
    templates,
    categories,
    flow: loadFlow(config.flowsDir),
    categoryKeys: new Map(
      categories.list.flatMap((category) => (category.key ? [[category.key, category.id]] : [])),
    ),
    places,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    kickOutbox,
    abandonedCallFloorSeconds: config.abandonedCallFloorSeconds,
    homeCountry: hotlineCountryOf(config),
    byocTrunkSid: config.byocTrunkSid,
  };
  // Masked call-backs (SPEC §18): Twilio rings the officer, then the citizen under the hotline's number.
  const callbackCallsRepository = createCallbackCallsRepository({ db });
  const callbackCallStartDeps: StartCallbackCallDeps = {
    db,
    casesRepository,
    staffRepository,
    callbackCallsRepository,
    placer:
      config.twilio && config.hotlineNumber
        ? createTwilioCallPlacerOnFirstUse({
            ...config.twilio,
            apiBaseUrl: config.twilioApiBaseUrl,
            byocTrunkSid: config.byocTrunkSid,
          })
        : undefined,
    hotlineNumber: config.hotlineNumber,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    logger,
  };
  const callbackCallProgressDeps: CallbackCallProgressDeps = {
    db,
    casesRepository,
    staffRepository,
    callbackCallsRepository,
    outbox,
    templates,
    flow: voiceDeps.flow,
    hotlineNumber: config.hotlineNumber,
    byocTrunkSid: config.byocTrunkSid,
    publicBaseUrl: config.publicBaseUrl,
    defaultLanguage,
    clock,
    logger,
    kickOutbox,
  };
  const recordAbsenceDeps: RecordAbsenceDeps = {
    db,
    rosterService,
    rosterRepository,
    casesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
  };

  const gapWatchDeps: GapWatchDeps = {
    db,
    noticesRepository,
    rosterService,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
    timezone,
    gapSummaryTime: config.gapSummaryTime,
  };
  const shiftNoticesDeps: ShiftNoticesDeps = {
    db,
    noticesRepository,
    rosterService,
    staffRepository,
    outbox,
    templates,
    clock,
    kickOutbox,
    timezone,
    shiftReminderMinutes: config.shiftReminderMinutes,
  };
  const slaWatchDeps: SlaWatchDeps = {
    db,
    slaRepository: createSlaRepository({ db }),
    noticesRepository,
    casesRepository,
    staffRepository,
    rosterService,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
    timezone,
  };
  const callbacksJobDeps: CallbacksJobDeps = {
    db,
    callbacksRepository,
    casesRepository,
    noticesRepository,
    staffRepository,
    rosterService,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
    timezone,
  };
  const satisfactionJobDeps: SatisfactionJobDeps = {
    db,
    satisfactionRepository: createSatisfactionRepository({ db }),
    casesRepository,
    callbacksRepository,
    noticesRepository,
    staffRepository,
    rosterService,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
    satisfactionWindowHours,
    askSatisfaction,
  };
  // Survey calls ring through the masked call-backs' placer, so a BYOC trunk carries them too.
  const placeSurveyCallsDeps: PlaceSurveyCallsDeps = {
    db,
    casesRepository,
    surveyCallsRepository,
    placer: callbackCallStartDeps.placer,
    hotlineNumber: config.hotlineNumber,
    publicBaseUrl: config.publicBaseUrl,
    satisfactionWindowHours,
    timezone: config.timezone,
    clock,
    logger,
  };
  // survey-call.json is needed, and so checked at start-up, only where the question is a call.
  const surveyCallProgressDeps: SurveyCallProgressDeps | undefined =
    askSatisfaction.by === 'survey_call'
      ? {
          db,
          casesRepository,
          surveyCallsRepository,
          rosterService,
          outbox,
          templates,
          voices: voiceDeps.flow,
          surveyFlow: loadSurveyCallFlow(config.flowsDir),
          publicBaseUrl: config.publicBaseUrl,
          satisfactionWindowHours,
          clock,
          logger,
          kickOutbox,
        }
      : undefined;

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

  // Leases in the store: on PostgreSQL several nodes share the job list, and each tick runs once.
  const jobLeases = createJobLeases({ db, clock, holder: leaseHolderName(), ttlMs: config.jobLeaseMs });
  const jobList: JobDefinition[] = [
    {
      name: 'dispatch-outbox',
      schedule: '*/5 * * * * *',
      run: async () => (dispatcher ? dispatcher.run() : { offline: true }),
    },
    { name: 'gap-watch', schedule: '*/5 * * * *', run: () => runGapWatch(gapWatchDeps) },
    { name: 'shift-notices', schedule: '*/5 * * * *', run: () => runShiftNotices(shiftNoticesDeps) },
    { name: 'satisfaction', schedule: '*/15 * * * *', run: () => runSatisfaction(satisfactionJobDeps) },
    { name: 'callbacks', schedule: '*/15 * * * *', run: () => runCallbacks(callbacksJobDeps) },
    { name: 'survey-calls', schedule: '* * * * *', run: () => placeDueSurveyCalls(placeSurveyCallsDeps) },
    {
      name: 'sla-watch',
      schedule: '* * * * *',
      // Reviewers who have not answered are reminded alongside the case deadlines.
      run: async () => ({
        ...(await runSlaWatch(slaWatchDeps)),
        reviewReminders: await remindReviewers({ ...slaWatchDeps, reviewsRepository }),
      }),
    },
  ];

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
    recordingFetcher: createRecordingFetcher({
      credentials: config.twilio,
      apiBaseUrl: config.twilioApiBaseUrl,
    }),
    caseService: createCaseService(caseServiceDeps),
    reviewsRepository,
    reviewService: createReviewService({
      db,
      casesRepository,
      staffRepository,
      reviewsRepository,
      callbacksRepository,
      outbox,
      templates,
      categories,
      clock,
      satisfactionWindowHours,
      zone: timezone,
      kickOutbox,
    }),
    recordAbsence: (input: Omit<OverrideInput, 'createdBy'>, actor: Actor) =>
      recordAbsence(recordAbsenceDeps, input, actor),
    staffService: createStaffService({
      staffRepository,
      tokensRepository,
      clock,
      defaultLanguage: config.defaultLanguage,
    }),
    jobLeases,
    jobs: createJobs(jobList, { logger, clock, leases: jobLeases }),
    rosterImport: createRosterImport({
      db,
      staffRepository,
      rosterRepository,
      defaultLanguage: config.defaultLanguage,
    }),
    calendarFeeds: createCalendarFeeds({
      calendarRepository: createCalendarRepository({ db, clock }),
      staffRepository,
      rosterService,
      clock,
      publicBaseUrl: config.publicBaseUrl,
    }),
    shiftsQuery: createShiftsQuery({ rosterService, staffRepository }),
    open311: createOpen311Service({
      publicCasesRepository: createPublicCasesRepository({ db }),
      keysRepository: createOpen311KeysRepository({ db, clock }),
      categories,
      places,
      clock,
      zone: timezone,
      agency: config.open311.agency,
      publicBaseUrl: config.publicBaseUrl,
      hotlineNumber: config.hotlineNumber,
      submit: (key, request) =>
        submitServiceRequest(
          {
            db,
            casesRepository,
            staffRepository,
            outbox,
            rosterService,
            templates,
            categories,
            places,
            clock,
            logger,
            randomInt,
            kickOutbox,
          },
          key,
          request,
        ),
    }),
    campaigns,
    petitions: createPetitions({
      db,
      petitionsRepository,
      casesRepository,
      staffRepository,
      outbox,
      templates,
      categories,
      places,
      rosterService,
      clock,
      logger,
      kickOutbox,
    }),
    kpiReports: createKpiReports({
      kpisRepository: createKpisRepository({ db: reportsDb }),
      clock,
      categoryIds: categories.list.map((category) => category.id),
    }),
    hotspotReports: createHotspotReports({
      hotspotsRepository: createHotspotsRepository({ db: reportsDb }),
      campaigns,
      places,
      clock,
      zone: config.timezone,
    }),
    // On the report handle and cached: a public page anyone may load must not load the server.
    publicFigures: createPublicFigures({
      publicRepository: createPublicRepository({ db: reportsDb }),
      categories,
      places,
      clock,
      zone: config.timezone,
    }),
    dutyGapReports: createDutyGapReports({
      rosterService,
      staffRepository,
      reportsRepository: createReportsRepository({ db: reportsDb }),
      clock,
      zone: config.timezone,
    }),
    // On the report handle, as the KPIs it shares its counts with.
    staffAppraisals: createStaffAppraisals({
      kpisRepository: createKpisRepository({ db: reportsDb }),
      appraisalRepository: createAppraisalRepository({ db: reportsDb }),
      reportsRepository: createReportsRepository({ db: reportsDb }),
      rosterService,
      staffRepository,
      clock,
      zone: config.timezone,
    }),
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
