import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/shared/db';
import type { FakeTwilio } from './fake-twilio';
import { type HttpAnswer, httpRequest, type ServerProcess, startServerProcess } from './server-process';
import type { SharedPostgresStore } from './shared-store';
import { signTwilioRequest } from './twilio-signing';

export const CLUSTER_ADMIN_TOKEN = 'cluster-test-admin-token-0123456789';
export const HOTLINE_NUMBER = '+8610012345';

/**
 * A node of the cluster: `npm start` as a child process on the shared PostgreSQL schema, sending
 * through the fake Twilio. Each node signs and is signed against its own address, as a node behind
 * a load balancer would be were each given its own public URL.
 */
export function startClusterNode(
  store: SharedPostgresStore,
  fake: FakeTwilio,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  return startServerProcess({
    env: (port) => ({
      DATABASE_URL: store.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_PHONE_NUMBER: HOTLINE_NUMBER,
      TWILIO_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN: CLUSTER_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    }),
  });
}

/** A citizen's text with a Sid of the caller's choosing, so the very same delivery can reach two nodes. */
export interface CitizenText {
  sid: string;
  from: string;
  body: string;
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** Posts the text to `node` signed as Twilio signs it for that node's URL. */
export function postText(node: ServerProcess, fake: FakeTwilio, text: CitizenText): Promise<HttpAnswer> {
  const params = {
    MessageSid: text.sid,
    AccountSid: fake.accountSid,
    From: text.from,
    To: HOTLINE_NUMBER,
    Body: text.body,
    NumMedia: '0',
  };
  return httpRequest(`${node.url}/twilio/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(fake.authToken, `${node.publicBaseUrl}/twilio/sms`, params),
    },
    body: new URLSearchParams(params).toString(),
    timeoutMs: 30_000,
  });
}

/** Runs `work` over `items`, `limit` at a time. */
export async function inBatches<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** POST /api/jobs/:name/run as the admin; a run may wait for the other node's, hence the long timeout. */
export function runJob(node: ServerProcess, name: string): Promise<HttpAnswer> {
  return httpRequest(`${node.url}/api/jobs/${name}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` },
    timeoutMs: 60_000,
  });
}

/** Outbox rows by status, read straight from the store. */
export async function outboxStatuses(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
