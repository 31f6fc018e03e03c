import type http from 'node:http';
import { createApp } from './app';
import type { Config } from './config';
import { createContainer } from './container';
import { validateContent } from './content/validate';
import { systemClock } from './shared/clock';
import { describeDatabase, openStore } from './shared/db';
import { checkpointInBackground } from './shared/db.checkpoints';
import type { Logger } from './shared/logger';
import { migrate } from './shared/migrator';

export interface RunningServer {
  server: http.Server;
  port: number;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, builds the container and serves. Messages a crash left
 * mid-send go back in the queue, and messages held while offline are released once credentials exist.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  validateContent(config.flowsDir, config.region);
  const database = await openStore(config);
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, 'applied migrations');
  const stopCheckpoints =
    database.dialect === 'sqlite' && !database.sqlite.memory
      ? checkpointInBackground(database.sqlite)
      : undefined;

  const container = await createContainer({
    config,
    db: database.db,
    reportsDb: database.reports,
    clock: systemClock,
    logger,
  });
  // Alone on its SQLite file, a starting server knows every `sending` row was cut off by a crash. On
  // PostgreSQL other nodes may be sending those very messages now: only claims past their lease go back.
  const recovered = await container.outboxRepository.recoverInterrupted(
    database.dialect === 'postgres' ? config.outboxLeaseMs : undefined,
  );
  if (!config.offline) {
    const released = await container.outboxRepository.releaseHeld();
    if (released > 0) logger.info({ released }, 'released messages held while offline');
  }
  if (recovered > 0) logger.warn({ recovered }, 'requeued messages interrupted mid-send');
  // Likewise a job lease left on SQLite is this server's own, from before a crash: its jobs need not
  // wait for it to expire. On PostgreSQL it may be another node's, running the job now.
  if (database.dialect === 'sqlite') await container.jobLeases.releaseAll();

  const app = createApp(container);
  // Express 5 calls back with the error when the port is taken; without it the process would log
  // that it serves while serving nothing.
  const server = await new Promise<http.Server>((resolve, reject) => {
    const listening = app.listen(config.port, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  }).catch(async (error: unknown) => {
    await stopCheckpoints?.();
    await database.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  container.jobs.start();
  container.dispatcher?.kick();
  logger.info(
    {
      port,
      offline: config.offline,
      database: describeDatabase(config),
      publicBaseUrl: config.publicBaseUrl,
    },
    config.offline ? 'Dutyline is serving in offline mode: outgoing SMS are held' : 'Dutyline is serving',
  );

  return {
    server,
    port,
    async stop() {
      // Stop taking requests and jobs first, let running ones finish, then close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.jobs.stop();
      await container.dispatcher?.idle();
      await stopCheckpoints?.();
      await database.close();
    },
  };
}

/**
 * Serves until SIGTERM or SIGINT, then shuts down gracefully and exits: 0 when every request and
 * job finished, 1 when stopping failed or took longer than 15 s. `npm start` and `dutyline serve` share it.
 */
export async function serveUntilSignalled(config: Config, logger: Logger): Promise<RunningServer> {
  const running = await startServer(config, logger);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests and jobs');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  return running;
}
