import { createDispatcher } from '../../src/outbox/outbox.dispatcher';
import type { SmsSender } from '../../src/outbox/outbox.models';
import { createOutboxRepository, type OutboxRepository } from '../../src/outbox/outbox.repository';
import { createTwilioClient } from '../../src/outbox/twilio-client';
import { createTwilioSender } from '../../src/outbox/twilio-sender';
import { createManualClock, type ManualClock, MINUTE } from '../../src/shared/clock';
import type { OpenedDatabase } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase } from '../helpers/db';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';

const HOTLINE = '+8610012345';
const CITIZEN = '+8613812345678';
const OTHER = '+8613987654321';

describe('the outbox dispatcher', () => {
  let opened: OpenedDatabase;
  let clock: ManualClock;
  let repo: OutboxRepository;
  let fake: FakeTwilio;
  let sender: SmsSender;

  beforeEach(async () => {
    opened = await createTestDatabase();
    clock = createManualClock('2027-03-14T07:00:00.000Z');
    repo = createOutboxRepository({
      db: opened.db,
      clock,
      offline: false,
      onDeliveryOutcome: async () => undefined,
    });
    fake = await startFakeTwilio();
    const client = createTwilioClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      apiBaseUrl: fake.baseUrl,
    });
    sender = createTwilioSender({
      client,
      from: HOTLINE,
      statusCallbackUrl: 'http://localhost:3000/twilio/sms/status',
    });
  });

  afterEach(async () => {
    await fake.close();
    await opened.close();
  });

  const dispatcherWith = (
    options: { sender?: SmsSender; store?: OutboxRepository; concurrency?: number } = {},
  ) =>
    createDispatcher({
      outboxRepository: options.store ?? repo,
      sender: options.sender ?? sender,
      clock,
      logger: silentLogger,
      concurrency: options.concurrency,
    });

  const enqueue = (to: string, body: string) => repo.enqueue(opened.db, { to, body, purpose: 'receipt' });
  const row = (id: number) =>
    opened.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sentBodies = (body: string) => fake.messages.filter((message) => message.body === body).length;
  const attemptsTo = (to: string) => fake.attempts.filter((attempt) => attempt.to === to).length;

  it('delivers every message exactly once through an outage, never before its retry time', async () => {
    const bodies = ['receipt 1', 'receipt 2', 'receipt 3'];
    for (const body of bodies) await enqueue(CITIZEN, body);
    fake.failNext(3, { status: 500 });
    fake.failNext(1, { status: 429, code: 20429 });
    const dispatcher = dispatcherWith();

    await dispatcher.run();
    for (let round = 0; round < 10; round++) {
      const waiting = await opened.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('status', '=', 'queued')
        .executeTakeFirstOrThrow();
      if (!waiting.next) break;
      const attemptsSoFar = fake.attempts.length;

      clock.set(new Date(new Date(waiting.next).getTime() - 1));
      expect((await dispatcher.run()).claimed).toBe(0);
      expect(fake.attempts).toHaveLength(attemptsSoFar);

      clock.set(waiting.next);
      await dispatcher.run();
      expect(fake.attempts.length).toBeGreaterThan(attemptsSoFar);
    }

    expect(bodies.map(sentBodies)).toEqual([1, 1, 1]);
    expect(fake.attempts).toHaveLength(3 + 4);
    const rows = await opened.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(rows.map((r) => r.twilio_sid)).toEqual(
      bodies.map((body) => fake.messages.find((m) => m.body === body)?.sid),
    );
  });

  it('backs off longer after each failure of the same message', async () => {
    const id = await enqueue(CITIZEN, 'result');
    fake.failNext(2, { status: 503 });
    const dispatcher = dispatcherWith();
    const start = clock.now().getTime();

    await dispatcher.run();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, error_code: '20503' });
    expect(new Date((await row(id)).next_attempt_at).getTime() - start).toBe(5_000);

    clock.advance(5_000);
    await dispatcher.run();
    expect(new Date((await row(id)).next_attempt_at).getTime() - clock.now().getTime()).toBe(10_000);

    clock.advance(10_000);
    await dispatcher.run();
    expect(await row(id)).toMatchObject({ status: 'submitted', attempts: 3, error_code: null });
    expect(sentBodies('result')).toBe(1);
  });

  it('does not retry an opted-out number, remembers it, and sends it nothing more', async () => {
    fake.failFor(CITIZEN, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const first = await enqueue(CITIZEN, 'receipt');
    const second = await enqueue(CITIZEN, 'result');
    const toOther = await enqueue(OTHER, 'alert');
    const dispatcher = dispatcherWith();

    await dispatcher.run();

    expect(await row(first)).toMatchObject({ status: 'opted_out', error_code: '21610', attempts: 1 });
    expect(await row(second)).toMatchObject({ status: 'opted_out', error_code: '21610', attempts: 0 });
    expect(await row(toOther)).toMatchObject({ status: 'submitted' });
    expect(await repo.isOptedOut(CITIZEN)).toBe(true);

    const later = await enqueue(CITIZEN, 'satisfaction');
    clock.advance(60 * MINUTE);
    await dispatcher.run();

    expect(await row(later)).toMatchObject({ status: 'opted_out' });
    expect(attemptsTo(CITIZEN)).toBe(1);
  });

  it('does not send to a number that opted out after the message was queued, nor anything after it', async () => {
    const id = await enqueue(CITIZEN, 'result');
    const alsoStopped = await enqueue(CITIZEN, 'satisfaction');
    await opened.db
      .insertInto('opt_outs')
      .values({ phone: CITIZEN, opted_out_at: clock.now().toISOString(), source: 'sms' })
      .execute();

    const summary = await dispatcherWith().run();

    // The first one's opt-out stops the second before anyone claims it.
    expect(summary).toMatchObject({ claimed: 1, optedOut: 1, submitted: 0 });
    expect(await row(id)).toMatchObject({ status: 'opted_out', error_code: '21610' });
    expect(await row(alsoStopped)).toMatchObject({ status: 'opted_out', attempts: 0 });
    expect(fake.attempts).toHaveLength(0);
  });

  it('records a landline as failed with its code and does not retry it', async () => {
    fake.failFor(CITIZEN, {
      status: 400,
      code: 21614,
      message: 'To number: +8613812345678, is not a mobile number',
    });
    const id = await enqueue(CITIZEN, 'result');
    const dispatcher = dispatcherWith();

    await dispatcher.run();
    clock.advance(60 * MINUTE);
    await dispatcher.run();

    expect(await row(id)).toMatchObject({ status: 'failed', error_code: '21614', attempts: 1 });
    expect((await row(id)).error_message).toContain('not a mobile number');
    expect(fake.attempts).toHaveLength(1);
  });

  it('sends a message left in sending by a crash once it is recovered at start', async () => {
    const id = await enqueue(CITIZEN, 'receipt');
    await repo.claimNext(); // the process dies here, before Twilio answered
    expect(await row(id)).toMatchObject({ status: 'sending' });
    const afterRestart = dispatcherWith();

    expect((await afterRestart.run()).claimed).toBe(0);
    expect(await repo.recoverInterrupted()).toBe(1);
    await afterRestart.run();

    expect(await row(id)).toMatchObject({ status: 'submitted', attempts: 2 });
    expect(sentBodies('receipt')).toBe(1);
  });

  it('reclaims a send whose lease expired during normal runs, within a quarter of a lease', async () => {
    const id = await enqueue(CITIZEN, 'receipt');
    await repo.claimNext();
    const dispatcher = dispatcherWith();

    clock.advance(2 * MINUTE - 1);
    expect((await dispatcher.run()).recovered).toBe(0);
    // Runs follow every webhook: they look for expired claims a few times a lease, not each time.
    clock.advance(2);
    expect((await dispatcher.run()).recovered).toBe(0);
    clock.advance(MINUTE / 2);
    expect((await dispatcher.run()).recovered).toBe(1);

    expect(await row(id)).toMatchObject({ status: 'submitted' });
  });

  it('keeps going after a message whose outcome cannot be recorded', async () => {
    const broken = await enqueue(CITIZEN, 'receipt');
    const fine = await enqueue(OTHER, 'alert');
    const store: OutboxRepository = {
      ...repo,
      async markSubmitted(claim, sid, status) {
        if (claim.id === broken) throw new Error('disk I/O error');
        return repo.markSubmitted(claim, sid, status);
      },
    };

    const summary = await dispatcherWith({ store }).run();

    expect(summary).toMatchObject({ claimed: 2, submitted: 1, errors: 1 });
    expect(await row(fine)).toMatchObject({ status: 'submitted' });
    expect(await row(broken)).toMatchObject({ status: 'sending' });
  });

  it('retries when the sender throws something that is not an HTTP error', async () => {
    const id = await enqueue(CITIZEN, 'receipt');
    const throwing: SmsSender = {
      send: () => Promise.reject(new Error('getaddrinfo ENOTFOUND api.twilio.com')),
    };

    await dispatcherWith({ sender: throwing }).run();

    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      error_message: expect.stringContaining('ENOTFOUND'),
    });
  });

  describe('kick', () => {
    function gatedSender() {
      let open: () => void = () => undefined;
      let gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      let entered: () => void = () => undefined;
      const firstSendStarted = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let inFlight = 0;
      let maxInFlight = 0;
      const sent: string[] = [];
      const gated: SmsSender = {
        async send({ body }) {
          entered();
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await gate;
          inFlight -= 1;
          sent.push(body);
          return { sid: `SM${String(sent.length).padStart(32, '0')}`, status: 'queued' };
        },
      };
      return {
        sender: gated,
        sent,
        firstSendStarted,
        maxInFlight: () => maxInFlight,
        release() {
          open();
          gate = Promise.resolve();
        },
      };
    }

    /** Counts runs of one worker: each ends with the one claim that finds the queue empty. */
    function countingRuns() {
      const calls = { runs: 0 };
      const store: OutboxRepository = {
        ...repo,
        async claimNext(busyNumbers) {
          const claimed = await repo.claimNext(busyNumbers);
          if (!claimed) calls.runs += 1;
          return claimed;
        },
      };
      return { store, calls };
    }

    it('coalesces kicks in the same tick into one run', async () => {
      await enqueue(CITIZEN, 'receipt');
      const { store, calls } = countingRuns();
      const dispatcher = dispatcherWith({ store, concurrency: 1 });

      const kicks = [dispatcher.kick(), dispatcher.kick(), dispatcher.kick()];
      expect(kicks[1]).toBe(kicks[0]);
      expect(calls.runs).toBe(0); // not inside the caller's tick, after its transaction
      await Promise.all(kicks);

      expect(calls.runs).toBe(1);
      expect(sentBodies('receipt')).toBe(1);
    });

    it('runs once more after a run in progress, never overlapping it', async () => {
      const gated = gatedSender();
      const { store, calls } = countingRuns();
      const dispatcher = dispatcherWith({ store, sender: gated.sender, concurrency: 1 });
      await enqueue(CITIZEN, 'receipt');

      const running = dispatcher.run();
      expect(dispatcher.run()).toBe(running);
      await gated.firstSendStarted;
      await enqueue(OTHER, 'alert'); // queued while the run waits on the network
      const kicks = [dispatcher.kick(), dispatcher.kick()];
      await new Promise((resolve) => setImmediate(resolve));
      gated.release();
      await running;
      await Promise.all(kicks);

      // Claimed row by row, the alert goes out in the same run; the kick still gets its own run.
      expect(await running).toMatchObject({ claimed: 2 });
      expect(gated.sent).toEqual(['receipt', 'alert']);
      expect(gated.maxInFlight()).toBe(1);
      expect(calls.runs).toBe(2);
    });

    it('lets a shutdown wait until kicked runs are done', async () => {
      await enqueue(CITIZEN, 'receipt');
      const dispatcher = dispatcherWith();

      void dispatcher.kick();
      await dispatcher.idle();

      expect(sentBodies('receipt')).toBe(1);
    });

    it('never rejects, even when the run fails', async () => {
      const store: OutboxRepository = {
        ...repo,
        claimNext: () => Promise.reject(new Error('database is locked')),
      };

      await expect(dispatcherWith({ store }).kick()).resolves.toBeUndefined();
    });
  });
});
