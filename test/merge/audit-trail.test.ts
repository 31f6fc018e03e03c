import { sql } from 'kysely';
import { logLetter } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

describe("the audit trail, through the app's own database connection", () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  // better-sqlite3's errors may come from another realm than the test's (the native module is
  // loaded once per jest worker), so the message is checked rather than `rejects.toThrow`.
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => 'it succeeded',
      (error: unknown) => (error as { message?: string }).message,
    );
  const events = () => ctx.container.db.selectFrom('case_events').selectAll().orderBy('id').execute();

  it('refuses an UPDATE or DELETE of a case event, by query builder or raw SQL, and keeps every row as it was', async () => {
    const a = await logLetter(ctx);
    const b = await logLetter(ctx, { phone: PHONES.neighbour });
    expect((await ctx.api('post', `/api/cases/${a.ref}/merge`).send({ into: b.ref })).status).toBe(200);
    const before = await events();
    const mergeEvent = before.find((event) => event.type === 'merged_into')!;
    expect(mergeEvent).toBeDefined();

    const { db } = ctx.container;
    expect(
      await refusal(
        db.updateTable('case_events').set({ type: 'forged' }).where('id', '=', mergeEvent.id).execute(),
      ),
    ).toMatch(/append-only/);
    expect(
      await refusal(db.updateTable('case_events').set({ data: '{"into":"00000000"}' }).execute()),
    ).toMatch(/append-only/);
    expect(await refusal(db.deleteFrom('case_events').where('id', '=', mergeEvent.id).execute())).toMatch(
      /append-only/,
    );
    expect(await refusal(db.deleteFrom('case_events').execute())).toMatch(/append-only/);
    expect(await refusal(sql`UPDATE case_events SET actor_id = NULL`.execute(db))).toMatch(/append-only/);
    expect(await refusal(sql`DELETE FROM case_events WHERE type = 'merged_into'`.execute(db))).toMatch(
      /append-only/,
    );
    // Nor inside a transaction that would otherwise commit.
    expect(
      await refusal(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('case_events')
            .values({ ...mergeEvent, id: undefined, type: 'note' })
            .execute();
          await trx.deleteFrom('case_events').where('id', '=', mergeEvent.id).execute();
        }),
      ),
    ).toMatch(/append-only/);

    expect(await events()).toEqual(before);
  });
});
