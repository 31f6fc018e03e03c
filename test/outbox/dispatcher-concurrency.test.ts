import { createDispatcher } from '../../src/outbox/outbox.dispatcher';
import { createOutboxRepository, type OutboxRepository } from '../../src/outbox/outbox.repository';
import { createTwilioClient } from '../../src/outbox/twilio-client';
import { createTwilioSender } from '../../src/outbox/twilio-sender';
import { createManualClock } from '../../src/shared/clock';
import type { OpenedDatabase } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase } from '../helpers/db';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';

// A burst of receipts (a flood of texts, the end of an outage) must drain quickly, but Twilio's API
// limits and a citizen's reading order both need care: a few sends at once, one number at a time.

describe('the dispatcher sends a burst a few at a time', () => {
  let database: OpenedDatabase;
  let fake: FakeTwilio;
  let store: OutboxRepository;
  let inFlight = 0;
  let mostInFlight = 0;

  beforeEach(async () => {
    database = await createTestDatabase();
    const clock = createManualClock('2027-03-14T07:00:00.000Z');
    store = createOutboxRepository({
      db: database.db,
      clock,
      offline: false,
      onDeliveryOutcome: async () => undefined,
    });
    fake = await startFakeTwilio();
    inFlight = 0;
    mostInFlight = 0;
    // Twilio takes a moment to answer each create, so overlapping sends show: long enough that the
    // claims, taken one after another (a round trip each on PostgreSQL), all land within one send.
    fake.beforeAnswer(async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 60));
      inFlight -= 1;
    });
  });

  afterEach(async () => {
    fake.beforeAnswer(null);
    await fake.close();
    await database.close();
  });

  const dispatcher = (concurrency: number) =>
    createDispatcher({
      outboxRepository: store,
      sender: createTwilioSender({
        client: createTwilioClient({
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          apiBaseUrl: fake.baseUrl,
        }),
        from: '+8610012345',
        statusCallbackUrl: 'http://localhost/s',
      }),
      clock: createManualClock('2027-03-14T07:00:00.000Z'),
      logger: silentLogger,
      concurrency,
    });

  it('keeps up to OUTBOX_CONCURRENCY sends in flight, and sends each message once', async () => {
    for (let i = 0; i < 24; i += 1) {
      await store.enqueue(database.db, {
        to: `+86139000000${String(i).padStart(2, '0')}`,
        body: `receipt ${i}`,
        purpose: 'receipt',
      });
    }

    const summary = await dispatcher(4).run();

    expect(summary).toMatchObject({ claimed: 24, submitted: 24 });
    expect(mostInFlight).toBe(4);
    expect(new Set(fake.messages.map((message) => message.body)).size).toBe(24);
    expect(fake.messages).toHaveLength(24);
  });

  it("sends one citizen's messages one at a time, in the order they were queued", async () => {
    const citizen = '+8613912345678';
    for (const body of ['result', 'are you satisfied?', 'another']) {
      await store.enqueue(database.db, { to: citizen, body, purpose: 'result' });
    }

    await dispatcher(4).run();

    expect(mostInFlight).toBe(1);
    expect(fake.messages.map((message) => message.body)).toEqual(['result', 'are you satisfied?', 'another']);
  });
});
