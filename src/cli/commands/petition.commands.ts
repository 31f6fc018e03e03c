import type { Command } from 'commander';
import { print, withContainer } from '../cli-context';

/** petition list: the group petitions, as GET /api/petitions shows them to an administrator. */
export function registerPetitionCommands(program: Command): void {
  const petition = program.command('petition').description('group petitions on complaints');
  petition
    .command('list')
    .description(
      'petitions, those on open cases first: ref, status, priority, people, representatives, visit date, merged cases, recorded',
    )
    .action(() =>
      withContainer(async (container, config) => {
        const { formatTime } = await import('../../shared/time-format');
        let offset: number | null = 0;
        while (offset !== null) {
          const page = await container.petitions.list(
            { limit: 200, offset },
            { kind: 'admin', role: 'admin' },
          );
          for (const { found, petition: record, mergedRefs } of page.items) {
            print(
              [
                found.ref,
                found.status,
                found.priority,
                record.headcount,
                record.representatives.length,
                record.visitDate ?? '-',
                mergedRefs.join(',') || '-',
                formatTime(record.createdAt, config.timezone),
              ].join('\t'),
            );
          }
          offset = page.next;
        }
      }),
    );
}
