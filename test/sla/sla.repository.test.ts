import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { openDatabase } from '../../src/shared/db';
import type { Database } from '../../src/shared/db.schema';
import { migrate } from '../../src/shared/migrator';
import { createSlaRepository } from '../../src/sla/sla.repository';

// Query plans are SQLite's: this test reads them on an in-memory SQLite database whatever the store.
describe('the sla-watch window query', () => {
  const opened = openDatabase(':memory:');
  beforeAll(() => migrate(opened));
  const queries: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: opened.sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  const repository = createSlaRepository({ db });

  afterAll(() => opened.close());

  const planOf = (query: CompiledQuery) =>
    (
      opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as {
        detail: string;
      }[]
    )
      .map((row) => row.detail)
      .join('\n');

  it('reads open cases by status and deadline through an index, never the whole table', async () => {
    const from = new Date('2027-03-01T00:00:00.000Z');
    const to = new Date('2027-03-08T02:00:00.000Z');

    queries.length = 0;
    await repository.listDeadlinesBetween('acknowledge', from, to);
    expect(planOf(queries[0])).toMatch(
      /SEARCH cases USING INDEX cases_by_status_ack \(status=\? AND ack_due_at>\? AND ack_due_at<\?\)/,
    );

    queries.length = 0;
    await repository.listDeadlinesBetween('result', from, to);
    const plan = planOf(queries[0]);
    expect(plan).toMatch(
      /SEARCH cases USING INDEX (cases_by_status \(status=\? AND due_at>\? AND due_at<\?\)|cases_by_due)/,
    );
    expect(plan).not.toMatch(/SCAN cases/);
  });
});
