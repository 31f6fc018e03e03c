import { TEST_STORE } from './db';
import { createSharedPostgresStore } from './shared-store';

/**
 * The store a process test's server and CLI share, as environment for both: nothing on SQLite (the
 * server's own file, DATABASE_PATH, is the store), and in the PostgreSQL pass a DATABASE_URL naming a
 * fresh schema, which wins over DATABASE_PATH. Each process migrates it at start, as in production.
 * Close it after the processes are gone.
 */
export async function createProcessStore(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (TEST_STORE !== 'postgres') return { env: {}, close: async () => {} };
  const store = await createSharedPostgresStore({ migrated: false });
  return { env: { DATABASE_URL: store.url }, close: () => store.close() };
}
