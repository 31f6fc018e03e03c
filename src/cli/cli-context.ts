import type { Config } from '../config';
import type { Container } from '../container';

// Everything heavy (the database, the container, Twilio) is loaded only when a command runs, so
// `dutyline --help` and a mistyped option answer at once.

/** Opens the configured database (migrating it) and builds the container, for one CLI command. */
export async function withContainer<T>(
  work: (container: Container, config: Config) => Promise<T>,
): Promise<T> {
  const [{ loadConfig }, { createContainer }, { systemClock }, { openStore }, { createLogger }, { migrate }] =
    await Promise.all([
      import('../config'),
      import('../container'),
      import('../shared/clock'),
      import('../shared/db'),
      import('../shared/logger'),
      import('../shared/migrator'),
    ]);
  const config = loadConfig();
  const database = await openStore(config);
  try {
    await migrate(database);
    const logger = createLogger(
      config.logLevel === 'info' ? 'warn' : config.logLevel,
      process.stderr as never,
    );
    const container = await createContainer({
      config,
      db: database.db,
      reportsDb: database.reports,
      clock: systemClock,
      logger,
    });
    const result = await work(container, config);
    // A command that queued texts (an absence's hand-over) sends them before the database closes.
    await container.dispatcher?.idle();
    return result;
  } finally {
    await database.close();
  }
}

/** The configuration alone, for commands that need no database. */
export async function readConfig(): Promise<Config> {
  return (await import('../config')).loadConfig();
}

/** An ISO 8601 instant from an option, bounded as the API bounds it; a bad one is a one-line error. */
export async function parseInstants<K extends string>(
  values: Record<K, string | undefined>,
): Promise<Record<K, Date | undefined>> {
  const [{ z }, { parseInput }, { instantSchema }] = await Promise.all([
    import('zod'),
    import('../shared/http'),
    import('../shared/schemas'),
  ]);
  const keys = Object.keys(values) as K[];
  const schema = z.object(Object.fromEntries(keys.map((key) => [key, instantSchema.optional()])));
  return parseInput(schema, values) as Record<K, Date | undefined>;
}

export const print = (line: string) => process.stdout.write(`${line}\n`);
