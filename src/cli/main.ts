import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { ContentError } from '../content/content.errors';
import { validateContent } from '../content/validate';
import { serveUntilSignalled } from '../server';
import { openDatabase } from '../shared/db';
import { AppError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { migrate } from '../shared/migrator';
import { LANGUAGES, ROLES } from '../staff/staff.models';
import { withContainer } from './cli-context';
import { simulateCall } from './simulate-call';
import { simulateSms } from './simulate-sms';

const print = (line: string) => process.stdout.write(`${line}\n`);

const program = new Command('dutyline')
  .description('Dutyline: the 24-hour complaint hotline')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the hotline (same as npm start)')
  .action(async () => {
    const config = loadConfig();
    await serveUntilSignalled(config, createLogger(config.logLevel));
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => {
    const database = openDatabase(loadConfig().databasePath);
    const applied = migrate(database.sqlite);
    print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    database.sqlite.close();
  });

const flows = program
  .command('flows')
  .description('the bureau-editable flows, keywords, templates and categories');
flows
  .command('check')
  .description('validate everything in FLOWS_DIR')
  .action(() => {
    const { flowsDir } = loadConfig();
    // Nothing is printed before every file passed: a broken one is the only line, on stderr.
    for (const file of validateContent(flowsDir)) print(`${file}: ok`);
  });

const staff = program.command('staff').description('duty staff');
staff
  .command('add')
  .description('register a staff member')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--phone <phone>', 'mobile number in international form, e.g. +8613800000000')
  .addOption(new Option('--role <role>', 'role').choices(ROLES).default('staff'))
  .addOption(new Option('--language <language>', 'SMS language').choices(LANGUAGES))
  .action((options) =>
    withContainer(async (container) => {
      const member = await container.staffService.add(options);
      print(`added staff ${member.id}: ${member.name} ${member.phone} (${member.role}, ${member.language})`);
    }),
  );
staff
  .command('list')
  .description('list staff')
  .action(() =>
    withContainer(async (container) => {
      for (const member of await container.staffService.list()) {
        print(
          `${member.id}\t${member.name}\t${member.phone}\t${member.role}\t${member.language}\t${member.active ? 'active' : 'inactive'}`,
        );
      }
    }),
  );

program
  .command('token')
  .description('API tokens')
  .command('create')
  .description('issue an API token for a staff member; it is shown once')
  .requiredOption('--staff <id>', 'staff id', (value) => Number.parseInt(value, 10))
  .action((options: { staff: number }) =>
    withContainer(async (container) => {
      print(await container.staffService.issueToken(options.staff));
    }),
  );

const simulate = program.command('simulate').description('try the hotline with no Twilio account');
simulate
  .command('sms')
  .description('send a signed text to a running server and print the reply')
  .requiredOption('--from <phone>', 'the sender, E.164')
  .option('--server <url>', 'where the server listens (default http://127.0.0.1:$PORT)')
  .argument('<text>', 'the text')
  .action((text: string, options: { from: string; server?: string }) =>
    withContainer(async (container, config) => {
      await simulateSms(
        container,
        { from: options.from, text, serverUrl: options.server ?? `http://127.0.0.1:${config.port}` },
        print,
      );
    }),
  );

simulate
  .command('call')
  .description('call a running server from the terminal: hear the prompts, press keys, answer staff phones')
  .requiredOption('--from <phone>', 'the caller, E.164')
  .option('--server <url>', 'where the server listens (default http://127.0.0.1:$PORT)')
  .action((options: { from: string; server?: string }) =>
    withContainer(async (container, config) => {
      await simulateCall(
        container,
        { from: options.from, serverUrl: options.server ?? `http://127.0.0.1:${config.port}` },
        print,
      );
    }),
  );

/** Known failures are one clear line; anything else keeps its stack for a bug report. */
function describeFailure(error: unknown): string {
  if (error instanceof AppError) return `error: ${error.message} (${error.code})`;
  if (error instanceof ConfigError || error instanceof ContentError) return error.message;
  if (error instanceof Error && 'cause' in error && error.cause instanceof Error) {
    return `error: ${error.message}: ${error.cause.message}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exit(1);
});
