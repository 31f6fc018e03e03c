import { type Clock, HOUR, MINUTE } from '../shared/clock';
import { yieldToRequests } from '../shared/event-loop';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import {
  backoff,
  type ClaimedMessage,
  classifySendError,
  describeSendError,
  OPTED_OUT_CODE,
  type SmsSender,
} from './outbox.models';
import type { OutboxRepository } from './outbox.repository';

export type DispatchStore = Pick<
  OutboxRepository,
  | 'claimNext'
  | 'isClaimLive'
  | 'markSubmitted'
  | 'markRetry'
  | 'markFailed'
  | 'recoverInterrupted'
  | 'isOptedOut'
  | 'pruneEarlyStatuses'
>;

export interface DispatchSummary {
  recovered: number;
  claimed: number;
  submitted: number;
  retried: number;
  failed: number;
  optedOut: number;
  /** Claims another dispatcher took over before the send: left to it, not sent. */
  lost: number;
  /** Messages whose outcome could not be recorded; the lease hands them back later. */
  errors: number;
}

type Outcome = 'submitted' | 'retried' | 'failed' | 'optedOut' | 'lost' | 'errors';

/** A claim older than this is taken to be a send that will never report back. */
const DEFAULT_LEASE_MS = 2 * MINUTE;
/** Bounds one run, so a flood of messages cannot keep a run going forever. */
const DEFAULT_MAX_PER_RUN = 1000;
/** Sends in flight at once: enough to drain a burst quickly, few enough for Twilio's API limits. */
const DEFAULT_CONCURRENCY = 4;
/** Early status callbacks whose send was never recorded are kept this long, in case it still is. */
const EARLY_STATUS_TTL_MS = 7 * 24 * HOUR;
const PRUNE_EVERY_MS = HOUR;
const RECOVERY_CHECKS_PER_LEASE = 4;

/**
 * Sends due outbox messages, a few at a time, claiming each just before its send, so a claim's
 * lease counts from that moment. Each network call happens outside any transaction, so webhooks
 * are never blocked. Runs in one process never overlap; across processes, the claim token and
 * the check just before the send keep a message from going out twice while its claim is live.
 */
export function createDispatcher(deps: {
  outboxRepository: DispatchStore;
  sender: SmsSender;
  clock: Clock;
  logger: Logger;
  maxPerRun?: number;
  leaseMs?: number;
  concurrency?: number;
}) {
  const maxPerRun = deps.maxPerRun ?? DEFAULT_MAX_PER_RUN;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const logger = deps.logger.child({ component: 'outbox' });
  const store = deps.outboxRepository;

  async function dispatchOne(message: ClaimedMessage): Promise<Outcome> {
    const log = logger.child({ outboxId: message.id, to: maskPhone(message.to), attempt: message.attempts });
    // The number may have sent STOP after this message was queued.
    if (await store.isOptedOut(message.to)) {
      await store.markFailed(message, 'opted_out', OPTED_OUT_CODE, 'The number opted out before sending');
      log.info('not sent: the number opted out');
      return 'optedOut';
    }
    // A stall since the claim (a paused process, a slow disk) may have let another dispatcher take it.
    if (!(await store.isClaimLive(message, leaseMs))) {
      log.warn('not sent: the claim expired before the send; another run owns the message');
      return 'lost';
    }
    let sent: { sid: string; status: string };
    try {
      sent = await deps.sender.send({ to: message.to, body: message.body });
    } catch (err) {
      return recordSendError(message, err, log);
    }
    if (!(await store.markSubmitted(message, sent.sid, sent.status))) {
      log.error(
        { twilioSid: sent.sid },
        'sms sent, but another run took the message over meanwhile; it may reach the phone twice',
      );
      return 'lost';
    }
    log.info({ twilioSid: sent.sid, twilioStatus: sent.status }, 'sms submitted');
    return 'submitted';
  }

  async function recordSendError(message: ClaimedMessage, err: unknown, log: Logger): Promise<Outcome> {
    const failure = describeSendError(err);
    const verdict = classifySendError(err);
    if (verdict === 'retry') {
      const nextAttemptAt = new Date(deps.clock.now().getTime() + backoff(message.attempts));
      await store.markRetry(message, failure, nextAttemptAt);
      log.warn({ status: failure.status, code: failure.code, nextAttemptAt }, 'sms send failed; will retry');
      return 'retried';
    }
    const status = verdict === 'opted_out' ? 'opted_out' : 'failed';
    await store.markFailed(message, status, failure.code, failure.message);
    log.warn({ status: failure.status, code: failure.code, verdict }, 'sms not sent: permanent error');
    return status === 'opted_out' ? 'optedOut' : 'failed';
  }

  let prunedAt: number | undefined;
  let recoveredAt: number | undefined;

  /** Once an hour at most: the table is nearly always empty, and runs come every few seconds. */
  async function pruneEarlyStatuses(): Promise<void> {
    const now = deps.clock.now().getTime();
    if (prunedAt !== undefined && now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    const pruned = await store.pruneEarlyStatuses(new Date(now - EARLY_STATUS_TTL_MS));
    if (pruned > 0) logger.info({ count: pruned }, 'forgot status callbacks for sends never recorded');
  }

  /**
   * Claims whose lease ran out go back in the queue. A lease lasts minutes and every webhook that
   * queues a message asks for a run, so looking a few times a lease is plenty.
   */
  async function recoverExpiredClaims(): Promise<number> {
    const now = deps.clock.now().getTime();
    if (recoveredAt !== undefined && now - recoveredAt < leaseMs / RECOVERY_CHECKS_PER_LEASE) return 0;
    recoveredAt = now;
    return store.recoverInterrupted(leaseMs);
  }

  async function runOnce(): Promise<DispatchSummary> {
    const summary: DispatchSummary = {
      recovered: await recoverExpiredClaims(),
      claimed: 0,
      submitted: 0,
      retried: 0,
      failed: 0,
      optedOut: 0,
      lost: 0,
      errors: 0,
    };
    if (summary.recovered > 0)
      logger.warn({ count: summary.recovered }, 'reclaimed sends whose lease expired');
    await pruneEarlyStatuses();
    // Each worker claims its next message only when its last send is done, so no claim waits
    // behind other sends and its lease stays honest. One number's messages go one at a time, in
    // order: a citizen reads the result before the question about it, and an opt-out found on the
    // first stops the rest before they are sent.
    const busyNumbers = new Set<string>();
    // Once a claim with no number busy finds nothing, the queue is empty: the other workers stop
    // without asking again (most runs, kicked by a webhook that queued nothing, end there).
    let queueEmpty = false;
    // Claims are taken one after another, so each sees the numbers the others just took.
    let claiming: Promise<unknown> = Promise.resolve();
    const claimForWorker = () => {
      const claim = claiming.then(async () => {
        if (queueEmpty || summary.claimed >= maxPerRun) return undefined;
        // The numbers skipped are those busy when asking: one may come free while the claim runs,
        // and "nothing to claim" says the queue is empty only if nothing was skipped.
        const skipped = [...busyNumbers];
        const claimed = await store.claimNext(skipped);
        if (claimed) {
          summary.claimed += 1;
          busyNumbers.add(claimed.to);
        } else if (skipped.length === 0) {
          queueEmpty = true;
        }
        return claimed;
      });
      claiming = claim.catch(() => undefined);
      return claim;
    };
    const worker = async () => {
      for (;;) {
        // Webhooks waiting on the event loop go first: a burst of sends must not hold up a caller.
        await yieldToRequests();
        const claimed = await claimForWorker();
        if (!claimed) return;
        try {
          summary[await dispatchOne(claimed)] += 1;
        } catch (err) {
          // Only recording failed (the database); the row stays `sending` until the lease returns it.
          logger.error({ err, outboxId: claimed.id }, 'could not record an sms send');
          summary.errors += 1;
        } finally {
          busyNumbers.delete(claimed.to);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
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
   * share one run; a kick during a run gets a fresh run after it, since the run in progress may
   * already have looked for the next message before the new one existed. Never rejects.
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
