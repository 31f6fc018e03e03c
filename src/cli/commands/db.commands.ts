import type { Command } from 'commander';
import { print, readConfig } from '../cli-context';

/** db copy: moving the hotline's data from one store to another. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database as a whole');

  db.command('copy')
    .description('copy the SQLite database (DATABASE_PATH) into an empty PostgreSQL database')
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user:password@host:5432/name')
    .action(async ({ to }: { to: string }) => {
      const [{ databasePath, databaseUrl }, { copySqliteToPostgres }, { progressBars }, { OperatorError }] =
        await Promise.all([
          readConfig(),
          import('../../shared/db-copy'),
          import('../db-copy-progress'),
          import('../../shared/errors'),
        ]);
      if (databaseUrl) {
        throw new OperatorError(
          'error: db copy reads the SQLite file at DATABASE_PATH; unset DATABASE_URL (the target goes in --to)',
        );
      }
      const bars = progressBars();
      try {
        const result = await copySqliteToPostgres({
          sqlitePath: databasePath,
          targetUrl: to,
          progress: bars,
        });
        print(`copied ${databasePath} to ${result.target} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
        const width = Math.max(...result.tables.map((count) => count.table.length), 'table'.length);
        print(`${'table'.padEnd(width)}  ${'sqlite'.padStart(10)}  ${'postgres'.padStart(10)}`);
        for (const { table, source, target } of result.tables) {
          print(`${table.padEnd(width)}  ${String(source).padStart(10)}  ${String(target).padStart(10)}`);
        }
        print(`every count matches; ${result.sequences} id sequences continue after the copied ids`);
      } finally {
        bars.stop();
      }
    });
}
