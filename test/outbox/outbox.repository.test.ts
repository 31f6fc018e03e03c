import type { DeliveryOutcome } from '../../src/outbox/outbox.models';
import { createOutboxRepository } from '../../src/outbox/outbox.repository';
import { createManualClock, MINUTE } from '../../src/shared/clock';
import type { OpenedDatabase } from '../../src/shared/db';
import { createTestDatabase } from '../helpers/db';

const CITIZEN = '+8613812345678';
const OTHER_CITIZEN = '+8613812345679';
const SID = `SM${'c'.repeat(32)}`;

describe('the outbox repository', () => {
  let opened: OpenedDatabase;
  let told: { id: number; outcome: DeliveryOutcome }[];
  const clock = createManualClock('2027-03-14T07:00:00.000Z');

  beforeEach(async () => {
    opened = await createTestDatabase();
    told = [];
    clock.set('2027-03-14T07:00:00.000Z');
  });
  afterEach(() => opened.close());

  const repository = (offline = false) =>
    createOutboxRepository({
      db: opened.db,
      clock,
      offline,
      onDeliveryOutcome: async (_trx, message, outcome) => {
        told.push({ id: message.id, outcome });
      },
    });
  const enqueue = (offline: boolean, body: string, to = CITIZEN) =>
    repository(offline).enqueue(opened.db, { to, body, purpose: 'receipt' });
  const earlyStatuses = () =>
    opened.db.selectFrom('outbox_early_statuses').select(['message_sid', 'status']).orderBy('id').execute();

  describe('claims', () => {
    it('claims due messages one at a time, oldest first, each under its own token, counting an attempt', async () => {
      const repo = repository();
      const ids = [await enqueue(false, 'a'), await enqueue(false, 'b', OTHER_CITIZEN)];

      const first = await repo.claimNext();
      const second = await repo.claimNext();

      expect([first?.id, first?.status, first?.attempts]).toEqual([ids[0], 'sending', 1]);
      expect(second?.id).toBe(ids[1]);
      expect(first?.claimToken).toEqual(expect.any(String));
      expect(second?.claimToken).not.toBe(first?.claimToken);
      expect(await repo.claimNext()).toBeUndefined();
    });

    it("holds a number's next message while one is being sent to it, whoever claimed that one", async () => {
      const ids = [await enqueue(false, 'receipt'), await enqueue(false, 'result')];
      // Two dispatchers, as on two nodes: neither knows what the other has in flight.
      const [nodeA, nodeB] = [repository(), repository()];

      const receipt = (await nodeA.claimNext())!;
      expect(receipt.id).toBe(ids[0]);
      expect(await nodeB.claimNext()).toBeUndefined();

      expect(await nodeA.markSubmitted(receipt, SID, 'queued')).toBe(true);
      expect((await nodeB.claimNext())?.id).toBe(ids[1]);
    });

    it('does not claim a message before its next attempt time', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      const claim = (await repo.claimNext())!;
      await repo.markRetry(claim, { code: '20500', message: 'down' }, new Date('2027-03-14T07:00:05.000Z'));

      clock.set('2027-03-14T07:00:04.999Z');
      expect(await repo.claimNext()).toBeUndefined();
      clock.set('2027-03-14T07:00:05.000Z');
      expect((await repo.claimNext())?.id).toBe(id);
    });

    it('keeps messages held while offline and queues them once credentials are set', async () => {
      const id = await enqueue(true, 'a');
      const online = repository(false);
      expect(await online.claimNext()).toBeUndefined();

      expect(await online.releaseHeld()).toBe(1);

      expect((await online.claimNext())?.id).toBe(id);
    });

    it('a claim is live only under its own token, and for the lease from the moment it was claimed', async () => {
      const repo = repository();
      await enqueue(false, 'a');
      const claim = (await repo.claimNext())!;

      expect(await repo.isClaimLive(claim, 2 * MINUTE)).toBe(true);
      expect(await repo.isClaimLive({ ...claim, claimToken: 'someone else' }, 2 * MINUTE)).toBe(false);
      clock.advance(2 * MINUTE + 1);
      expect(await repo.isClaimLive(claim, 2 * MINUTE)).toBe(false);
    });

    it('records a late answer for a send the lease handed back, so it is not sent again', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      const claim = (await repo.claimNext())!;
      clock.advance(3 * MINUTE);
      await repo.recoverInterrupted(2 * MINUTE);

      expect(await repo.markSubmitted(claim, SID, 'queued')).toBe(true);

      expect(await repo.claimNext()).toBeUndefined();
      expect(await repo.findById(id)).toMatchObject({ status: 'submitted', twilioSid: SID });
    });

    it('records nothing for a claim that another dispatcher has taken over since', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      const stale = (await repo.claimNext())!;
      clock.advance(3 * MINUTE);
      await repo.recoverInterrupted(2 * MINUTE);
      const current = (await repo.claimNext())!;

      expect(await repo.markSubmitted(stale, SID, 'queued')).toBe(false);
      expect(await repo.markRetry(stale, { code: null, message: 'x' }, clock.now())).toBe(false);
      expect(await repo.markFailed(stale, 'failed', '21614', 'x')).toBeUndefined();

      expect(await repo.findById(id)).toMatchObject({ status: 'sending', twilioSid: null });
      expect(await repo.markSubmitted(current, `SM${'d'.repeat(32)}`, 'queued')).toBe(true);
    });

    it('does not let a retry or failure overwrite a message that was not claimed', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      const notClaimed = { id, claimToken: 'never claimed' };

      expect(await repo.markRetry(notClaimed, { code: null, message: 'x' }, clock.now())).toBe(false);
      expect(await repo.markFailed(notClaimed, 'failed', '21614', 'x')).toBeUndefined();
      expect(await repo.findById(id)).toMatchObject({ status: 'queued', errorCode: null });
    });
  });

  describe('delivery outcomes', () => {
    it('tells the owner what became of a message, once each, in the order it happened', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      await repo.markSubmitted((await repo.claimNext())!, SID, 'queued');

      await repo.applyStatusCallback({ messageSid: SID, messageStatus: 'delivered' });
      await repo.applyStatusCallback({ messageSid: SID, messageStatus: 'sent' });
      await repo.applyStatusCallback({ messageSid: SID, messageStatus: 'delivered' });

      expect(told).toEqual([
        { id, outcome: 'sent' },
        { id, outcome: 'delivered' },
      ]);
    });

    it('ends delivered when `sent` and `delivered` arrive at the same moment, on any store', async () => {
      // On PostgreSQL each callback runs on its own connection: without taking turns, both read the
      // old rank and the later commit (often `sent`) wins.
      const repo = repository();
      const sids = Array.from({ length: 20 }, (_, i) => `SM${String(i).padStart(32, '0')}`);
      const ids: number[] = [];
      for (const [i, sid] of sids.entries()) {
        ids.push(await enqueue(false, `m${i}`, `+86138123400${String(i).padStart(2, '0')}`));
        await repo.markSubmitted((await repo.claimNext())!, sid, 'queued');
      }

      await Promise.all(
        sids.flatMap((sid) => [
          repo.applyStatusCallback({ messageSid: sid, messageStatus: 'sent' }),
          repo.applyStatusCallback({ messageSid: sid, messageStatus: 'delivered' }),
        ]),
      );

      const statuses = await Promise.all(ids.map(async (id) => (await repo.findById(id))?.status));
      expect(statuses).toEqual(ids.map(() => 'delivered'));
    });

    it('applies a callback that arrives while the send is being recorded', async () => {
      const repo = repository();
      const sids = Array.from({ length: 20 }, (_, i) => `SM1${String(i).padStart(31, '0')}`);
      const ids: number[] = [];
      const claims = [];
      for (const [i, sid] of sids.entries()) {
        ids.push(await enqueue(false, `m${i}`, `+86138123401${String(i).padStart(2, '0')}`));
        claims.push({ sid, claim: (await repo.claimNext())! });
      }

      await Promise.all(
        claims.flatMap(({ sid, claim }) => [
          repo.markSubmitted(claim, sid, 'queued'),
          repo.applyStatusCallback({ messageSid: sid, messageStatus: 'delivered' }),
        ]),
      );

      const statuses = await Promise.all(ids.map(async (id) => (await repo.findById(id))?.status));
      expect(statuses).toEqual(ids.map(() => 'delivered'));
    });

    it('tells the owner when a text cannot arrive, and about every message an opt-out stops', async () => {
      const repo = repository();
      const first = await enqueue(false, 'a');
      const second = await enqueue(false, 'b');
      await repo.markFailed((await repo.claimNext())!, 'opted_out', '21610', 'unsubscribed');
      const later = await enqueue(false, 'c');
      const elsewhere = await enqueue(false, 'd', '+8613987654321');
      await repo.markFailed((await repo.claimNext())!, 'failed', '21614', 'landline');

      expect(told).toEqual([
        { id: first, outcome: 'opted_out' },
        { id: second, outcome: 'opted_out' },
        { id: later, outcome: 'opted_out' },
        { id: elsewhere, outcome: 'undeliverable' },
      ]);
    });
  });

  describe('status callbacks that beat the REST answer', () => {
    it('keeps one for a Sid not recorded yet, once per status, and applies it when the send is recorded', async () => {
      const repo = repository();
      const id = await enqueue(false, 'a');
      const claim = (await repo.claimNext())!;

      for (const status of ['sent', 'delivered', 'sent']) {
        expect(await repo.applyStatusCallback({ messageSid: SID, messageStatus: status })).toEqual({
          changed: false,
          message: null,
          kept: true,
        });
      }
      expect(await earlyStatuses()).toEqual([
        { message_sid: SID, status: 'sent' },
        { message_sid: SID, status: 'delivered' },
      ]);

      expect(await repo.markSubmitted(claim, SID, 'queued')).toBe(true);

      expect(await repo.findById(id)).toMatchObject({
        status: 'delivered',
        sentAt: '2027-03-14T07:00:00.000Z',
        deliveredAt: '2027-03-14T07:00:00.000Z',
      });
      expect(told).toEqual([
        { id, outcome: 'sent' },
        { id, outcome: 'delivered' },
      ]);
      expect(await earlyStatuses()).toEqual([]);
    });

    it('keeps no status it does not track', async () => {
      const repo = repository();
      expect(await repo.applyStatusCallback({ messageSid: SID, messageStatus: 'received' })).toMatchObject({
        kept: false,
      });
      expect(await earlyStatuses()).toEqual([]);
    });

    it('forgets the ones whose send was never recorded, after a week', async () => {
      const repo = repository();
      await repo.applyStatusCallback({ messageSid: SID, messageStatus: 'sent' });
      clock.advance(60 * MINUTE);
      await repo.applyStatusCallback({ messageSid: `SM${'e'.repeat(32)}`, messageStatus: 'sent' });

      expect(await repo.pruneEarlyStatuses(new Date('2027-03-14T07:30:00.000Z'))).toBe(1);
      expect((await earlyStatuses()).map((row) => row.message_sid)).toEqual([`SM${'e'.repeat(32)}`]);
    });
  });
});
