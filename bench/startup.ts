import { spawnSync } from 'node:child_process';
import { percentile } from './load';
import { freePort, startServer } from './processes';
import { ROOT } from './settings';

// How long a user waits: the server from spawn to its first healthy answer, and `dutyline --help`.

/** Median of `runs` starts of the server as `npm start` runs it, on the bench database, each until /healthz answers 200. */
export async function measureStartup(options: {
  env: Record<string, string>;
  logPath: string;
  runs: number;
}): Promise<{ medianMs: number; allMs: number[] }> {
  const allMs: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const server = await startServer({ env: options.env, port: await freePort(), logPath: options.logPath });
    allMs.push(server.startupMs);
    await server.stop();
  }
  return {
    medianMs: percentile(
      [...allMs].sort((a, b) => a - b),
      0.5,
    ),
    allMs,
  };
}

/** Median of `runs` runs of `node bin/dutyline.js --help`, as the installed command runs. */
export function measureCliHelp(options: { env: Record<string, string>; runs: number }): {
  medianMs: number;
  allMs: number[];
} {
  const allMs: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['bin/dutyline.js', '--help'], {
      cwd: ROOT,
      env: options.env,
      encoding: 'utf8',
    });
    allMs.push(performance.now() - started);
    if (result.status !== 0)
      throw new Error(`dutyline --help exited with ${result.status}: ${result.stderr}`);
  }
  return {
    medianMs: percentile(
      [...allMs].sort((a, b) => a - b),
      0.5,
    ),
    allMs,
  };
}
