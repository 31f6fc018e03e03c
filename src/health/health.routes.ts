import { type RequestHandler, Router } from 'express';
import { sql } from 'kysely';
import { requireAuthentication, requireRole } from '../auth/auth.middleware';
import { tokensEqual } from '../auth/auth.tokens';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * GET /healthz for load balancers (no credentials, no details), and GET /metrics for Prometheus:
 * the port Twilio reaches is public, so metrics need METRICS_TOKEN or an admin's token.
 */
export function createHealthRouter({
  db,
  metrics,
  metricsToken,
  authenticate,
  offline,
  logger,
}: {
  db: Db;
  metrics: Metrics;
  metricsToken: string | undefined;
  /** The API's authentication, for an admin's own token. */
  authenticate: RequestHandler;
  offline: boolean;
  logger: Logger;
}): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
    } catch (err) {
      logger.error({ err }, 'health check: the database does not answer');
      res.status(503).json({ ok: false, database: 'down', offline });
      return;
    }
    res.json({ ok: true, database: 'ok', offline });
  });

  const serveMetrics: RequestHandler = async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  // The scraper's own token is enough; anything else must be an admin's.
  const serveToScraper: RequestHandler = (req, res, next) => {
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (metricsToken && token && tokensEqual(token, metricsToken)) return serveMetrics(req, res, next);
    next();
  };
  router.get(
    '/metrics',
    serveToScraper,
    authenticate,
    requireAuthentication,
    requireRole('admin'),
    serveMetrics,
  );
  return router;
}
