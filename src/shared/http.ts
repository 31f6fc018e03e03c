import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from './errors';
import type { Logger } from './logger';

/** Parses input with a zod schema, turning a failure into a 400 naming the first bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code = 'request.invalid',
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'body';
    throw new AppError(400, code, `${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}

export function routeParam(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}

// A calendar feed's URL is its credential (calendar apps subscribe by URL), so it never reaches a log.
const SECRET_IN_PATH = /^(\/calendar\/)[^/]+/;

/** The request's full path (no query) for a log line, with secrets in it replaced. */
export function pathForLog(req: Request): string {
  const path = (req.originalUrl || req.url).split('?')[0];
  return path.replace(SECRET_IN_PATH, '$1[redacted]');
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError(404, 'route.not_found', `No route for ${req.method} ${req.path}`);
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one place errors become responses. Known errors keep their code; body-parser failures become
 * 4xx; anything else is logged and answered 500 without details.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      // Too late for a JSON answer; cut the connection so the client sees a broken answer, not a hang.
      logger.error({ err, path: pathForLog(req) }, 'error after the response started');
      res.destroy();
      return;
    }
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const parserError = err as BodyParserError;
    if (parserError.type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: { code: 'request.too_large', message: 'The request body is too large' } });
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: { code: 'request.malformed', message: 'The request body is not valid JSON' } });
      return;
    }
    if (parserError.status && parserError.status >= 400 && parserError.status < 500) {
      res
        .status(400)
        .json({ error: { code: 'request.malformed', message: 'The request body could not be read' } });
      return;
    }
    logger.error({ err, path: pathForLog(req) }, 'unhandled error');
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Something went wrong; it has been logged' } });
  };
}
