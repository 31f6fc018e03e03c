import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher, type Dispatcher } from '../../src/outbox/outbox.dispatcher';
import type { SmsSender } from '../../src/outbox/outbox.models';
import { createOutboxRepository, type OutboxRepository } from '../../src/outbox/outbox.repository';
import { createTwilioClient } from '../../src/outbox/twilio-client';
import { createTwilioSender } from '../../src/outbox/twilio-sender';
import { createManualClock, type ManualClock, MINUTE } from '../../src/shared/clock';
import { type OpenedDatabase, openDatabase } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { migrate } from '../../src/shared/migrator';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';

const CITIZEN = '+8613812345678';

// Two processes (say, two app nodes) dispatch from one SQLite file, each through its own
// connection, to a Twilio that is slow to answer. A claim is live for two minutes from the moment
// its row was claimed; while it is live, nobody else may send that message.

describe('two dispatchers on one database', () => {
  let dir: string;
  let opened: OpenedDatabase[];
  let clock: ManualClock;
  let fake: FakeTwilio;
  let stores: OutboxRepository[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-dispatch-'));
    const file = path.join(dir, 'hotline.sqlite');
    opened = [openDatabase(file), openDatabase(file)];
    await migrate(opened[0]);
    clock = createManualClock('2027-03-14T07:00:00.000Z');
    stores = opened.map((each) =>
      createOutboxRepository({
        db: each.db,
        clock,
        offline: false,
        onDeliveryOutcome: async () => undefined,
      }),
    );
    fake = await startFakeTwilio();
  });

  afterEach(async () => {
    fake.beforeAnswer(null);
    await fake.close();
    for (const each of opened) await each.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function senderFor(): SmsSender {
    const client = createTwilioClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      apiBaseUrl: fake.baseUrl,
    });
    return createTwilioSender({ client, from: '+8610012345', statusCallbackUrl: 'http://localhost/s' });
  }
  const dispatcherOn = (store: OutboxRepository): Dispatcher =>
    createDispatcher({ outboxRepository: store, sender: senderFor(), clock, logger: silentLogger });
  const copiesOf = (body: string) => fake.messages.filter((message) => message.body === body).length;

  it('a slow Twilio never lets the second dispatcher send what the first has claimed', async () => {
    const bodies = ['receipt 1', 'receipt 2', 'receipt 3', 'receipt 4', 'receipt 5'];
    for (const body of bodies)
      await stores[0].enqueue(opened[0].db, { to: CITIZEN, body, purpose: 'receipt' });
    const first = dispatcherOn(stores[0]);
    const second = dispatcherOn(stores[1]);
    let secondRunning = false;
    // Each answer takes 90 s; while the first dispatcher waits on one, the second one runs.
    fake.beforeAnswer(async () => {
      clock.advance(1.5 * MINUTE);
      if (secondRunning) return;
      secondRunning = true;
      try {
        await second.run();
      } finally {
        secondRunning = false;
      }
    });

    await first.run();
    await second.run();

    expect(bodies.map(copiesOf)).toEqual([1, 1, 1, 1, 1]);
    const rows = await opened[1].db.selectFrom('outbox').select(['status', 'twilio_sid']).execute();
    expect(rows.every((row) => row.status === 'submitted' && row.twilio_sid !== null)).toBe(true);
  });

  it('a dispatcher whose claim expired before it could send leaves the message to the one that reclaimed it', async () => {
    await stores[0].enqueue(opened[0].db, { to: CITIZEN, body: 'receipt', purpose: 'receipt' });
    const second = dispatcherOn(stores[1]);
    // The first dispatcher stalls between claiming and sending (a paused process, a slow disk)
    // for longer than the lease, and the second takes the message over meanwhile.
    const stalling: OutboxRepository = {
      ...stores[0],
      async isOptedOut(phone) {
        clock.advance(3 * MINUTE);
        await second.run();
        return stores[0].isOptedOut(phone);
      },
    };

    await dispatcherOn(stalling).run();

    expect(copiesOf('receipt')).toBe(1);
    const row = await opened[0].db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'submitted', twilio_sid: fake.messages[0].sid });
  });
});
