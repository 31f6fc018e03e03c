import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { OpenedPostgres } from '../../src/shared/db';
import { openPostgresDatabase } from '../../src/shared/db.postgres';
import { migrate } from '../../src/shared/migrator';
import { TEST_PG_URL, TEST_STORE } from './db';

/**
 * One PostgreSQL store shared by several nodes, as a cluster has: a fresh schema on the test cluster
 * that every node (a pool in this process, or a server process given `url`) finds first on its
 * search path. Dropped with everything in it on close.
 */
export interface SharedPostgresStore {
  schema: string;
  /** A DATABASE_URL for a server process: the schema rides in the URL's `options` (-c search_path). */
  url: string;
  /** A node's own pool on the store, closed with the store. */
  open(): OpenedPostgres;
  close(): Promise<void>;
}

export async function createSharedPostgresStore({ migrated = true } = {}): Promise<SharedPostgresStore> {
  const schema = `cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: TEST_PG_URL, max: 1, allowExitOnIdle: true });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const nodes: OpenedPostgres[] = [];
  const open = () => {
    const node = openPostgresDatabase(TEST_PG_URL, {
      searchPath: schema,
      maxConnections: 5,
      allowExitOnIdle: true,
    });
    nodes.push(node);
    return node;
  };
  if (migrated) await migrate(open());
  return {
    schema,
    url: url.toString(),
    open,
    async close() {
      for (const node of nodes.splice(0)) await node.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * Tests of several nodes on one store: they run in the PostgreSQL pass (DUTYLINE_TEST_DB=postgres),
 * which CI always runs; in the SQLite pass they are skipped, and say so.
 */
export function describeOnPostgres(name: string, body: () => void): void {
  if (TEST_STORE !== 'postgres') {
    console.info(`${name}: skipped here; runs in the PostgreSQL pass (DUTYLINE_TEST_DB=postgres)`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}
