import {
  type CitizenText,
  CLUSTER_ADMIN_TOKEN,
  inBatches,
  newMessageSid,
  outboxStatuses,
  postText,
  runJob,
  startClusterNode,
} from '../helpers/cluster';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import {
  callApi,
  killServerProcesses,
  pollUntil,
  removeTempDirs,
  type ServerProcess,
} from '../helpers/server-process';
import {
  createSharedPostgresStore,
  describeOnPostgres,
  type SharedPostgresStore,
} from '../helpers/shared-store';

const PRIMARY = '+8613800000001';
const SUPERVISOR = '+8613800000003';
const TEXTS = 500;
/** Every tenth text is delivered to both nodes, as Twilio retrying through the load balancer would. */
const DUPLICATED_EVERY = 10;
const JOBS = ['dispatch-outbox', 'gap-watch', 'shift-notices', 'satisfaction', 'callbacks', 'sla-watch'];
const HOUR = 3_600_000;

const citizen = (i: number) => `+86139${String(i).padStart(8, '0')}`;

// SPEC §16's acceptance: two app processes on one PostgreSQL show exactly-once receipts and jobs.
describeOnPostgres('two nodes on one PostgreSQL', () => {
  let store: SharedPostgresStore;
  let fake: FakeTwilio;

  beforeEach(async () => {
    store = await createSharedPostgresStore();
    fake = await startFakeTwilio();
  });

  afterEach(async () => {
    await killServerProcesses();
    await fake.close();
    await store.close();
  });

  afterAll(() => removeTempDirs());

  async function seedRoster(node: ServerProcess) {
    const add = async (body: Record<string, unknown>) => {
      const answer = await callApi(node, CLUSTER_ADMIN_TOKEN, 'POST', '/api/staff', body);
      expect(answer.status).toBe(201);
      return answer.json() as { id: number };
    };
    const primary = await add({ name: 'Wang Fang', phone: PRIMARY, role: 'staff', language: 'en' });
    const supervisor = await add({ name: 'Zhao Min', phone: SUPERVISOR, role: 'supervisor', language: 'en' });
    for (const [position, member] of [
      ['primary', primary],
      ['supervisor', supervisor],
    ] as const) {
      const rotation = await callApi(node, CLUSTER_ADMIN_TOKEN, 'POST', '/api/roster/rotations', {
        name: `${position} desk`,
        position,
        timezone: 'Asia/Shanghai',
        start: '2026-01-01',
        handoffTime: '08:00',
        shiftHours: 24,
        members: [member.id],
      });
      expect(rotation.status).toBe(201);
    }
    // A gap ahead: the primary is off sick for an hour with nobody covering.
    const now = Date.now();
    const absence = await callApi(node, CLUSTER_ADMIN_TOKEN, 'POST', '/api/roster/overrides', {
      absentStaffId: primary.id,
      from: new Date(now + 2 * HOUR).toISOString(),
      to: new Date(now + 3 * HOUR).toISOString(),
      reason: 'sick',
    });
    expect(absence.status).toBe(201);
  }

  it('500 texts over both nodes, some to both: one case, one receipt and one alert each; jobs run once', async () => {
    const nodes = await Promise.all([startClusterNode(store, fake), startClusterNode(store, fake)]);
    await seedRoster(nodes[0]);

    const texts: CitizenText[] = Array.from({ length: TEXTS }, (_, i) => ({
      sid: newMessageSid(),
      from: citizen(i),
      body: `Street light ${i} on Renmin Road is broken`,
    }));
    const deliveries = texts.flatMap((text, i) => {
      const first = nodes[i % 2];
      return i % DUPLICATED_EVERY === 0
        ? [
            { node: first, text },
            { node: nodes[(i + 1) % 2], text },
          ]
        : [{ node: first, text }];
    });
    const statuses: number[] = [];
    await inBatches(deliveries, 16, async ({ node, text }) => {
      statuses.push((await postText(node, fake, text)).status);
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(statuses).toHaveLength(TEXTS + TEXTS / DUPLICATED_EVERY);

    // Every job on both nodes at once, while the nodes are still sending.
    const runs = await Promise.all(JOBS.flatMap((job) => nodes.map((node) => runJob(node, job))));
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 200));

    const db = store.open().db;
    await pollUntil(
      async () => {
        const pending = await outboxStatuses(db);
        const waiting = (pending.queued ?? 0) + (pending.sending ?? 0);
        return waiting === 0 && fake.messages.length >= (pending.submitted ?? 0) ? true : undefined;
      },
      90_000,
      () => `the outbox to drain; ${fake.messages.length} sent so far`,
    );
    // A duplicate would come late, from a second run; give one the time to show.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const cases = await db.selectFrom('cases').select(['id', 'ref', 'phone']).execute();
    expect(cases).toHaveLength(TEXTS);
    expect(new Set(cases.map((row) => row.phone))).toEqual(new Set(texts.map((text) => text.from)));
    expect(await db.selectFrom('inbound_messages').select('id').execute()).toHaveLength(TEXTS);

    // Exactly once, message by message: each row the outbox holds reached Twilio once, nothing else did.
    const outbox = await db
      .selectFrom('outbox')
      .select(['id', 'status', 'purpose', 'to_phone', 'body', 'twilio_sid'])
      .execute();
    expect(outbox.filter((row) => row.status !== 'submitted')).toEqual([]);
    expect(fake.attempts).toHaveLength(outbox.length);
    expect(fake.messages.map((message) => message.sid).sort()).toEqual(
      outbox.map((row) => row.twilio_sid).sort(),
    );

    const sentTo = (phone: string) => fake.messages.filter((message) => message.to === phone);
    const toPrimary = sentTo(PRIMARY);
    const toSupervisor = sentTo(SUPERVISOR);
    const problems: string[] = [];
    for (const row of cases) {
      const receipts = sentTo(row.phone ?? '');
      if (receipts.length !== 1 || !receipts[0].body.includes(row.ref))
        problems.push(`${row.ref}: ${receipts.length} texts to the citizen`);
      const alerts = toPrimary.filter((message) => message.body.includes(row.ref));
      if (alerts.length !== 1) problems.push(`${row.ref}: ${alerts.length} alerts to the primary`);
      if (toSupervisor.filter((message) => message.body.includes(row.ref)).length > 1)
        problems.push(`${row.ref}: several texts to the supervisor`);
    }
    expect(problems).toEqual([]);

    // gap-watch ran on both nodes (on demand, and perhaps on a tick): the supervisor heard of the gap once.
    const gapAlerts = outbox.filter((row) => row.purpose === 'gap_alert');
    expect(gapAlerts.map((row) => row.to_phone)).toEqual([SUPERVISOR]);
    expect(toSupervisor.filter((message) => message.body === gapAlerts[0]?.body)).toHaveLength(1);
  }, 180_000);
});
