import express from 'express';
import request from 'supertest';
import { createCallbacksRepository } from '../../src/callbacks/callbacks.repository';
import { createDeliveryOutcomeHandler } from '../../src/cases/cases.delivery';
import { createCasesRepository } from '../../src/cases/cases.repository';
import { createOutboxRepository, type OutboxRepository } from '../../src/outbox/outbox.repository';
import { createSmsStatusRouter } from '../../src/outbox/outbox.routes';
import { createManualClock, type ManualClock, MINUTE } from '../../src/shared/clock';
import type { OpenedDatabase } from '../../src/shared/db';
import { createErrorHandler } from '../../src/shared/http';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase } from '../helpers/db';

const CITIZEN = '+8613812345678';
const SID = `SM${'a'.repeat(32)}`;

describe('SMS status callbacks', () => {
  let opened: OpenedDatabase;
  let clock: ManualClock;
  let repo: OutboxRepository;

  beforeEach(async () => {
    opened = await createTestDatabase();
    clock = createManualClock('2027-03-14T07:00:00.000Z');
    // The outbox as the container wires it: outcomes go to the cases capability.
    const onDeliveryOutcome = createDeliveryOutcomeHandler({
      casesRepository: createCasesRepository({ db: opened.db }),
      callbacksRepository: createCallbacksRepository({ db: opened.db }),
      clock,
    });
    repo = createOutboxRepository({ db: opened.db, clock, offline: false, onDeliveryOutcome });
  });
  afterEach(() => opened.close());

  async function insertCase(): Promise<number> {
    const now = clock.now().toISOString();
    const row = await opened.db
      .insertInto('cases')
      .values({
        ref: '12345678',
        status: 'resolved',
        channel: 'sms',
        phone: CITIZEN,
        language: 'zh-CN',
        category: 'other',
        priority: 'normal',
        description: 'street light out',
        on_duty: '{}',
        result: 'repaired',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A message the dispatcher handed to Twilio, which answered `queued`. */
  async function submitted(
    purpose: 'receipt' | 'result',
    caseId: number | null = null,
    sid = SID,
  ): Promise<number> {
    const id = await repo.enqueue(opened.db, { to: CITIZEN, body: 'your case', purpose, caseId });
    await repo.markSubmitted((await repo.claimNext())!, sid, 'queued');
    return id;
  }

  const apply = (messageStatus: string, errorCode?: string) =>
    repo.applyStatusCallback({ messageSid: SID, messageStatus, errorCode });

  it('keeps delivered when a late sent arrives', async () => {
    const id = await submitted('receipt');

    expect((await apply('delivered')).changed).toBe(true);
    clock.advance(MINUTE);
    expect((await apply('sent')).changed).toBe(false);

    expect(await repo.findById(id)).toMatchObject({
      status: 'delivered',
      sentAt: '2027-03-14T07:00:00.000Z',
      deliveredAt: '2027-03-14T07:00:00.000Z',
    });
  });

  it('changes nothing the second time the same callback arrives', async () => {
    await submitted('receipt');

    expect((await apply('sent')).changed).toBe(true);
    expect((await apply('sent')).changed).toBe(false);
  });

  it('records the error code of an undelivered message', async () => {
    const id = await submitted('receipt');

    await apply('sent');
    await apply('undelivered', '30006');

    expect(await repo.findById(id)).toMatchObject({ status: 'undelivered', errorCode: '30006' });
  });

  it("completes a case's feedback when its result is delivered", async () => {
    const caseId = await insertCase();
    await submitted('result', caseId);

    await apply('sent');
    clock.advance(MINUTE);
    await apply('delivered');

    const found = await opened.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(found).toMatchObject({
      feedback_sent_at: '2027-03-14T07:00:00.000Z',
      feedback_delivered_at: '2027-03-14T07:01:00.000Z',
      feedback_via: 'sms',
    });
    const events = await opened.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', caseId)
      .execute();
    expect(events.map((event) => event.type)).toEqual(['feedback_sent', 'feedback_delivered']);
  });

  it('leaves the feedback alone for messages that are not a result', async () => {
    const caseId = await insertCase();
    await submitted('receipt', caseId);

    await apply('delivered');

    const found = await opened.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(found).toMatchObject({ feedback_sent_at: null, feedback_delivered_at: null, feedback_via: null });
  });

  it('does not claim feedback for a result that failed', async () => {
    const caseId = await insertCase();
    await submitted('result', caseId);

    await apply('failed', '30008');

    const found = await opened.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(found).toMatchObject({ feedback_sent_at: null, feedback_delivered_at: null });
  });

  it('keeps a callback for a message it does not know yet, and changes no other message', async () => {
    await submitted('receipt');

    const result = await repo.applyStatusCallback({
      messageSid: `SM${'b'.repeat(32)}`,
      messageStatus: 'delivered',
    });

    expect(result).toEqual({ changed: false, message: null, kept: true });
    const rows = await opened.db.selectFrom('outbox').select('status').execute();
    expect(rows).toEqual([{ status: 'submitted' }]);
  });

  it('ignores a status it does not track', async () => {
    await submitted('receipt');

    expect((await apply('received')).changed).toBe(false);
  });

  describe('POST /twilio/sms/status', () => {
    const app = () => {
      const server = express();
      server.use(express.urlencoded({ extended: false }));
      server.use(
        '/twilio/sms/status',
        createSmsStatusRouter({ outboxRepository: repo, logger: silentLogger }),
      );
      server.use(createErrorHandler(silentLogger));
      return server;
    };

    it('applies the status and answers 204', async () => {
      const id = await submitted('receipt');

      await request(app())
        .post('/twilio/sms/status')
        .type('form')
        .send({ MessageSid: SID, MessageStatus: 'delivered', AccountSid: 'AC1' })
        .expect(204);

      expect(await repo.findById(id)).toMatchObject({ status: 'delivered' });
    });

    it('answers 204 for an unknown message', async () => {
      await request(app())
        .post('/twilio/sms/status')
        .type('form')
        .send({ MessageSid: SID, MessageStatus: 'sent', ErrorCode: '' })
        .expect(204);
    });

    it('answers 400 with a code when MessageStatus is missing', async () => {
      const response = await request(app())
        .post('/twilio/sms/status')
        .type('form')
        .send({ MessageSid: SID })
        .expect(400);

      expect(response.body).toEqual({
        error: { code: 'twilio.status_invalid', message: expect.stringContaining('MessageStatus') },
      });
    });
  });
});
