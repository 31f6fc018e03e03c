import { type Kysely, sql } from 'kysely';
import { migrations as allMigrations, type Migration } from '../../db/migrations';
import { schemaDialects } from '../../db/migrations/schema-dialect';
import type { DialectName } from './db';

export type { Migration };

/** Every migration, in order (bundled into the build: nothing is read from disk at start). */
export function readMigrations(): Migration[] {
  return allMigrations;
}

export interface Migratable {
  // biome-ignore lint/suspicious/noExplicitAny: the migrations run before the typed schema exists.
  db: Kysely<any>;
  dialect: DialectName;
}

/**
 * Applies every migration not yet recorded in schema_migrations, each in its own transaction, in
 * order, on one connection. On PostgreSQL several nodes may start at once: an advisory lock lets
 * one migrate while the others wait, and then find nothing left to do.
 */
export async function migrate(database: Migratable, migrations = allMigrations): Promise<string[]> {
  const d = schemaDialects[database.dialect];
  return database.db.connection().execute(async (connection) => {
    for (const statement of d.lockMigrations) await sql.raw(statement).execute(connection);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(
        connection,
      );
      const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(
        connection,
      );
      const applied = new Set(rows.map((row) => Number(row.version)));
      const newlyApplied: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await connection.transaction().execute(async (transaction) => {
          for (const statement of migration.up(d)) await sql.raw(statement).execute(transaction);
          await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(
            transaction,
          );
        });
        newlyApplied.push(migration.name);
      }
      return newlyApplied;
    } finally {
      for (const statement of d.unlockMigrations) await sql.raw(statement).execute(connection);
    }
  });
}
