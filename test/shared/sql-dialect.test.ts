import { type Insertable, sql } from 'kysely';
import { createCasesRepository } from '../../src/cases/cases.repository';
import { createNoticesRepository } from '../../src/notices/notices.repository';
import { createReportsRepository } from '../../src/reports/reports.repository';
import type { CallsTable, CasesTable } from '../../src/shared/db.schema';
import { sqlDialectOf } from '../../src/shared/sql-dialect';
import { createTestDatabase, TEST_STORE, type TestDatabase } from '../helpers/db';

// The queries whose SQL differs between SQLite and PostgreSQL, or whose portable form replaced a
// SQLite-only one, give the same answers on the store the suite runs on (DUTYLINE_TEST_DB).

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const T0 = '2027-03-01T00:00:00.000Z';

async function addStaff(phone: string): Promise<number> {
  const row = await database.db
    .insertInto('staff')
    .values({ name: phone, phone, role: 'staff', language: 'en', active: 1, created_at: T0, updated_at: T0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let refs = 0;
async function addCase(values: Partial<Insertable<CasesTable>>): Promise<string> {
  refs += 1;
  const ref = String(20_000_000 + refs);
  await database.db
    .insertInto('cases')
    .values({
      ref,
      status: 'received',
      channel: 'sms',
      language: 'en',
      category: 'noise',
      priority: 'normal',
      created_at: T0,
      updated_at: T0,
      ...values,
    } as Insertable<CasesTable>)
    .execute();
  return ref;
}

async function addCall(values: Partial<Insertable<CallsTable>> & { started_at: string }): Promise<void> {
  refs += 1;
  await database.db
    .insertInto('calls')
    .values({
      call_sid: `CA${String(refs).padStart(32, '0')}`,
      from_phone: '+8613900000000',
      language: 'en',
      status: 'completed',
      created_at: values.started_at,
      updated_at: values.started_at,
      ...values,
    } as Insertable<CallsTable>)
    .execute();
}

describe('the SQL each store spells its own way', () => {
  it('is chosen from the Kysely instance itself', () => {
    expect(sqlDialectOf(database.db).name).toBe(TEST_STORE);
  });

  it('measures the milliseconds between two stored instants, across midnight, and null when one is missing', async () => {
    const { millisecondsBetween } = sqlDialectOf(database.db);
    const between = async (from: string | null, to: string | null) => {
      const { rows } = await sql<{ ms: number | string | null }>`select ${millisecondsBetween(
        sql.val(from),
        sql.val(to),
      )} as ms`.execute(database.db);
      return rows[0].ms === null ? null : Number(rows[0].ms);
    };
    // Within half a millisecond: SQLite's julianday() counts days in a double, about 0.05 ms apart
    // at today's dates; PostgreSQL is exact. The KPIs round to the millisecond.
    expect(await between('2027-03-01T07:00:00.000Z', '2027-03-01T07:00:01.500Z')).toBeCloseTo(1500, 0);
    expect(await between('2027-03-01T23:59:59.750Z', '2027-03-02T00:00:00.250Z')).toBeCloseTo(500, 0);
    expect(await between('2027-03-01T08:00:00.000Z', '2027-03-01T07:00:00.000Z')).toBeCloseTo(-3_600_000, 0);
    expect(await between(null, '2027-03-01T07:00:00.000Z')).toBeNull();
  });

  it('compares, picks and case-folds text byte by byte: uppercase before lowercase, ASCII folded only', async () => {
    const { binaryText } = sqlDialectOf(database.db);
    for (const place of ['renmin road', 'Renmin Road', 'Äpfel Lane', 'äpfel lane', 'apple lane']) {
      await addCase({ place });
    }
    const rows = await database.db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.min<string>(binaryText(eb.ref('place'))).as('place'),
        eb.fn.countAll<number>().as('count'),
      ])
      .where('place', 'is not', null)
      .groupBy((eb) => sql`lower(${binaryText(eb.ref('place'))})`)
      .orderBy('place')
      .execute();
    // Byte order: 'R' < 'a' < 'Ä' < 'ä'. Renmin Road's two spellings are one; Ä and ä are not folded.
    expect(rows.map((row) => [row.place, Number(row.count)])).toEqual([
      ['Renmin Road', 2],
      ['apple lane', 1],
      ['Äpfel Lane', 1],
      ['äpfel lane', 1],
    ]);
  });
});

describe('queries made portable', () => {
  it('counts calls and call-backs per slot with COUNT … FILTER, the slot number typed as an integer', async () => {
    await addCall({ started_at: '2027-03-01T00:00:00.000Z', outcome: 'connected' });
    await addCall({ started_at: '2027-03-01T01:00:00.000Z', outcome: 'message', missed: 1 });
    await addCall({ started_at: '2027-03-01T02:00:00.000Z', outcome: 'abandoned' });
    await addCall({ started_at: '2027-03-01T03:00:00.000Z', outcome: 'status' });
    await addCall({ started_at: '2027-03-01T13:00:00.000Z', outcome: 'connected' }); // in no slot
    await addCase({ category: 'callback', status: 'resolved', created_at: '2027-03-01T04:00:00.000Z' });
    await addCase({ category: 'callback', status: 'assigned', created_at: '2027-03-01T05:00:00.000Z' });
    const slot = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
    const activity = await createReportsRepository({ db: database.db }).slotActivity([
      slot('2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z'),
      slot('2027-03-02T00:00:00.000Z', '2027-03-02T12:00:00.000Z'),
    ]);
    expect(activity).toEqual([
      {
        calls: { offered: 4, connected: 1, message: 1, missed: 1, abandoned: 1 },
        callbacks: { due: 2, done: 1 },
      },
      {
        calls: { offered: 0, connected: 0, message: 0, missed: 0, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      },
    ]);
  });

  it('hands over unassigned cases first, a case with no deadline last among them, then the longest overdue', async () => {
    const officer = await addStaff('+8613800000001');
    const noDeadline = await addCase({ due_at: null });
    const unassigned = await addCase({ due_at: '2027-03-05T00:00:00.000Z' });
    const overdue = await addCase({
      assignee_id: officer,
      status: 'assigned',
      due_at: '2027-03-01T06:00:00.000Z',
    });
    const longest = await addCase({
      assignee_id: officer,
      status: 'assigned',
      due_at: '2027-02-28T06:00:00.000Z',
    });
    await addCase({ assignee_id: officer, status: 'assigned', due_at: '2027-03-09T00:00:00.000Z' }); // in time
    await addCase({ status: 'closed', due_at: '2027-02-01T00:00:00.000Z' }); // not open

    const figures = await createNoticesRepository({ db: database.db }).handoverFigures(
      officer,
      new Date('2027-03-02T00:00:00.000Z'),
      10,
    );

    expect(figures).toEqual({
      open: 5,
      mine: 3,
      attention: [unassigned, noDeadline, longest, overdue],
      attentionTotal: 4,
    });
  });

  it('lists open cases by their pending deadline, those with none last', async () => {
    await addCase({ due_at: null, ack_due_at: null });
    await addCase({ due_at: '2027-03-09T00:00:00.000Z', ack_due_at: '2027-03-02T04:00:00.000Z' });
    await addCase({ due_at: '2027-03-08T00:00:00.000Z', ack_due_at: '2027-03-01T10:00:00.000Z' });
    // Acknowledged: only its result deadline is pending.
    await addCase({
      status: 'acknowledged',
      due_at: '2027-03-01T12:00:00.000Z',
      ack_due_at: '2027-03-01T01:00:00.000Z',
    });

    const { items, total } = await createCasesRepository({ db: database.db }).listOpenByDeadline(null, 10);

    expect(total).toBe(4);
    expect(items.map((found) => [found.status, found.ackDueAt, found.dueAt])).toEqual([
      ['received', '2027-03-01T10:00:00.000Z', '2027-03-08T00:00:00.000Z'],
      ['acknowledged', '2027-03-01T01:00:00.000Z', '2027-03-01T12:00:00.000Z'],
      ['received', '2027-03-02T04:00:00.000Z', '2027-03-09T00:00:00.000Z'],
      ['received', null, null],
    ]);
  });
});
