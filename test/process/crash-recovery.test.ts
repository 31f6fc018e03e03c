import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import {
  callApi,
  killServerProcesses,
  pollUntil,
  postSignedSms,
  readDatabase,
  removeTempDirs,
  type ServerProcess,
  startServerProcess,
} from '../helpers/server-process';

const ADMIN_TOKEN = 'process-test-admin-token-0123456789';
const HOTLINE_NUMBER = '+8610012345';
const CITIZEN = '+8613912345678';
const OFFICER = '+8613800000001';

interface CaseRow {
  id: number;
  ref: string;
  status: string;
}

interface OutboxRow {
  id: number;
  to_phone: string;
  purpose: string;
  status: string;
  body: string;
  twilio_sid: string | null;
}

function casesFrom(databasePath: string, phone: string): CaseRow[] {
  return readDatabase(databasePath, (sqlite) =>
    sqlite.prepare('SELECT id, ref, status FROM cases WHERE phone = ? ORDER BY id').all(phone),
  ) as CaseRow[];
}

function outboxFor(databasePath: string, caseId: number): OutboxRow[] {
  return readDatabase(databasePath, (sqlite) =>
    sqlite
      .prepare(
        'SELECT id, to_phone, purpose, status, body, twilio_sid FROM outbox WHERE case_id = ? ORDER BY id',
      )
      .all(caseId),
  ) as OutboxRow[];
}

function localSigningToken(databasePath: string): string {
  const row = readDatabase(databasePath, (sqlite) =>
    sqlite.prepare("SELECT value FROM settings WHERE key = 'twilio.local_signing_token'").get(),
  ) as { value: string } | undefined;
  if (!row) throw new Error('the offline server kept no local signing token');
  return row.value;
}

/** Posts a citizen's text and returns once the webhook has answered 200, which it does only after committing. */
async function textHotline(
  server: ServerProcess,
  signingToken: string,
  accountSid: string,
  body: string,
  killOnAnswer: boolean,
) {
  let answered = 0;
  const sms = { from: CITIZEN, to: HOTLINE_NUMBER, body, accountSid };
  await postSignedSms(server, signingToken, sms, (status) => {
    answered = status;
    if (status === 200 && killOnAnswer) server.kill('SIGKILL');
  }).catch((error: unknown) => {
    // The kill may cut the (empty TwiML) body short; only the status matters.
    if (answered !== 200 || !killOnAnswer) throw error;
  });
  expect(answered).toBe(200);
}

afterEach(async () => {
  await killServerProcesses();
});

afterAll(() => {
  removeTempDirs();
});

// SQLite in both passes: what survives a kill -9 here is SQLite's WAL with synchronous=NORMAL, read
// back from the file itself; on PostgreSQL the server's own durability answers for it, and the
// cluster tests (cluster-kill.postgres.test.ts) kill a node on PostgreSQL.
describe('an online server killed with kill -9 after answering a text', () => {
  let fake: FakeTwilio;

  beforeEach(async () => {
    fake = await startFakeTwilio();
  });

  afterEach(async () => {
    await fake.close();
  });

  it.each([
    {
      title: 'a text answered just before a kill -9 keeps its case, and its receipt is sent after restart',
      killWhen: 'answered' as const,
      receiptStatuses: ['queued', 'sending'],
    },
    {
      title:
        'a kill -9 while the receipt is on the wire to Twilio leaves it sending, and the restart sends it',
      killWhen: 'on_the_wire' as const,
      receiptStatuses: ['sending'],
    },
  ])('$title', async ({ killWhen, receiptStatuses }) => {
    const onlineEnv = (port: number) => ({
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_PHONE_NUMBER: HOTLINE_NUMBER,
      TWILIO_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN,
    });
    // Twilio takes the request and never answers, so the first process can only die mid-send.
    fake.hang(true);
    const first = await startServerProcess({ env: onlineEnv });

    const officer = await callApi(first, ADMIN_TOKEN, 'POST', '/api/staff', {
      name: 'Wang Fang',
      phone: OFFICER,
      role: 'staff',
      language: 'en',
    });
    expect(officer.status).toBe(201);
    const rotation = await callApi(first, ADMIN_TOKEN, 'POST', '/api/roster/rotations', {
      name: 'primary desk',
      position: 'primary',
      timezone: 'Asia/Shanghai',
      start: '2026-01-01',
      handoffTime: '08:00',
      shiftHours: 24,
      members: [officer.json().id],
    });
    expect(rotation.status).toBe(201);

    await textHotline(
      first,
      fake.authToken,
      fake.accountSid,
      '路灯坏了，在人民路口',
      killWhen === 'answered',
    );
    if (killWhen === 'on_the_wire') {
      await pollUntil(
        () => (fake.attempts.some((attempt) => attempt.to === CITIZEN) ? true : undefined),
        10_000,
        () => `the receipt to reach Twilio\n${first.stdout()}`,
      );
      first.kill('SIGKILL');
    }
    expect(await first.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });

    const [created] = casesFrom(first.databasePath, CITIZEN);
    expect(created).toBeDefined();
    expect(created.ref).toMatch(/^\d{8}$/);
    const receipt = outboxFor(first.databasePath, created.id).find((row) => row.purpose === 'receipt');
    expect(receipt).toMatchObject({ to_phone: CITIZEN, twilio_sid: null });
    expect(receiptStatuses).toContain(receipt?.status);
    expect(receipt?.body).toContain(created.ref);
    expect(fake.messages).toEqual([]);

    fake.hang(false);
    const second = await startServerProcess({ databasePath: first.databasePath, env: onlineEnv });

    const toCitizen = await pollUntil(
      () => {
        const sent = fake.messages.filter((message) => message.to === CITIZEN);
        return sent.some((message) => message.body.includes(created.ref)) ? sent : undefined;
      },
      15_000,
      () =>
        `the receipt for ${created.ref}; the fake has ${JSON.stringify(fake.attempts)}\n${second.stdout()}`,
    );
    // At least once: a send cut off mid-flight may be repeated, never dropped.
    expect(toCitizen.length).toBeGreaterThanOrEqual(1);
    expect(toCitizen.length).toBeLessThanOrEqual(2);
    expect(toCitizen.every((message) => message.from === HOTLINE_NUMBER)).toBe(true);

    // The officer's alert was interrupted the same way and goes out too.
    await pollUntil(
      () => (fake.messages.some((m) => m.to === OFFICER && m.body.includes(created.ref)) ? true : undefined),
      15_000,
      () => `the officer alert for ${created.ref}`,
    );

    // The restarted server records what Twilio said, and still knows exactly one case.
    const recorded = await pollUntil(
      () => {
        const row = outboxFor(second.databasePath, created.id).find((r) => r.purpose === 'receipt');
        return row?.twilio_sid ? row : undefined;
      },
      10_000,
      () => 'the receipt to be recorded as submitted',
    );
    expect(toCitizen.map((message) => message.sid)).toContain(recorded.twilio_sid);
    expect(casesFrom(second.databasePath, CITIZEN)).toEqual([created]);
    const listed = await callApi(
      second,
      ADMIN_TOKEN,
      'GET',
      `/api/cases?phone=${encodeURIComponent(CITIZEN)}`,
    );
    expect(listed.status).toBe(200);
    expect(listed.json().items.map((item: { ref: string }) => item.ref)).toEqual([created.ref]);
    expect(second.stdout()).toContain('Dutyline is serving');
  });
});

it('a text answered just before a kill -9 while offline keeps its case and its held receipt', async () => {
  const offlineEnv = { ADMIN_TOKEN };
  const first = await startServerProcess({ env: offlineEnv });
  const signingToken = localSigningToken(first.databasePath);

  await textHotline(first, signingToken, `AC${'0'.repeat(32)}`, 'Broken street light on Renmin Road', true);
  expect(await first.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });

  const [created] = casesFrom(first.databasePath, CITIZEN);
  expect(created).toBeDefined();
  const receipt = outboxFor(first.databasePath, created.id).find((row) => row.purpose === 'receipt');
  expect(receipt).toMatchObject({ to_phone: CITIZEN, status: 'held' });

  const second = await startServerProcess({ databasePath: first.databasePath, env: offlineEnv });
  const health = await callApi(second, ADMIN_TOKEN, 'GET', '/healthz');
  expect(health.json()).toMatchObject({ ok: true, offline: true });

  const found = await callApi(second, ADMIN_TOKEN, 'GET', `/api/cases/${created.ref}`);
  expect(found.status).toBe(200);
  expect(found.json()).toMatchObject({ ref: created.ref, channel: 'sms', phone: CITIZEN });
  expect(found.json().messages).toContainEqual(
    expect.objectContaining({ direction: 'out', to: CITIZEN, purpose: 'receipt', status: 'held' }),
  );
  expect(casesFrom(second.databasePath, CITIZEN)).toEqual([created]);
  // The local signing token survives the crash, so texts signed before it still verify after it.
  expect(localSigningToken(second.databasePath)).toBe(signingToken);
});
