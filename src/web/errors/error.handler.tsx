import type { ErrorRequestHandler } from 'express';
import { AppError } from '../../shared/errors';
import { pathForLog } from '../../shared/http';
import type { Logger } from '../../shared/logger';
import type { Language } from '../../staff/staff.models';
import { sendPage } from '../web.page';
import { ErrorPage } from './error.page';

/** The console's errors are pages: a person reads them, not a program. */
export function createConsoleErrorHandler(logger: Logger, defaultLanguage: Language): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const language = req.consoleSession?.language ?? defaultLanguage;
    if (err instanceof AppError) {
      sendPage(res, <ErrorPage language={language} status={err.status} code={err.code} />, err.status);
      return;
    }
    logger.error({ err, path: pathForLog(req) }, 'unhandled error on a console page');
    sendPage(res, <ErrorPage language={language} status={500} code="internal" />, 500);
  };
}
