import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TEST_PG_URL, TEST_STORE } from './db';

/**
 * Whether tests that need PostgreSQL whatever the store under test (a SQLite file copied into
 * PostgreSQL) can run. In the PostgreSQL pass they always do; on SQLite only when a cluster answers
 * at DUTYLINE_TEST_PG_URL. Jest decides what to skip before any hook runs, hence a synchronous probe
 * in a child process.
 */
export function postgresAvailable(): boolean {
  if (TEST_STORE === 'postgres') return true;
  const probe = `const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe, TEST_PG_URL], {
    cwd: path.resolve(__dirname, '../..'),
    timeout: 5000,
  });
  return result.status === 0;
}
