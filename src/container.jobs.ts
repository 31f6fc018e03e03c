import { type CallbacksJobDeps, runCallbacks } from './callbacks/callbacks.job';
import type { CallbacksRepository } from './callbacks/callbacks.repository';
import type { CallPlacer } from './callbacks/calls/call-placer';
import type { CasesRepository } from './cases/cases.repository';
import { remindReviewers } from './cases/review/review.reminders';
import type { ReviewsRepository } from './cases/review/review.repository';
import type { Config } from './config';
import type { Templates } from './content/templates';
import { createJobLeases, leaseHolderName } from './jobs/job-lease-store';
import { createJobs, type JobDefinition } from './jobs/jobs';
import { type GapWatchDeps, runGapWatch } from './notices/notices.gap-watch';
import type { NoticesRepository } from './notices/notices.repository';
import { runShiftNotices, type ShiftNoticesDeps } from './notices/notices.shift-notices';
import type { Dispatcher } from './outbox/outbox.dispatcher';
import type { OutboxRepository } from './outbox/outbox.repository';
import type { RosterService } from './roster/roster.service';
import type { AskSatisfaction } from './satisfaction/satisfaction.ask';
import { runSatisfaction, type SatisfactionJobDeps } from './satisfaction/satisfaction.job';
import { createSatisfactionRepository } from './satisfaction/satisfaction.repository';
import { type PlaceSurveyCallsDeps, placeDueSurveyCalls } from './satisfaction/survey/survey-calls.place';
import type { SurveyCallsRepository } from './satisfaction/survey/survey-calls.repository';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import { createSlaRepository } from './sla/sla.repository';
import { runSlaWatch, type SlaWatchDeps } from './sla/sla.watch';
import type { StaffRepository } from './staff/staff.repository';

/** The scheduled jobs: one dependency object per job, the declarative list, and the leases they run under. */
export function buildJobs({
  db,
  config,
  dispatcher,
  placer,
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
}: {
  db: Db;
  config: Config;
  dispatcher: Dispatcher | undefined;
  placer: CallPlacer | undefined;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callbacksRepository: CallbacksRepository;
  reviewsRepository: ReviewsRepository;
  noticesRepository: NoticesRepository;
  surveyCallsRepository: SurveyCallsRepository;
  rosterService: RosterService;
  outbox: OutboxRepository;
  templates: Templates;
  askSatisfaction: AskSatisfaction;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}) {
  const { satisfactionWindowHours, timezone } = config;
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
    placer,
    hotlineNumber: config.hotlineNumber,
    publicBaseUrl: config.publicBaseUrl,
    satisfactionWindowHours,
    timezone: config.timezone,
    clock,
    logger,
  };

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

  return { jobLeases, jobs: createJobs(jobList, { logger, clock, leases: jobLeases }) };
}
