import { type Clock, MINUTE } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import {
  backoff,
  classifySendError,
  describeSendError,
  OPTED_OUT_CODE,
  type OutboxMessage,
  type SmsSender,
} from './outbox.models';
import type { OutboxRepository } from './outbox.repository';

export type DispatchStore = Pick<
  OutboxRepository,
  'claimDue' | 'markSubmitted' | 'markRetry' | 'markFailed' | 'recoverInterrupted' | 'isOptedOut'
>;

export interface DispatchSummary {
  recovered: number;
  claimed: number;
  submitted: number;
  retried: number;
  failed: number;
  optedOut: number;
  /** Messages whose outcome could not be recorded; the lease hands them back later. */
  errors: number;
}

type Outcome = 'submitted' | 'retried' | 'failed' | 'optedOut' | 'errors';

/** A claim older than this is taken to be a send that will never report back. */
const DEFAULT_LEASE_MS = 2 * MINUTE;
/** Bounds one run, so a flood of messages cannot keep a run going forever. */
const MAX_BATCHES_PER_RUN = 50;

/**
 * Sends due outbox messages one at a time. Each network call happens outside any transaction,
 * so webhooks are never blocked; runs never overlap, so a message is never claimed twice.
 */
export function createDispatcher(deps: {
  outboxRepository: DispatchStore;
  sender: SmsSender;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  leaseMs?: number;
}) {
  const batchSize = deps.batchSize ?? 20;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const logger = deps.logger.child({ component: 'outbox' });
  const store = deps.outboxRepository;

  async function dispatchOne(message: OutboxMessage): Promise<Outcome> {
    const log = logger.child({ outboxId: message.id, to: maskPhone(message.to), attempt: message.attempts });
    // The number may have sent STOP after this message was queued.
    if (await store.isOptedOut(message.to)) {
      await store.markFailed(message.id, 'opted_out', OPTED_OUT_CODE, 'The number opted out before sending');
      log.info('not sent: the number opted out');
      return 'optedOut';
    }
    let sent: { sid: string; status: string };
    try {
      sent = await deps.sender.send({ to: message.to, body: message.body });
    } catch (err) {
      return recordSendError(message, err, log);
    }
    await store.markSubmitted(message.id, sent.sid, sent.status);
    log.info({ twilioSid: sent.sid, twilioStatus: sent.status }, 'sms submitted');
    return 'submitted';
  }

  async function recordSendError(message: OutboxMessage, err: unknown, log: Logger): Promise<Outcome> {
    const failure = describeSendError(err);
    const verdict = classifySendError(err);
    if (verdict === 'retry') {
      const nextAttemptAt = new Date(deps.clock.now().getTime() + backoff(message.attempts));
      await store.markRetry(message.id, failure, nextAttemptAt);
      log.warn({ status: failure.status, code: failure.code, nextAttemptAt }, 'sms send failed; will retry');
      return 'retried';
    }
    const status = verdict === 'opted_out' ? 'opted_out' : 'failed';
    await store.markFailed(message.id, status, failure.code, failure.message);
    log.warn({ status: failure.status, code: failure.code, verdict }, 'sms not sent: permanent error');
    return status === 'opted_out' ? 'optedOut' : 'failed';
  }

  async function runOnce(): Promise<DispatchSummary> {
    const summary: DispatchSummary = {
      recovered: await store.recoverInterrupted(leaseMs),
      claimed: 0,
      submitted: 0,
      retried: 0,
      failed: 0,
      optedOut: 0,
      errors: 0,
    };
    if (summary.recovered > 0)
      logger.warn({ count: summary.recovered }, 'reclaimed sends whose lease expired');
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const claimed = await store.claimDue(batchSize);
      summary.claimed += claimed.length;
      for (const message of claimed) {
        try {
          summary[await dispatchOne(message)] += 1;
        } catch (err) {
          // Only recording failed (the database); the row stays `sending` until the lease returns it.
          logger.error({ err, outboxId: message.id }, 'could not record an sms send');
          summary.errors += 1;
        }
      }
      if (claimed.length < batchSize) break;
    }
    return summary;
  }

  let running: Promise<DispatchSummary> | undefined;
  let kicked: Promise<void> | undefined;

  /** Runs now, or joins the run in progress. */
  function run(): Promise<DispatchSummary> {
    if (!running) {
      running = runOnce().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  /**
   * Asks for a run soon, after the caller's transaction has committed. Kicks in the same tick
   * share one run; a kick during a run gets a fresh run after it, since the run in progress
   * may have claimed its batch before the new message existed. Never rejects.
   */
  function kick(): Promise<void> {
    if (!kicked) {
      kicked = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => running?.catch(() => undefined))
        .then(() => {
          kicked = undefined;
          return run();
        })
        .then(
          () => undefined,
          (err: unknown) => {
            logger.error({ err }, 'outbox run failed');
          },
        );
    }
    return kicked;
  }

  /** For a graceful shutdown: resolves when no run is in progress or asked for. */
  async function idle(): Promise<void> {
    while (running || kicked) {
      await Promise.all([running?.catch(() => undefined), kicked]);
    }
  }

  return { run, kick, idle };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
