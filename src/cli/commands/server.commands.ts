import type { Command } from 'commander';
import { print, readConfig } from '../cli-context';

/** serve, migrate, flows check, backup: the commands about the process and its files. */
export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the hotline (same as npm start)')
    .action(async () => {
      const [config, { serveUntilSignalled }, { createLogger }] = await Promise.all([
        readConfig(),
        import('../../server'),
        import('../../shared/logger'),
      ]);
      await serveUntilSignalled(config, createLogger(config.logLevel));
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      const [config, { openStore }, { migrate }] = await Promise.all([
        readConfig(),
        import('../../shared/db'),
        import('../../shared/migrator'),
      ]);
      const database = await openStore(config);
      try {
        const applied = await migrate(database);
        print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      } finally {
        await database.close();
      }
    });

  program
    .command('flows')
    .description('the bureau-editable flows, keywords, templates, categories and places')
    .command('check')
    .description('validate everything in FLOWS_DIR')
    .action(async () => {
      const [{ flowsDir, region }, { validateContent }, { findTemplateWarnings }] = await Promise.all([
        readConfig(),
        import('../../content/validate'),
        import('../../content/template-warnings'),
      ]);
      // Nothing is printed before every file passed: a broken one is the only line, on stderr.
      for (const file of validateContent(flowsDir, region)) print(`${file}: ok`);
      // Warnings leave the exit code at 0: the texts work, a carrier may only cut them.
      for (const warning of findTemplateWarnings(flowsDir, region)) process.stderr.write(`${warning}\n`);
    });

  program
    .command('backup')
    .description('write an online backup of the database to a new file')
    .argument('<file>', 'the backup file (must not exist)')
    .action(async (file: string) => {
      const [{ databasePath, databaseUrl }, { backupDatabase }, { OperatorError }] = await Promise.all([
        readConfig(),
        import('../backup'),
        import('../../shared/errors'),
      ]);
      // The online backup is SQLite's API; PostgreSQL has its own tools, which know its replicas too.
      if (databaseUrl)
        throw new OperatorError(
          'error: dutyline backup copies a SQLite file; with DATABASE_URL (PostgreSQL) use pg_dump',
        );
      const { pages, bytes } = await backupDatabase(databasePath, file);
      print(`backed up ${databasePath} to ${file}: ${pages} pages, ${bytes} bytes`);
    });
}
