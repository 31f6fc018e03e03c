import { type Config, loadConfig } from '../config';
import { type Container, createContainer } from '../container';
import { systemClock } from '../shared/clock';
import { openDatabase } from '../shared/db';
import { createLogger } from '../shared/logger';
import { migrate } from '../shared/migrator';

/** Opens the configured database (migrating it) and builds the container, for one CLI command. */
export async function withContainer<T>(
  work: (container: Container, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.databasePath);
  try {
    migrate(database.sqlite);
    const logger = createLogger(
      config.logLevel === 'info' ? 'warn' : config.logLevel,
      process.stderr as never,
    );
    const container = await createContainer({ config, db: database.db, clock: systemClock, logger });
    const result = await work(container, config);
    // A command that queued texts (an absence's hand-over) sends them before the database closes.
    await container.dispatcher?.idle();
    return result;
  } finally {
    await database.close();
  }
}
