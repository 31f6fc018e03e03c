import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { OperatorError } from './shared/errors';
import { isValidIanaZone } from './shared/timezone';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const e164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +8613800000000')
  .optional()
  .or(z.literal('').transform(() => undefined));

const httpUrl = z
  .string()
  .trim()
  .url('must be an http(s) URL')
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
  .transform((value) => value.replace(/\/+$/, ''));

/** A PostgreSQL URL: DATABASE_URL, and the target of `dutyline db copy --to`. */
export const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S+$/,
    'must be a PostgreSQL URL such as postgres://user:password@host:5432/dutyline',
  );

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: httpUrl.optional().or(z.literal('').transform(() => undefined)),
  DATABASE_PATH: z.string().trim().min(1).default('db/dutyline.sqlite'),
  // PostgreSQL instead of the SQLite file, when several nodes share one store.
  DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
  TWILIO_ACCOUNT_SID: optionalString.pipe(
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_PHONE_NUMBER: e164,
  TWILIO_API_BASE_URL: httpUrl.optional().or(z.literal('').transform(() => undefined)),
  // Where the hotline runs (SPEC §19): `default` has two-way SMS; `cn` (mainland China) texts one
  // way only, asks satisfaction by an outbound call, and points staff to the console.
  HOTLINE_REGION: z.enum(['default', 'cn']).default('default'),
  // A Twilio BYOC trunk: every <Number> dialled to staff or citizens goes out over the bureau's carrier.
  TWILIO_BYOC_TRUNK_SID: optionalString.pipe(
    z
      .string()
      .regex(/^BY[0-9a-fA-F]{32}$/, 'must look like BY followed by 32 hex digits')
      .optional(),
  ),
  HOTLINE_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isValidIanaZone, 'must be an IANA time zone such as Asia/Shanghai'),
  HOTLINE_DEFAULT_LANGUAGE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  ADMIN_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  FLOWS_DIR: z.string().trim().min(1).default('flows'),
  GAP_SUMMARY_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm')
    .default('08:00'),
  SHIFT_REMINDER_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  ABANDONED_CALL_FLOOR_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  SATISFACTION_WINDOW_HOURS: z.coerce
    .number()
    .positive()
    .max(30 * 24)
    .default(72),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  // How long a dispatcher's claim on a message lasts: after it, another run (on any node) may resend it.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // How long a node's hold on a scheduled job lasts unrenewed: how soon others take over from a dead node.
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  TRUST_PROXY: optionalString.pipe(
    z
      .string()
      .regex(
        /^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
        'must be true, false, a hop count, or addresses/subnets such as loopback, 10.0.0.0/8',
      )
      .optional(),
  ),
  API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  // Open311's agency_responsible: the bureau's name as partners' apps show it (left out when unset).
  OPEN311_AGENCY: optionalString.pipe(z.string().max(200).optional()),
  OPEN311_POSTS_PER_KEY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof configSchema>) {
  const twilio =
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
      ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN }
      : undefined;
  return {
    port: env.PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    databasePath: env.DATABASE_PATH,
    databaseUrl: env.DATABASE_URL,
    twilio,
    offline: twilio === undefined,
    hotlineNumber: env.TWILIO_PHONE_NUMBER,
    twilioApiBaseUrl: env.TWILIO_API_BASE_URL,
    region: env.HOTLINE_REGION,
    byocTrunkSid: env.TWILIO_BYOC_TRUNK_SID,
    timezone: env.HOTLINE_TIMEZONE,
    defaultLanguage: env.HOTLINE_DEFAULT_LANGUAGE,
    adminToken: env.ADMIN_TOKEN,
    flowsDir: env.FLOWS_DIR,
    logLevel: env.LOG_LEVEL,
    abandonedCallFloorSeconds: env.ABANDONED_CALL_FLOOR_SECONDS,
    gapSummaryTime: env.GAP_SUMMARY_TIME,
    shiftReminderMinutes: env.SHIFT_REMINDER_MINUTES,
    satisfactionWindowHours: env.SATISFACTION_WINDOW_HOURS,
    outboxConcurrency: env.OUTBOX_CONCURRENCY,
    outboxLeaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    jobLeaseMs: env.JOB_LEASE_SECONDS * 1000,
    metricsToken: env.METRICS_TOKEN,
    open311: { agency: env.OPEN311_AGENCY, postsPerKeyPerMinute: env.OPEN311_POSTS_PER_KEY_PER_MINUTE },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    apiRateLimits: {
      perTokenPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
      unauthenticatedPerMinute: env.API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    },
  };
}

/** Express's `trust proxy`: how many proxies, or which addresses, may set X-Forwarded-For. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export class ConfigError extends OperatorError {}

/** Parses the environment once; the message of a ConfigError is one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  if (parsed.data.TWILIO_ACCOUNT_SID && !parsed.data.TWILIO_AUTH_TOKEN) {
    throw new ConfigError(
      'Invalid configuration: TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set',
    );
  }
  if (parsed.data.TWILIO_AUTH_TOKEN && !parsed.data.TWILIO_ACCOUNT_SID) {
    throw new ConfigError(
      'Invalid configuration: TWILIO_ACCOUNT_SID is required when TWILIO_AUTH_TOKEN is set',
    );
  }
  if (parsed.data.TWILIO_ACCOUNT_SID && !parsed.data.TWILIO_PHONE_NUMBER) {
    throw new ConfigError(
      'Invalid configuration: TWILIO_PHONE_NUMBER is required when Twilio credentials are set',
    );
  }
  return toConfig(parsed.data);
}

/** Reads `.env` (if present) beneath the real environment, which wins. */
export function loadConfig(envFile = '.env'): Config {
  const fromFile = fs.existsSync(envFile) ? parseEnv(fs.readFileSync(envFile, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...process.env });
}
