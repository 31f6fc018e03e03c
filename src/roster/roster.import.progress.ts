import { Presets, SingleBar } from 'cli-progress';
import type { RosterImportProgress } from './roster.import';

/**
 * A progress bar on stderr, so stdout keeps only the result. cli-progress draws nothing when stderr
 * is not a terminal, so piped and scripted runs stay clean.
 */
export function createImportProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const bar = new SingleBar(
    { stream, format: 'importing {bar} {value}/{total} rows', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  const progress: RosterImportProgress = {
    onStart: (total) => bar.start(total, 0),
    onRow: (done) => bar.update(done),
  };
  return { progress, stop: () => bar.stop() };
}
