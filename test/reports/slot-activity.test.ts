import { createReportsRepository } from '../../src/reports/reports.repository';
import { createTestDatabase } from '../helpers/db';
import { at, segment } from './fixtures';

describe('calls and call-backs counted per shift slot by the database', () => {
  const slots = [
    segment('primary', 1, '2027-03-01T00:00:00.000Z', '2027-03-01T12:00:00.000Z'),
    segment('primary', null, '2027-03-01T12:00:00.000Z', '2027-03-02T00:00:00.000Z', {
      kind: 'override',
      overrideId: 4,
    }),
    segment('primary', 2, '2027-03-02T00:00:00.000Z', '2027-03-03T00:00:00.000Z'),
  ];

  async function seeded() {
    const database = await createTestDatabase();
    const calls: [string, string | null, number][] = [
      ['2027-03-01T00:00:00.000Z', 'connected', 0], // at the handoff: the incoming shift's
      ['2027-03-01T02:00:00.000Z', 'message', 1],
      ['2027-03-01T03:00:00.000Z', 'status', 0],
      ['2027-03-01T11:59:59.999Z', 'message', 0],
      ['2027-03-01T12:00:00.000Z', 'abandoned', 0],
      ['2027-03-02T05:00:00.000Z', null, 0],
      ['2027-03-05T05:00:00.000Z', 'connected', 0], // outside every slot
    ];
    await database.db
      .insertInto('calls')
      .values(
        calls.map(([startedAt, outcome, missed], i) => ({
          call_sid: `CA${String(i).padStart(32, '0')}`,
          from_phone: '+8613900000000',
          language: 'zh-CN',
          status: 'completed',
          outcome: outcome as 'connected' | null,
          missed,
          on_duty: '{}',
          started_at: startedAt,
          created_at: startedAt,
          updated_at: startedAt,
        })),
      )
      .execute();
    const cases: [string, string, string][] = [
      ['2027-03-01T13:00:05.000Z', 'assigned', 'callback'],
      ['2027-03-01T15:00:00.000Z', 'closed', 'callback'],
      ['2027-03-01T16:00:00.000Z', 'closed', 'noise'], // not a call-back
      ['2027-03-02T01:00:00.000Z', 'resolved', 'callback'],
      ['2027-03-02T02:00:00.000Z', 'reopened', 'callback'],
    ];
    await database.db
      .insertInto('cases')
      .values(
        cases.map(([createdAt, status, category], i) => ({
          ref: String(10_000_000 + i),
          status: status as 'assigned',
          channel: 'voice' as const,
          language: 'zh-CN',
          category,
          priority: 'normal' as const,
          description: '',
          on_duty: '{}',
          created_at: createdAt,
          updated_at: createdAt,
        })),
      )
      .execute();
    return database;
  }

  it('puts each call in the slot whose [from, to) holds its start, and counts outcomes, missed calls and call-backs', async () => {
    const database = await seeded();
    const activity = await createReportsRepository({ db: database.db }).slotActivity(slots);
    expect(activity).toEqual([
      {
        calls: { offered: 4, connected: 1, message: 2, missed: 1, abandoned: 0 },
        callbacks: { due: 0, done: 0 },
      },
      {
        calls: { offered: 1, connected: 0, message: 0, missed: 0, abandoned: 1 },
        callbacks: { due: 2, done: 1 },
      },
      {
        calls: { offered: 1, connected: 0, message: 0, missed: 0, abandoned: 0 },
        callbacks: { due: 2, done: 1 },
      },
    ]);
    expect(at('2027-03-01T12:00:00.000Z')).toEqual(slots[1].from);
    await database.close();
  });

  it('gives zeros for slots with nothing in them, and nothing for no slots', async () => {
    const database = await createTestDatabase();
    const repository = createReportsRepository({ db: database.db });
    expect(await repository.slotActivity([])).toEqual([]);
    expect(
      (await repository.slotActivity(slots)).every(
        (slot) => slot.calls.offered === 0 && slot.callbacks.due === 0,
      ),
    ).toBe(true);
    await database.close();
  });
});
