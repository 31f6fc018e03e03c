import { type Command, Option } from 'commander';
import { parseInstants, withContainer } from '../cli-context';

/** report gaps, report hotspots, report staff. */
export function registerReportCommands(program: Command): void {
  const reportCommand = program.command('report').description('reports');
  reportCommand
    .command('gaps')
    .description('the duty-gap report for [from, to): JSON, or CSV with --csv')
    .requiredOption('--from <time>', 'start, ISO 8601 with an offset, e.g. 2027-03-01T08:00+08:00')
    .requiredOption('--to <time>', 'end (exclusive), ISO 8601 with an offset')
    .option('--csv', 'print CSV, one row per finding')
    .action((options: { from: string; to: string; csv?: boolean }) =>
      withContainer(async (container) => {
        const times = await parseInstants({ from: options.from, to: options.to });
        const report = await container.dutyGapReports.buildDutyGapReport(times.from!, times.to!);
        if (!options.csv) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const { renderDutyGapCsv } = await import('../../reports/duty-gaps.csv');
        process.stdout.write(renderDutyGapCsv(report));
      }),
    );

  reportCommand
    .command('hotspots')
    .description('the hotspot report for [from, to): complaints by place and category, repeats, open cases')
    .requiredOption('--from <time>', 'start, ISO 8601 with an offset, e.g. 2027-03-01T08:00+08:00')
    .requiredOption('--to <time>', 'end (exclusive), ISO 8601 with an offset')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
    .action((options: { from: string; to: string; format: 'json' | 'csv' }) =>
      withContainer(async (container) => {
        const times = await parseInstants({ from: options.from, to: options.to });
        const result = await container.hotspotReports.buildHotspotReport(times.from!, times.to!);
        if (options.format === 'json') {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const { renderHotspotCsv } = await import('../../reports/hotspots/hotspots.csv');
        process.stdout.write(renderHotspotCsv(result));
      }),
    );

  reportCommand
    .command('staff')
    .description("the appraisal for [from, to): each officer's cases, rates, calls on their shifts and hours")
    .requiredOption('--from <time>', 'start, ISO 8601 with an offset, e.g. 2027-03-01T00:00+08:00')
    .requiredOption('--to <time>', 'end (exclusive), ISO 8601 with an offset')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
    .action((options: { from: string; to: string; format: 'json' | 'csv' }) =>
      withContainer(async (container) => {
        const times = await parseInstants({ from: options.from, to: options.to });
        const result = await container.staffAppraisals.buildStaffAppraisal(times.from!, times.to!);
        if (options.format === 'json') {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const { renderStaffAppraisalCsv } = await import('../../reports/appraisal/appraisal.csv');
        process.stdout.write(renderStaffAppraisalCsv(result.staff));
      }),
    );
}
