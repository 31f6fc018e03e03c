import { type Command, Option } from 'commander';
import {
  OVERRIDE_REASONS,
  type OverrideReason,
  POSITIONS,
  type Position,
} from '../../roster/roster.positions';
import { staffIdArgument } from '../cli.arguments';
import { parseInstants, print, withContainer } from '../cli-context';

/** roster import|who, override add, calendar create|revoke. */
export function registerRosterCommands(program: Command): void {
  const roster = program.command('roster').description('the duty roster');
  roster
    .command('import')
    .description('import staff and rotations from one CSV file, all or nothing (format: README)')
    .argument('<csv>', 'the CSV file')
    .action((file: string) =>
      withContainer(async (container) => {
        const [fs, { createImportProgressBar }] = await Promise.all([
          import('node:fs'),
          import('../../roster/roster.import.progress'),
        ]);
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
        const { formatInstant } = await import('../../shared/time-format');
        const { at = container.clock.now() } = await parseInstants({ at: options.at });
        const onDuty = await container.rosterService.onDutyAt(at);
        print(`on duty at ${formatInstant(at, config.timezone)}`);
        for (const position of POSITIONS) {
          const member = onDuty[position];
          print(`${position.padEnd(11)}${member ? `${member.name} ${member.phone}` : 'nobody'}`);
        }
      }),
    );

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
          const { formatInstant } = await import('../../shared/time-format');
          const times = await parseInstants({ from: options.from, to: options.to });
          const [from, to] = [times.from!, times.to!];
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
          const { AppError } = await import('../../shared/errors');
          throw new AppError(404, 'calendar.not_found', 'no live feed has that URL');
        }
        print('revoked');
      }),
    );
}
