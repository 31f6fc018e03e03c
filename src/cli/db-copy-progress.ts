import { Presets, SingleBar } from 'cli-progress';
import type { CopyProgress } from '../shared/db-copy';

/**
 * A bar per table on stderr, so that stdout keeps only the summary. cli-progress draws on a
 * terminal only: piped or in CI, the copy prints its summary and nothing else.
 */
export function progressBars(): CopyProgress & { stop(): void } {
  let bar: SingleBar | undefined;
  return {
    startTable(table, rows) {
      bar = new SingleBar(
        {
          stream: process.stderr,
          format: `${table.padEnd(22)} {bar} {value}/{total} rows`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(rows, 0);
    },
    advance(rows) {
      bar?.increment(rows);
    },
    endTable() {
      bar?.stop();
      bar = undefined;
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
