import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';

const AT = '2027-02-20T00:00:00.000Z';
const MORE_THAN_THE_BOUND = 1001;

/** Rows straight into the database: the bound is about how many exist, not how they came to be. */
async function insertCases(
  ctx: TestContext,
  count: number,
  row: (i: number) => {
    due_at?: string;
    resolved_at?: string;
    status: string;
    priority: string;
    assignee_id?: number;
  },
): Promise<number[]> {
  return ctx.container.db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const inserted = await trx
        .insertInto('cases')
        .values({
          ref: String(20_000_000 + i),
          channel: 'letter',
          language: 'en',
          category: 'roads',
          phone: '+8613912345678',
          description: 'A letter about a street light',
          on_duty: '{}',
          created_at: AT,
          updated_at: AT,
          ...row(i),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(inserted.id);
    }
    return ids;
  });
}

const second = (i: number) => new Date(Date.parse('2027-02-25T00:00:00.000Z') + i * 1000).toISOString();

describe('reads that used to take every row are bounded, or paged through', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ ctx, team } = hotline);
  });

  const dutyGaps = () =>
    ctx.api('get', '/api/reports/duty-gaps?from=2027-02-21T00:00:00Z&to=2027-03-01T00:00:00Z');

  it('the duty-gap report lists the first 1000 overdue cases missing a have, by deadline, and says it stopped there', async () => {
    await insertCases(ctx, MORE_THAN_THE_BOUND, (i) => ({
      status: 'received',
      priority: 'normal',
      due_at: second(i),
    }));

    const res = await dutyGaps();
    expect(res.status).toBe(200);
    expect(res.body.cases).toHaveLength(1000);
    expect(res.body.cases[0]).toMatchObject({ ref: '20000000', missing: ['assignee', 'result', 'feedback'] });
    expect(res.body.cases[999].ref).toBe('20000999');
    expect(res.body.listLimit).toBe(1000);
    expect(res.body.truncated).toEqual({ cases: true, awaitingSignOff: false, petitions: false });
  });

  it('the duty-gap report lists the first 1000 cases awaiting sign-off and says it stopped there', async () => {
    await insertCases(ctx, MORE_THAN_THE_BOUND, (i) => ({
      status: 'resolved',
      priority: 'important',
      resolved_at: second(i),
      assignee_id: team.primary.id,
    }));

    const res = await dutyGaps();
    expect(res.status).toBe(200);
    expect(res.body.awaitingSignOff).toHaveLength(1000);
    expect(res.body.awaitingSignOff[0]).toMatchObject({ ref: '20000000', priority: 'important' });
    expect(res.body.truncated).toEqual({ cases: false, awaitingSignOff: true, petitions: false });
  });

  it('a report with fewer rows than the bound says nothing was left out', async () => {
    await insertCases(ctx, 3, (i) => ({ status: 'received', priority: 'normal', due_at: second(i) }));
    const res = await dutyGaps();
    expect(res.body.cases).toHaveLength(3);
    expect(res.body.truncated).toEqual({ cases: false, awaitingSignOff: false, petitions: false });
  });

  it('the callbacks job reminds about every open call-back, the 1001st and beyond included', async () => {
    const caseIds = await insertCases(ctx, MORE_THAN_THE_BOUND + 5, () => ({
      status: 'assigned',
      priority: 'normal',
      assignee_id: team.primary.id,
    }));
    await ctx.container.db
      .insertInto('callback_tasks')
      .values(
        caseIds.map((caseId, i) => ({
          case_id: caseId,
          reason: 'abandoned_call' as const,
          assignee_id: team.primary.id,
          due_at: second(i),
          created_at: AT,
          updated_at: AT,
        })),
      )
      .execute();

    const result = await ctx.container.jobs.runNow('callbacks');

    expect(result).toMatchObject({ open: MORE_THAN_THE_BOUND + 5, reminded: MORE_THAN_THE_BOUND + 5 });
    const lastCase = caseIds[caseIds.length - 1];
    const reminders = await ctx.container.db
      .selectFrom('outbox')
      .select(['case_id', 'to_phone'])
      .where('purpose', '=', 'callback_reminder')
      .execute();
    expect(reminders).toHaveLength(MORE_THAN_THE_BOUND + 5);
    expect(reminders.filter((reminder) => reminder.case_id === lastCase)).toHaveLength(1);

    // Running again finds them all reminded already.
    expect(await ctx.container.jobs.runNow('callbacks')).toMatchObject({ reminded: 0 });
  });
});
