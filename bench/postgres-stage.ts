import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measurePostgresNodes } from './postgres-nodes';
import { log } from './progress';
import { ROOT } from './settings';
import type { Table } from './table';

// The PostgreSQL rows of `npm run bench`: SMS webhook throughput with one node and with two on one
// store. On the cluster at BENCH_PG_URL, or else on a throwaway one started with the test suite's
// script when PostgreSQL is installed; without either the rows say it was skipped, and why.

const CLUSTER_SCRIPT = path.join(ROOT, 'scripts', 'pg-test-cluster.sh');

function startThrowawayCluster(): { url: string; stop(): void } | { reason: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-bench-pg-'));
  const started = spawnSync('bash', [CLUSTER_SCRIPT, 'start', dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { reason: started.stderr.trim().split('\n').pop() || 'the cluster did not start' };
  }
  return {
    url: started.stdout.trim().split('\n').pop() as string,
    stop() {
      spawnSync('bash', [CLUSTER_SCRIPT, 'stop', dir], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function measurePostgresStage(table: Table): Promise<void> {
  const given = process.env.BENCH_PG_URL;
  const cluster = given ? { url: given, stop() {} } : startThrowawayCluster();
  if ('reason' in cluster) {
    log(`PostgreSQL stage skipped: ${cluster.reason}`);
    table.note('SMS saturation on PostgreSQL, 1 and 2 nodes', `skipped: ${cluster.reason}`);
    return;
  }
  try {
    const run = await measurePostgresNodes(cluster.url);
    for (const result of run.results) {
      table.note(
        `SMS saturation on PostgreSQL, ${result.nodes} node${result.nodes > 1 ? 's' : ''}, 32 conns`,
        `${result.requestsPerSecond.toFixed(0)} req/s`,
        result.requestsPerSecond,
      );
    }
    const failures = run.results.reduce((sum, result) => sum + result.failures, 0);
    table.check(
      '  PostgreSQL: answers not 2xx, errors, timeouts',
      String(failures),
      '0',
      failures === 0,
      failures,
    );
    table.check(
      '  PostgreSQL: messages the fake accepted twice',
      `${run.duplicates} of ${run.messages}`,
      '0',
      run.duplicates === 0,
      run.duplicates,
    );
  } finally {
    cluster.stop();
  }
}
