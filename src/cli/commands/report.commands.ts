import type { Command } from 'commander';
import { parseInstants, withContainer } from '../cli-context';

/** report gaps. */
export function registerReportCommands(program: Command): void {
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
}
