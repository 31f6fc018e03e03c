import type { Db } from '../shared/db';

export interface OutboxBacklog {
  /** Messages waiting to go out or in flight. Held ones (offline) wait for credentials, not for us. */
  waiting: number;
  oldestCreatedAt: string | null;
}

/** What an operator watches: a growing or ageing backlog means Twilio or the dispatcher is stuck. */
export async function readOutboxBacklog(db: Db): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('waiting'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.waiting), oldestCreatedAt: row.oldest ?? null };
}
