import express, { type ErrorRequestHandler, type Request, type RequestHandler, Router } from 'express';
import rateLimit from 'express-rate-limit';
import { AppError } from '../shared/errors';
import { parseInput, pathForLog, routeParam } from '../shared/http';
import type { Logger } from '../shared/logger';
import { toE164FromHome } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import type { Open311Key } from './open311.keys.repository';
import {
  isOpen311Format,
  type Open311Format,
  sendOpen311,
  sendOpen311Errors,
  sendOpen311List,
  xmlList,
} from './open311.render';
import { requestsQuerySchema, serviceRequestSchema } from './open311.schemas';
import type { Open311UseCases } from './open311.usecases';

export interface Open311RouterDeps {
  open311: Open311UseCases;
  /** The hotline's own number: a citizen's phone in national form is read in its country. */
  homeNumber: string | undefined;
  logger: Logger;
  limits: { perAddressPerMinute: number; postsPerKeyPerMinute: number };
}

const WINDOW_MS = 60_000;

/** The format a path asks for by its extension; without a known one, XML, the standard's required format. */
function formatOfPath(path: string): Open311Format {
  const extension = /\.(\w+)$/.exec(path)?.[1] ?? 'xml';
  return isOpen311Format(extension) ? extension : 'xml';
}

function formatOf(req: Request): Open311Format {
  const format = routeParam(req, 'format');
  if (!isOpen311Format(format)) {
    throw new AppError(404, 'open311.format_unknown', `Format ${format} is not served; use xml or json`);
  }
  return format;
}

/** service_name and the like in the caller's language: Chinese when asked for, else English. */
function languageOf(req: Request): Language {
  const preferred = req.acceptsLanguages('en', 'zh-CN', 'zh');
  return typeof preferred === 'string' && preferred.startsWith('zh') ? 'zh-CN' : 'en';
}

const tooMany = (who: string) =>
  new AppError(429, 'request.rate_limited', `Too many requests ${who}; try again in a minute`);

/** Open311 GeoReport v2 under /open311/v2: public GETs, and POST requests with a partner's api_key. */
export function createOpen311Router({ open311, homeNumber, logger, limits }: Open311RouterDeps): Router {
  const router = Router();
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8', legacyHeaders: false } as const;
  router.use(
    rateLimit({
      ...common,
      limit: limits.perAddressPerMinute,
      handler: (_req, _res, next) => next(tooMany('from this address')),
    }),
  );

  router.get('/discovery.:format', (req, res) => {
    const discovery = open311.discovery();
    sendOpen311(res, formatOf(req), 200, {
      json: discovery,
      root: 'discovery',
      xml: {
        ...discovery,
        endpoints: xmlList(
          'endpoint',
          discovery.endpoints.map((endpoint) => ({
            ...endpoint,
            formats: xmlList('format', endpoint.formats),
          })),
        ),
      },
    });
  });

  router.get('/services.:format', (req, res) => {
    const format = formatOf(req);
    sendOpen311List(
      res,
      format,
      200,
      { root: 'services', item: 'service' },
      open311.listServices(languageOf(req)),
    );
  });

  router.get('/services/:code.:format', (req, res) => {
    const format = formatOf(req);
    const definition = open311.findServiceDefinition(routeParam(req, 'code'));
    sendOpen311(res, format, 200, {
      json: definition,
      root: 'service_definition',
      xml: { service_code: definition.service_code, attributes: xmlList('attribute', definition.attributes) },
    });
  });

  router.get('/requests.:format', async (req, res) => {
    const format = formatOf(req);
    const query = parseInput(requestsQuerySchema, req.query, 'open311.invalid_query');
    const requests = await open311.listRequests(
      {
        serviceRequestIds: query.service_request_id,
        serviceCodes: query.service_code,
        statuses: query.status,
        start: query.start_date,
        end: query.end_date,
      },
      languageOf(req),
    );
    sendOpen311List(res, format, 200, { root: 'service_requests', item: 'request' }, requests);
  });

  router.get('/requests/:id.:format', async (req, res) => {
    const format = formatOf(req);
    const request = await open311.getRequest(routeParam(req, 'id'), languageOf(req));
    sendOpen311List(res, format, 200, { root: 'service_requests', item: 'request' }, [request]);
  });

  const authenticateKey: RequestHandler = async (req, res, next) => {
    formatOf(req);
    const apiKey = (req.body as Record<string, unknown> | undefined)?.api_key;
    const key = await open311.authenticate(typeof apiKey === 'string' ? apiKey : undefined);
    res.locals.open311Key = key;
    req.credentialKey = `open311:${key.id}`;
    next();
  };

  router.post(
    '/requests.:format',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }),
    authenticateKey,
    rateLimit({
      ...common,
      limit: limits.postsPerKeyPerMinute,
      keyGenerator: (req) => req.credentialKey ?? 'none',
      handler: (_req, _res, next) => next(tooMany('with this api_key')),
    }),
    async (req, res) => {
      const format = formatOf(req);
      const body = parseInput(serviceRequestSchema, req.body ?? {}, 'open311.invalid_request');
      let phone: string | null = null;
      if (body.phone) {
        phone = toE164FromHome(body.phone, homeNumber);
        if (!phone)
          throw new AppError(400, 'open311.invalid_phone', `phone: ${body.phone} is not a phone number`);
      }
      const created = await open311.submit(res.locals.open311Key as Open311Key, {
        serviceCode: body.service_code,
        location: {
          lat: body.lat,
          long: body.long,
          addressString: body.address_string,
          addressId: body.address_id,
        },
        description: body.description ?? '',
        phone,
        reporter: {
          firstName: body.first_name,
          lastName: body.last_name,
          email: body.email,
          accountId: body.account_id,
          deviceId: body.device_id,
        },
        mediaUrl: body.media_url,
        language: languageOf(req),
      });
      sendOpen311List(res, format, 201, { root: 'service_requests', item: 'request' }, [
        { service_request_id: created.ref, service_notice: created.serviceNotice, account_id: null },
      ]);
    },
  );

  router.use((req) => {
    throw new AppError(404, 'route.not_found', `No route for ${req.method} ${req.baseUrl}${req.path}`);
  });
  router.use(createOpen311ErrorHandler(logger));
  return router;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Every failure in the standard's error body, `[{code, description}]` or `<errors><error>`, in the asked format. */
function createOpen311ErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      logger.error({ err, path: pathForLog(req) }, 'error after the response started');
      res.destroy();
      return;
    }
    const format = formatOfPath(req.path);
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error({ err, path: pathForLog(req) }, 'open311 request failed');
      sendOpen311Errors(res, format, err.status, [{ code: err.status, description: err.message }]);
      return;
    }
    const parserError = err as BodyParserError;
    if (parserError.type === 'entity.too.large') {
      sendOpen311Errors(res, format, 413, [{ code: 413, description: 'The request body is too large' }]);
      return;
    }
    if (parserError.status && parserError.status >= 400 && parserError.status < 500) {
      sendOpen311Errors(res, format, 400, [{ code: 400, description: 'The request body could not be read' }]);
      return;
    }
    logger.error({ err, path: pathForLog(req) }, 'unhandled open311 error');
    sendOpen311Errors(res, format, 500, [{ code: 500, description: 'Internal error' }]);
  };
}
