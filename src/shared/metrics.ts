import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app, so tests can build several apps in one process without clashes. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'dutyline_http_request_duration_seconds',
      help: 'HTTP request duration by route group and status',
      labelNames: ['group', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    webhookRejections: new Counter({
      name: 'dutyline_webhook_rejections_total',
      help: 'Twilio webhooks refused, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    webhookFailures: new Counter({
      name: 'dutyline_webhook_failures_total',
      help: 'Twilio callbacks answered without their facts stored (logged for a replay by hand), by webhook',
      labelNames: ['webhook'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
