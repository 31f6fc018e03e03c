import {
  type CitizenText,
  inBatches,
  newMessageSid,
  outboxStatuses,
  postText,
  startClusterNode,
} from '../helpers/cluster';
import { type FakeMessage, type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { killServerProcesses, pollUntil, removeTempDirs } from '../helpers/server-process';
import {
  createSharedPostgresStore,
  describeOnPostgres,
  type SharedPostgresStore,
} from '../helpers/shared-store';

const TEXTS = 40;
/** Each send takes this long at the fake, so a node always has sends in flight. */
const SEND_MS = 300;
/**
 * Short leases, so the test need not wait the default two minutes for a dead node's claims; yet
 * long enough for A to restart within one, so a restart that requeued live claims would show.
 */
const OUTBOX_LEASE_SECONDS = 15;
const NODE_ENV = { OUTBOX_LEASE_SECONDS: String(OUTBOX_LEASE_SECONDS), JOB_LEASE_SECONDS: '2' };
/** Between a claim and its send lie a few statements (the opt-out and claim checks); far less than this. */
const CLAIM_TO_SEND_SLACK_MS = 1_000;

interface Send {
  message: FakeMessage;
  /** A, killed; or one of the nodes left (B, and A restarted on another port). */
  node: 'A' | 'survivor';
  at: number;
}

describeOnPostgres('a node killed with kill -9 mid-dispatch', () => {
  let store: SharedPostgresStore;
  let fake: FakeTwilio;

  beforeEach(async () => {
    store = await createSharedPostgresStore();
    fake = await startFakeTwilio();
  });

  afterEach(async () => {
    fake.beforeAnswer(null);
    await killServerProcesses();
    await fake.close();
    await store.close();
  });

  afterAll(() => removeTempDirs());

  it('leaves its backlog to the other node: nothing lost, nothing resent while its claim was live', async () => {
    const [a, b] = await Promise.all([
      startClusterNode(store, fake, NODE_ENV),
      startClusterNode(store, fake, NODE_ENV),
    ]);
    // Who sent each message: the status callback URL names the node's own address.
    const nodeOf = (message: FakeMessage) => (message.statusCallback?.startsWith(a.url) ? 'A' : 'survivor');
    const sends: Send[] = [];
    let killedAt: number | undefined;
    let inFlightFromA = 0;
    let inFlightFromAAtKill = 0;
    fake.beforeAnswer(async (message) => {
      const node = nodeOf(message);
      sends.push({ message, node, at: Date.now() });
      if (node === 'A') inFlightFromA += 1;
      // Node A dies with this send (and any others it has out) handed to Twilio and unanswered.
      if (node === 'A' && killedAt === undefined && sends.filter((send) => send.node === 'A').length >= 10) {
        killedAt = Date.now();
        inFlightFromAAtKill = inFlightFromA;
        a.kill('SIGKILL');
      }
      await new Promise((resolve) => setTimeout(resolve, SEND_MS));
      if (node === 'A') inFlightFromA -= 1;
    });

    // A backlog made on node A: every text queues a receipt, and kicks A's dispatcher.
    const texts: CitizenText[] = Array.from({ length: TEXTS }, (_, i) => ({
      sid: newMessageSid(),
      from: `+86139${String(i).padStart(8, '0')}`,
      body: `Pothole ${i} outside the school gate`,
    }));
    await inBatches(texts, 8, async (text) => {
      const answer = await postText(a, fake, text).catch((error: unknown) => ({ status: String(error) }));
      // Texts posted after the kill find nobody; Twilio would retry them elsewhere.
      if (killedAt === undefined) expect(answer.status).toBe(200);
    });
    await pollUntil(
      () => killedAt,
      30_000,
      () => 'node A to be killed mid-dispatch',
    );
    expect(await a.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(inFlightFromAAtKill).toBeGreaterThanOrEqual(1);
    // The operator restarts A at once. Starting, it must leave the claims A held alone until their
    // lease is out: on a shared store they may be another node's, live.
    const restarted = await startClusterNode(store, fake, NODE_ENV);
    expect(Date.now() - (killedAt ?? 0)).toBeLessThan(OUTBOX_LEASE_SECONDS * 1000 - CLAIM_TO_SEND_SLACK_MS);

    // The others finish the outbox, reclaiming A's claims once their lease is out.
    const db = store.open().db;
    await pollUntil(
      async () => {
        const statuses = await outboxStatuses(db);
        return (statuses.queued ?? 0) + (statuses.sending ?? 0) === 0 ? statuses : undefined;
      },
      60_000,
      () =>
        `the other nodes to finish the outbox; ${sends.length} sends so far\n${b.stdout()}\n${restarted.stdout()}`,
    );

    const outbox = await db
      .selectFrom('outbox')
      .select(['id', 'status', 'to_phone', 'body', 'twilio_sid'])
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(20);
    expect(outbox.filter((row) => row.status !== 'submitted')).toEqual([]);
    const sendsOf = (row: { to_phone: string; body: string }) =>
      sends.filter((send) => send.message.to === row.to_phone && send.message.body === row.body);
    const problems: string[] = [];
    for (const row of outbox) {
      const its = sendsOf(row);
      // Nothing lost: sent, and the send recorded is one Twilio accepted.
      if (its.length === 0) problems.push(`outbox ${row.id} never sent`);
      if (!its.some((send) => send.message.sid === row.twilio_sid))
        problems.push(`outbox ${row.id} records no send`);
      if (its.length <= 1) continue;
      // Sent twice: only a send A had out when it died, repeated by another node once A's claim had expired.
      const [first, second, ...more] = its;
      if (more.length > 0) problems.push(`outbox ${row.id} sent ${its.length} times`);
      if (first.node !== 'A' || first.at > (killedAt ?? 0))
        problems.push(`outbox ${row.id}: first send not A's last`);
      if (second.node !== 'survivor') problems.push(`outbox ${row.id}: resent by ${second.node}`);
      const earliest = first.at + OUTBOX_LEASE_SECONDS * 1000 - CLAIM_TO_SEND_SLACK_MS;
      if (second.at < earliest)
        problems.push(`outbox ${row.id} resent ${second.at - first.at} ms after A's send, within its claim`);
    }
    expect(problems).toEqual([]);
    // A had at most its concurrency in claims: sent, or answered but not yet recorded, when it died.
    const resent = outbox.filter((row) => sendsOf(row).length > 1);
    expect(resent.length).toBeLessThanOrEqual(4);
    // The others did take part: they sent what A left.
    expect(sends.some((send) => send.node === 'survivor')).toBe(true);
  }, 120_000);
});
