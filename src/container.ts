import crypto from 'node:crypto';
import { createTokensRepository } from './auth/auth.repository';
import { createCalendarRepository } from './calendar/calendar.repository';
import { createCalendarFeeds } from './calendar/calendar.usecases';
import type { CallbacksJobDeps } from './callbacks/callbacks.deps';
import { runCallbacks } from './callbacks/callbacks.job';
import { createCallbacksRepository } from './callbacks/callbacks.repository';
import { createCallsRepository } from './calls/calls.repository';
import { createDeliveryOutcomeHandler } from './cases/cases.delivery';
import type { CaseDeps } from './cases/cases.deps';
import { createCasesRepository } from './cases/cases.repository';
import { createCaseService } from './cases/cases.usecases';
import type { Config } from './config';
import { loadCategories } from './content/categories';
import { loadKeywords } from './content/keywords';
import { loadTemplates } from './content/templates';
import { createJobs, type JobDefinition } from './jobs/jobs';
import { createKpisRepository } from './kpis/kpis.repository';
import { createKpiReports } from './kpis/kpis.usecases';
import { createMessageLogRepository } from './messages/messages.repository';
import type { NoticesDeps } from './notices/notices.deps';
import { runGapWatch } from './notices/notices.gap-watch';
import { createNoticesRepository } from './notices/notices.repository';
import { runShiftNotices } from './notices/notices.shift-notices';
import { createDispatcher } from './outbox/outbox.dispatcher';
import type { SmsSender } from './outbox/outbox.models';
import { createOutboxRepository } from './outbox/outbox.repository';
import { createTwilioClient } from './outbox/twilio-client';
import { createTwilioSender } from './outbox/twilio-sender';
import { createDutyGapReports } from './reports/duty-gaps.usecases';
import { createReportsRepository } from './reports/reports.repository';
import { createRosterImport } from './roster/roster.import';
import { createRosterRepository } from './roster/roster.repository';
import { createRosterService } from './roster/roster.service';
import { createShiftsQuery } from './roster/roster.shifts-query';
import type { SatisfactionDeps } from './satisfaction/satisfaction.deps';
import { runSatisfaction } from './satisfaction/satisfaction.job';
import { createSatisfactionRepository } from './satisfaction/satisfaction.repository';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import { createSettingsRepository, resolveSigningToken } from './shared/settings.repository';
import type { SlaDeps } from './sla/sla.deps';
import { createSlaRepository } from './sla/sla.repository';
import { runSlaWatch } from './sla/sla.watch';
import { createInboundRepository } from './sms/inbound.repository';
import type { SmsDeps } from './sms/sms.deps';
import { createStaffRepository } from './staff/staff.repository';
import { createStaffService } from './staff/staff.usecases';
import { loadFlow } from './voice/flow.load';
import { createRecordingFetcher } from './voice/recording-proxy';
import { createRecordingsRepository } from './voice/recordings.repository';
import type { VoiceDeps } from './voice/voice.deps';

export interface ContainerInput {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Overrides the Twilio sender (tests); by default one is built when credentials are set. */
  sender?: SmsSender;
}

function buildSender(config: Config): SmsSender | undefined {
  if (!config.twilio || !config.hotlineNumber) return undefined;
  const client = createTwilioClient({ ...config.twilio, apiBaseUrl: config.twilioApiBaseUrl });
  return createTwilioSender({
    client,
    from: config.hotlineNumber,
    statusCallbackUrl: `${config.publicBaseUrl}/twilio/sms/status`,
  });
}

/** Builds every repository, service and job once, from the configuration. main.ts and tests share it. */
export async function createContainer(input: ContainerInput) {
  const { config, db, clock, logger } = input;
  const settings = createSettingsRepository({ db });
  const signingToken = await resolveSigningToken(settings, config.twilio?.authToken);
  const staffRepository = createStaffRepository({ db, clock });
  const tokensRepository = createTokensRepository({ db, clock });
  const casesRepository = createCasesRepository({ db });
  const inboundRepository = createInboundRepository({ db });
  const callbacksRepository = createCallbacksRepository({ db });
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
  const dispatcher = sender ? createDispatcher({ outboxRepository, sender, clock, logger }) : undefined;

  const caseDeps: CaseDeps = {
    db,
    casesRepository,
    staffRepository,
    outbox: outboxRepository,
    callbacksRepository,
    roster: rosterService,
    templates: loadTemplates(config.flowsDir),
    categories: loadCategories(config.flowsDir),
    clock,
    logger,
    randomInt: (max) => crypto.randomInt(max),
    defaultLanguage: config.defaultLanguage,
    satisfactionWindowHours: config.satisfactionWindowHours,
    kickOutbox: () => dispatcher?.kick(),
  };
  const noticesRepository = createNoticesRepository({ db });
  const smsDeps: SmsDeps = {
    ...caseDeps,
    inboundRepository,
    keywords: loadKeywords(config.flowsDir),
    sickness: {
      rosterRepository,
      roster: rosterService,
      staffRepository,
      noticesRepository,
      outbox: outboxRepository,
      templates: caseDeps.templates,
      timezone: config.timezone,
    },
  };
  const noticesDeps: NoticesDeps = {
    db,
    noticesRepository,
    rosterService,
    staffRepository,
    outbox: outboxRepository,
    templates: caseDeps.templates,
    clock,
    logger,
    kickOutbox: caseDeps.kickOutbox,
    timezone: config.timezone,
    gapSummaryTime: config.gapSummaryTime,
    shiftReminderMinutes: config.shiftReminderMinutes,
  };
  const callsRepository = createCallsRepository({ db });
  const recordingsRepository = createRecordingsRepository({ db });
  const voiceDeps: VoiceDeps = {
    ...caseDeps,
    callsRepository,
    recordingsRepository,
    flow: loadFlow(config.flowsDir),
    categoryKeys: new Map(
      caseDeps.categories.list.flatMap((category) => (category.key ? [[category.key, category.id]] : [])),
    ),
    publicBaseUrl: config.publicBaseUrl,
    abandonedCallFloorSeconds: config.abandonedCallFloorSeconds,
  };

  const slaDeps: SlaDeps = {
    db,
    slaRepository: createSlaRepository({ db }),
    noticesRepository,
    casesRepository,
    staffRepository,
    rosterService,
    outbox: outboxRepository,
    templates: caseDeps.templates,
    clock,
    logger,
    kickOutbox: caseDeps.kickOutbox,
    timezone: config.timezone,
  };

  const callbacksJobDeps: CallbacksJobDeps = { ...noticesDeps, casesRepository, callbacksRepository };
  const satisfactionDeps: SatisfactionDeps = {
    ...callbacksJobDeps,
    satisfactionRepository: createSatisfactionRepository({ db }),
    satisfactionWindowHours: config.satisfactionWindowHours,
  };

  const jobList: JobDefinition[] = [
    {
      name: 'dispatch-outbox',
      schedule: '*/5 * * * * *',
      run: async () => (dispatcher ? dispatcher.run() : { offline: true }),
    },
    { name: 'gap-watch', schedule: '*/5 * * * *', run: () => runGapWatch(noticesDeps) },
    { name: 'shift-notices', schedule: '*/5 * * * *', run: () => runShiftNotices(noticesDeps) },
    { name: 'satisfaction', schedule: '*/15 * * * *', run: () => runSatisfaction(satisfactionDeps) },
    { name: 'callbacks', schedule: '*/15 * * * *', run: () => runCallbacks(callbacksJobDeps) },
    { name: 'sla-watch', schedule: '* * * * *', run: () => runSlaWatch(slaDeps) },
  ];

  return {
    config,
    db,
    clock,
    logger,
    signingToken,
    settings,
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
    caseDeps,
    smsDeps,
    noticesDeps,
    voiceDeps,
    callsRepository,
    recordingsRepository,
    recordingFetcher: createRecordingFetcher({
      credentials: config.twilio,
      apiBaseUrl: config.twilioApiBaseUrl,
    }),
    caseService: createCaseService(caseDeps),
    staffService: createStaffService({
      staffRepository,
      tokensRepository,
      clock,
      defaultLanguage: config.defaultLanguage,
    }),
    jobs: createJobs(jobList, { logger }),
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
    kpiReports: createKpiReports({
      kpisRepository: createKpisRepository({ db }),
      clock,
      categoryIds: caseDeps.categories.list.map((category) => category.id),
    }),
    dutyGapReports: createDutyGapReports({
      rosterService,
      staffRepository,
      reportsRepository: createReportsRepository({ db }),
      clock,
      zone: config.timezone,
    }),
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
