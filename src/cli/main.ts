import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { MAX_TOKEN_DAYS } from '../auth/auth.models';
import { presentToken } from '../auth/auth.presenter';
import { ConfigError, loadConfig } from '../config';
import { ContentError } from '../content/content.errors';
import { validateContent } from '../content/validate';
import { renderDutyGapCsv } from '../reports/duty-gaps.csv';
import { createImportProgressBar } from '../roster/roster.import.progress';
import { OVERRIDE_REASONS, type OverrideReason, POSITIONS, type Position } from '../roster/roster.models';
import { serveUntilSignalled } from '../server';
import { openDatabase } from '../shared/db';
import { AppError } from '../shared/errors';
import { parseInput } from '../shared/http';
import { createLogger } from '../shared/logger';
import { migrate } from '../shared/migrator';
import { instantSchema } from '../shared/schemas';
import { formatInstant } from '../shared/time-format';
import { LANGUAGES, ROLES } from '../staff/staff.models';
import { backupDatabase } from './backup';
import { withContainer } from './cli-context';
import { simulateCall } from './simulate-call';
import { simulateSms } from './simulate-sms';
import { configureTwilioNumber } from './twilio-configure';

const print = (line: string) => process.stdout.write(`${line}\n`);

function staffIdArgument(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a staff id such as 12');
  return Number(value);
}

function tokenIdArgument(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a token id such as 3');
  return Number(value);
}

function daysArgument(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new InvalidArgumentError(`must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}`);
  }
  return days;
}

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

const token = program.command('token').description('API tokens');
token
  .command('create')
  .description('issue an API token for a staff member; it is shown once')
  .requiredOption('--staff <id>', 'staff id', staffIdArgument)
  .option(
    '--expires-in-days <days>',
    `days until it stops working (1-${MAX_TOKEN_DAYS}; default: never)`,
    daysArgument,
  )
  .action((options: { staff: number; expiresInDays?: number }) =>
    withContainer(async (container) => {
      const { token: secret } = await container.staffService.issueToken(options.staff, {
        expiresInDays: options.expiresInDays,
      });
      print(secret);
    }),
  );
token
  .command('list')
  .description("list a staff member's tokens (never their secrets)")
  .requiredOption('--staff <id>', 'staff id', staffIdArgument)
  .action((options: { staff: number }) =>
    withContainer(async (container, config) => {
      print('id\tcreated\texpires\trevoked\tlast used');
      for (const item of await container.staffService.listTokens(options.staff)) {
        const shown = presentToken(item, config.timezone);
        const cells = [shown.createdAt, shown.expiresAt, shown.revokedAt, shown.lastUsedAt].map(
          (cell) => cell ?? '-',
        );
        print([shown.id, ...cells].join('\t'));
      }
    }),
  );
token
  .command('revoke')
  .description('stop one of a staff member’s tokens from working')
  .requiredOption('--staff <id>', 'staff id', staffIdArgument)
  .requiredOption('--token <id>', 'token id, as `token list` shows it', tokenIdArgument)
  .action((options: { staff: number; token: number }) =>
    withContainer(async (container) => {
      await container.staffService.revokeToken(options.staff, options.token);
      print(`revoked token ${options.token} of staff ${options.staff}`);
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

program
  .command('report')
  .description('reports')
  .command('gaps')
  .description('the duty-gap report for [from, to): JSON, or CSV with --csv')
  .requiredOption('--from <time>', 'start, ISO 8601 with an offset, e.g. 2027-03-01T08:00+08:00')
  .requiredOption('--to <time>', 'end (exclusive), ISO 8601 with an offset')
  .option('--csv', 'print CSV, one row per finding')
  .action((options: { from: string; to: string; csv?: boolean }) =>
    withContainer(async (container) => {
      const { from, to } = parseInput(z.object({ from: instantSchema, to: instantSchema }), options);
      const report = await container.dutyGapReports.buildDutyGapReport(from, to);
      process.stdout.write(options.csv ? renderDutyGapCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
    }),
  );

const roster = program.command('roster').description('the duty roster');
roster
  .command('import')
  .description('import staff and rotations from one CSV file, all or nothing (format: README)')
  .argument('<csv>', 'the CSV file')
  .action((file: string) =>
    withContainer(async (container) => {
      const text = fs.readFileSync(file, 'utf8');
      const bar = createImportProgressBar();
      const result = await container.rosterImport.importCsv(text, bar.progress).finally(bar.stop);
      print(`imported ${result.staff.length} staff and ${result.rotations.length} rotations from ${file}`);
      for (const member of result.staff)
        print(`staff ${member.id}: ${member.name} ${member.phone} (${member.role})`);
      for (const rotation of result.rotations) {
        print(
          `rotation ${rotation.rotationId}: ${rotation.name} (${rotation.position}, members ${rotation.members.join(', ')})`,
        );
      }
    }),
  );
roster
  .command('who')
  .description('who is on duty, now or at --at')
  .option('--at <time>', 'ISO 8601 with an offset, e.g. 2027-03-01T09:00+08:00 (default: now)')
  .action((options: { at?: string }) =>
    withContainer(async (container, config) => {
      const { at = container.clock.now() } = parseInput(z.object({ at: instantSchema.optional() }), options);
      const onDuty = await container.rosterService.onDutyAt(at);
      print(`on duty at ${formatInstant(at, config.timezone)}`);
      for (const position of POSITIONS) {
        const member = onDuty[position];
        print(`${position.padEnd(11)}${member ? `${member.name} ${member.phone}` : 'nobody'}`);
      }
    }),
  );

const calendar = program.command('calendar').description('iCal feeds of the roster behind secret URLs');
calendar
  .command('create')
  .description("create a feed URL for one person's shifts (--staff) or the whole roster; shown once")
  .option('--staff <id>', 'staff id (default: the whole roster)', staffIdArgument)
  .action((options: { staff?: number }) =>
    withContainer(async (container) => {
      print((await container.calendarFeeds.createFeed(options.staff ?? null)).url);
    }),
  );
calendar
  .command('revoke')
  .description('stop a feed URL from working')
  .argument('<url>', 'the feed URL, or its token')
  .action((url: string) =>
    withContainer(async (container) => {
      if (!(await container.calendarFeeds.revokeFeed(url))) {
        throw new AppError(404, 'calendar.not_found', 'no live feed has that URL');
      }
      print('revoked');
    }),
  );

program
  .command('backup')
  .description('write an online backup of the database to a new file')
  .argument('<file>', 'the backup file (must not exist)')
  .action(async (file: string) => {
    const { databasePath } = loadConfig();
    const { pages, bytes } = await backupDatabase(databasePath, file);
    print(`backed up ${databasePath} to ${file}: ${pages} pages, ${bytes} bytes`);
  });

program
  .command('override')
  .description('roster overrides')
  .command('add')
  .description('record an absence, a cover, or both (a swap), e.g. a sick note')
  .option('--absent <id>', 'the staff id of who is absent', staffIdArgument)
  .option('--cover <id>', 'the staff id of who covers', staffIdArgument)
  .requiredOption('--from <time>', 'ISO 8601 with an offset, e.g. 2027-03-01T08:00+08:00')
  .requiredOption('--to <time>', 'ISO 8601 with an offset')
  .addOption(new Option('--reason <reason>', 'why').choices(OVERRIDE_REASONS).default('other'))
  .addOption(
    new Option('--position <position>', "the position (default: the absent person's)").choices(POSITIONS),
  )
  .action(
    (options: {
      absent?: number;
      cover?: number;
      from: string;
      to: string;
      reason: OverrideReason;
      position?: Position;
    }) =>
      withContainer(async (container, config) => {
        const { from, to } = parseInput(z.object({ from: instantSchema, to: instantSchema }), options);
        // An absence already begun hands the absent person's open cases over, as through the API.
        const override = await container.recordAbsence(
          {
            absentStaffId: options.absent ?? null,
            coverStaffId: options.cover ?? null,
            from,
            to,
            reason: options.reason,
            position: options.position,
          },
          { type: 'staff', staffId: null, channel: 'cli' },
        );
        print(
          `override ${override.id}: ${override.position}, ${formatInstant(from, config.timezone)} to ${formatInstant(to, config.timezone)}, ${override.reason}`,
        );
      }),
  );

program
  .command('twilio')
  .description('the Twilio account')
  .command('configure')
  .description("point TWILIO_PHONE_NUMBER's webhooks at PUBLIC_BASE_URL")
  .action(async () => {
    const config = loadConfig();
    if (!config.publicBaseUrl.startsWith('https://')) {
      process.stderr.write(
        `warning: ${config.publicBaseUrl} is not https; Twilio must be able to reach it\n`,
      );
    }
    const configured = await configureTwilioNumber(config);
    print(`${configured.phoneNumber} (${configured.sid}) now calls:`);
    for (const [setting, url] of Object.entries(configured.urls)) print(`  ${setting.padEnd(17)}${url}`);
  });

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
