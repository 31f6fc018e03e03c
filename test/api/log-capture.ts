import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import { createLogger, type Logger } from '../../src/shared/logger';
import type { TestContext } from '../helpers/context';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed, but the access log's. */
  lines(): Record<string, unknown>[];
  /** The access log's lines (one per request). */
  accessLines(): Record<string, unknown>[];
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
  const all = () =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const isAccess = (line: Record<string, unknown>) => line.msg === 'request' || line.msg === 'request failed';
  return {
    logger,
    text,
    lines: () => all().filter((line) => !isAccess(line)),
    accessLines: () => all().filter(isAccess),
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
