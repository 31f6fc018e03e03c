import express, { Router } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import { createAuthenticate, requireAuthentication, requireRole } from './auth/auth.middleware';
import { createApiRateLimits } from './auth/auth.rate-limits';
import { createCalendarAdminRouter, createCalendarFeedRouter } from './calendar/calendar.routes';
import { createCallbackCallsRouter } from './callbacks/calls/callback-calls.routes';
import { createCallbackCallWebhooks } from './callbacks/calls/callback-calls.webhooks';
import { createCallsRouter } from './calls/calls.routes';
import { createCallsView } from './calls/calls.view';
import { createCampaignsRouter } from './campaigns/campaigns.routes';
import { createCasesRouter } from './cases/cases.routes';
import { createReviewRouter } from './cases/review/review.routes';
import type { Container } from './container';
import { registerHealthGauges } from './health/health.gauges';
import { createHealthRouter } from './health/health.routes';
import { createJobsRouter } from './jobs/jobs.routes';
import { createKpisRouter } from './kpis/kpis.routes';
import { createMessagesRouter } from './messages/messages.routes';
import { createOpen311Router } from './open311/open311.routes';
import { createSmsStatusRouter } from './outbox/outbox.routes';
import { createCasePetitionRouter, createPetitionsRouter } from './petitions/petitions.routes';
import { createAppraisalRouter } from './reports/appraisal/appraisal.routes';
import { createHotspotsRouter } from './reports/hotspots/hotspots.routes';
import { createReportsRouter } from './reports/reports.routes';
import { createRosterRouter } from './roster/roster.routes';
import { createSurveyCallWebhooks } from './satisfaction/survey/survey-calls.webhooks';
import { createAccessLog } from './shared/access-log';
import { createErrorHandler, notFoundHandler } from './shared/http';
import { createMetrics } from './shared/metrics';
import { createTwilioSignatureCheck } from './shared/twilio-signature';
import { createSmsRouter } from './sms/sms.routes';
import { createStaffRouter } from './staff/staff.routes';
import { createRecordingRouter } from './voice/recording.routes';
import { createVoiceRouter } from './voice/voice.routes';
import { createPublicRouter } from './web/public/public.routes';
import { createConsoleDeps } from './web/web.container';
import { createConsoleRouter } from './web/web.routes';

function routeGroup(path: string): string {
  // A calendar path holds its secret token, which must not become a metric label.
  if (path.startsWith('/calendar/')) return '/calendar';
  return path.split('/').slice(0, 3).join('/') || '/';
}

/** The whole HTTP surface, without listen(): main.ts serves it, tests drive it with supertest. */
export function createApp(container: Container) {
  const { config, logger } = container;
  const metrics = createMetrics();
  const app = express();
  app.disable('x-powered-by');
  // Behind the TLS proxy the README recommends, the client's address comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  app.use(createAccessLog(logger));
  app.use((req, res, next) => {
    const end = metrics.httpRequests.startTimer();
    // Read the path now: mounted routers strip their prefix from req.url and may not restore it.
    const group = routeGroup(req.path);
    // Unmatched paths share one label, so scanners cannot grow the metric series without bound.
    res.on('finish', () =>
      end({ group: res.statusCode === 404 ? 'unmatched' : group, status: String(res.statusCode) }),
    );
    next();
  });

  const twilioRoutes = Router();
  twilioRoutes.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  twilioRoutes.use(
    createTwilioSignatureCheck({
      publicBaseUrl: config.publicBaseUrl,
      signingToken: container.signingToken,
      logger,
      rejections: metrics.webhookRejections,
    }),
  );
  twilioRoutes.use(
    '/sms/status',
    createSmsStatusRouter({ outboxRepository: container.outboxRepository, logger }),
  );
  twilioRoutes.use('/sms', createSmsRouter(container.smsDeps));
  twilioRoutes.use(
    '/voice',
    createVoiceRouter(container.voiceDeps, {
      allowsRecordingUrl: (url) => container.recordingFetcher.allows(url),
      webhookFailures: metrics.webhookFailures,
    }),
  );
  twilioRoutes.use(
    '/callback-calls',
    createCallbackCallWebhooks(container.callbackCallProgressDeps, {
      allowsRecordingUrl: (url) => container.recordingFetcher.allows(url),
    }),
  );
  // Satisfaction survey calls exist only where the question is a call (SPEC §19).
  if (container.surveyCallProgressDeps) {
    twilioRoutes.use('/survey-calls', createSurveyCallWebhooks(container.surveyCallProgressDeps));
  }
  app.use('/twilio', twilioRoutes);
  // The browser's security headers, for everything a browser may load. Twilio reads only TwiML and
  // status codes, so the webhooks above skip them: they are the hot path.
  app.use(helmet());

  // No bearer token: the secret token in the path is the credential, as calendar apps subscribe by URL.
  app.use(
    '/calendar',
    rateLimit({ windowMs: 60_000, limit: 120, standardHeaders: 'draft-8', legacyHeaders: false }),
    createCalendarFeedRouter({ calendarFeeds: container.calendarFeeds }),
  );

  app.use(
    '/public',
    createPublicRouter({
      publicFigures: container.publicFigures,
      names: { categories: container.categories, places: container.places },
      defaultLanguage: config.defaultLanguage,
      perMinute: config.apiRateLimits.unauthenticatedPerMinute,
    }),
  );

  // Open311 GeoReport v2: public GETs, and POSTs from partners with an api_key (not a staff token).
  app.use(
    '/open311/v2',
    createOpen311Router({
      open311: container.open311,
      homeNumber: config.hotlineNumber,
      logger,
      limits: {
        perAddressPerMinute: config.apiRateLimits.unauthenticatedPerMinute,
        postsPerKeyPerMinute: config.open311.postsPerKeyPerMinute,
      },
    }),
  );

  const api = Router();
  const limits = createApiRateLimits(config.apiRateLimits);
  const authenticate = createAuthenticate({
    adminToken: config.adminToken,
    tokens: container.tokensRepository,
    staff: container.staffRepository,
    clock: container.clock,
  });
  api.use(authenticate, limits.unauthenticated, requireAuthentication, limits.perToken);
  api.use(express.json({ limit: '100kb' }));
  api.use('/staff', createStaffRouter({ staffService: container.staffService, zone: config.timezone }));
  api.use(
    '/roster',
    createRosterRouter({
      rosterService: container.rosterService,
      timezone: config.timezone,
      clock: container.clock,
      shiftsQuery: container.shiftsQuery,
      recordAbsence: container.recordAbsence,
    }),
  );
  api.use('/reports', createReportsRouter({ dutyGapReports: container.dutyGapReports }));
  api.use('/reports', createKpisRouter({ kpiReports: container.kpiReports }));
  api.use('/reports', createHotspotsRouter({ hotspotReports: container.hotspotReports }));
  api.use('/reports', createAppraisalRouter({ staffAppraisals: container.staffAppraisals }));
  const presentCalls = createCallsView({
    db: container.db,
    callsRepository: container.callsRepository,
    staffRepository: container.staffRepository,
    zone: config.timezone,
  });
  api.use(
    '/cases',
    createCallbackCallsRouter({
      start: container.callbackCallStartDeps,
      recording: {
        caseService: container.caseService,
        callbackCallsRepository: container.callbackCallsRepository,
        fetcher: container.recordingFetcher,
      },
      staffRepository: container.staffRepository,
      zone: config.timezone,
    }),
  );
  api.use(
    '/cases',
    createRecordingRouter({
      caseService: container.caseService,
      recordingsRepository: container.recordingsRepository,
      fetcher: container.recordingFetcher,
    }),
  );
  api.use(
    '/cases',
    createCasesRouter({
      caseService: container.caseService,
      reviewsRepository: container.reviewsRepository,
      casesRepository: container.casesRepository,
      staffRepository: container.staffRepository,
      inboundRepository: container.inboundRepository,
      outbox: container.outboxRepository,
      callsRepository: container.callsRepository,
      presentCalls,
      callbackCalls: container.callbackCallsRepository,
      petitions: container.petitions,
      zone: config.timezone,
    }),
  );
  api.use(
    '/cases',
    createReviewRouter({
      reviewService: container.reviewService,
      caseService: container.caseService,
      casesRepository: container.casesRepository,
      staffRepository: container.staffRepository,
      zone: config.timezone,
    }),
  );
  api.use(
    '/calls',
    requireRole('supervisor'),
    createCallsRouter({ callsRepository: container.callsRepository, present: presentCalls }),
  );
  api.use(
    '/messages',
    requireRole('supervisor'),
    createMessagesRouter({ messageLog: container.messageLog, zone: config.timezone }),
  );
  api.use(createCalendarAdminRouter({ calendarFeeds: container.calendarFeeds }));
  api.use(
    '/campaigns',
    requireRole('supervisor'),
    createCampaignsRouter({
      campaigns: container.campaigns,
      staffRepository: container.staffRepository,
      zone: config.timezone,
    }),
  );
  const petitionsRouterDeps = {
    petitions: container.petitions,
    staffRepository: container.staffRepository,
    zone: config.timezone,
  };
  api.use('/cases', createCasePetitionRouter(petitionsRouterDeps));
  api.use('/petitions', createPetitionsRouter(petitionsRouterDeps));
  api.use('/jobs', requireRole('admin'), createJobsRouter({ jobs: container.jobs }));
  app.use('/api', api);
  app.use('/console', createConsoleRouter(createConsoleDeps(container)));

  registerHealthGauges(metrics, container);
  app.use(
    createHealthRouter({
      db: container.db,
      metrics,
      metricsToken: config.metricsToken,
      authenticate,
      offline: config.offline,
      logger,
    }),
  );

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
