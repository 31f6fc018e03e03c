import { createOutboxRepository } from '../../src/outbox/outbox.repository';
import { createManualClock } from '../../src/shared/clock';
import type { OpenedDatabase } from '../../src/shared/db';
import { createTestDatabase } from '../helpers/db';

const CITIZEN = '+8613812345678';

describe('the outbox repository', () => {
  let opened: OpenedDatabase;
  const clock = createManualClock('2027-03-14T07:00:00.000Z');

  beforeEach(() => {
    opened = createTestDatabase();
    clock.set('2027-03-14T07:00:00.000Z');
  });
  afterEach(() => opened.close());

  const repository = (offline = false) => createOutboxRepository({ db: opened.db, clock, offline });
  const enqueue = (offline: boolean, body: string) =>
    repository(offline).enqueue(opened.db, { to: CITIZEN, body, purpose: 'receipt' });

  it('claims due messages oldest first, at most the limit, counting an attempt', async () => {
    const repo = repository();
    const ids = [await enqueue(false, 'a'), await enqueue(false, 'b'), await enqueue(false, 'c')];

    const claimed = await repo.claimDue(2);

    expect(claimed.map((m) => [m.id, m.status, m.attempts])).toEqual([
      [ids[0], 'sending', 1],
      [ids[1], 'sending', 1],
    ]);
    expect((await repo.claimDue(10)).map((m) => m.id)).toEqual([ids[2]]);
    expect(await repo.claimDue(10)).toEqual([]);
  });

  it('does not claim a message before its next attempt time', async () => {
    const repo = repository();
    const id = await enqueue(false, 'a');
    await repo.claimDue(1);
    await repo.markRetry(id, { code: '20500', message: 'down' }, new Date('2027-03-14T07:00:05.000Z'));

    clock.set('2027-03-14T07:00:04.999Z');
    expect(await repo.claimDue(1)).toEqual([]);
    clock.set('2027-03-14T07:00:05.000Z');
    expect((await repo.claimDue(1)).map((m) => m.id)).toEqual([id]);
  });

  it('keeps messages held while offline and queues them once credentials are set', async () => {
    const id = await enqueue(true, 'a');
    const online = repository(false);
    expect(await online.claimDue(10)).toEqual([]);

    expect(await online.releaseHeld()).toBe(1);

    expect((await online.claimDue(10)).map((m) => m.id)).toEqual([id]);
  });

  it('records a late answer for a send the lease handed back, so it is not sent again', async () => {
    const repo = repository();
    const id = await enqueue(false, 'a');
    await repo.claimDue(1);
    clock.advance(3 * 60_000);
    await repo.recoverInterrupted(2 * 60_000);

    expect(await repo.markSubmitted(id, `SM${'c'.repeat(32)}`, 'queued')).toBe(true);

    expect(await repo.claimDue(10)).toEqual([]);
    expect(await repo.findById(id)).toMatchObject({ status: 'submitted', twilioSid: `SM${'c'.repeat(32)}` });
  });

  it('does not let a retry or failure overwrite a message that was not claimed', async () => {
    const repo = repository();
    const id = await enqueue(false, 'a');

    expect(await repo.markRetry(id, { code: null, message: 'x' }, clock.now())).toBe(false);
    expect(await repo.markFailed(id, 'failed', '21614', 'x')).toBeUndefined();
    expect(await repo.findById(id)).toMatchObject({ status: 'queued', errorCode: null });
  });
});
