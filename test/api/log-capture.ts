import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import { createLogger, type Logger } from '../../src/shared/logger';
import type { TestContext } from '../helpers/context';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Every line as the raw text that would reach a log file. */
  text(): string;
}

/** The production logger (with its redaction), writing to memory so a test can read what was logged. */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', stream);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The test context's app again, over the same container, logging to `logger` (the voice webhooks too). */
export function appLoggingTo(ctx: TestContext, logger: Logger) {
  return createApp({
    ...ctx.container,
    logger,
    voiceDeps: { ...ctx.container.voiceDeps, logger },
  });
}
