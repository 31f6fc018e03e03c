import pino from 'pino';

export type Logger = pino.Logger;

/** Tokens and authorisation headers never reach the log; phone numbers are masked by callers with maskPhone. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'authToken',
        ],
        censor: '[redacted]',
      },
    },
    // Written asynchronously to stdout by default: a line per request must never make a webhook
    // wait on a slow pipe. Lines still buffered are flushed when the process exits.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
