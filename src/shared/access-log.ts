import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { pathForLog } from './http';
import type { Logger } from './logger';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * One line per request with a request id (kept from a proxy's X-Request-Id, else new, and sent
 * back). Only method, path (secrets redacted, no query: queries carry phone numbers), status and
 * time are written: never headers, bodies or Twilio's parameters.
 */
export function createAccessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; raw: Request }) => ({
        id: req.id,
        method: req.method,
        path: pathForLog(req.raw),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
  }) as unknown as RequestHandler;
}
