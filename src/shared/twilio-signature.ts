import type { RequestHandler } from 'express';
import type { Counter } from 'prom-client';
import { AppError } from './errors';
import { pathForLog } from './http';
import type { Logger } from './logger';
import { validateRequest } from './twilio-parts';

/**
 * Checks X-Twilio-Signature on every /twilio/* request. The URL is rebuilt from PUBLIC_BASE_URL,
 * never from the request's own host or scheme, which a TLS-terminating proxy rewrites.
 * Mount it after the urlencoded body parser: the POST parameters are part of the signature.
 */
export function createTwilioSignatureCheck(deps: {
  publicBaseUrl: string;
  signingToken: string;
  logger: Logger;
  rejections?: Counter<'reason'>;
}): RequestHandler {
  return (req, _res, next) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) {
      deps.rejections?.inc({ reason: 'signature_missing' });
      throw new AppError(400, 'twilio.signature_missing', 'X-Twilio-Signature is required');
    }
    const url = deps.publicBaseUrl + req.originalUrl;
    const params = req.body && typeof req.body === 'object' ? req.body : {};
    if (!validateRequest(deps.signingToken, signature, url, params)) {
      deps.rejections?.inc({ reason: 'signature_invalid' });
      deps.logger.warn(
        { path: pathForLog(req), ip: req.ip },
        'rejected a Twilio webhook with a wrong signature',
      );
      throw new AppError(403, 'twilio.signature_invalid', 'X-Twilio-Signature does not match');
    }
    next();
  };
}
