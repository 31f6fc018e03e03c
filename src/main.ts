import { loadConfig } from './config';
import { serveUntilSignalled } from './server';
import { OperatorError } from './shared/errors';
import { createLogger } from './shared/logger';

async function main() {
  const config = loadConfig();
  await serveUntilSignalled(config, createLogger(config.logLevel));
}

main().catch((error) => {
  if (error instanceof OperatorError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Dutyline failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
