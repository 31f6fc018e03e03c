import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { type PublicNames, presentPublicFigures } from '../../public/public.presenter';
import type { PublicFiguresService } from '../../public/public.usecases';
import { PUBLIC_FIGURES_TTL_MS } from '../../public/public.usecases';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/http';
import { LANGUAGES, type Language } from '../../staff/staff.models';
import { renderDocument } from '../render';
import { PUBLIC_CSS } from './public.css';
import { PublicPage } from './public.page';

export interface PublicRoutesDeps {
  publicFigures: PublicFiguresService;
  names: PublicNames;
  defaultLanguage: Language;
  /** Requests per minute from one address, as for the API's unauthenticated requests. */
  perMinute: number;
}

const querySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month, yyyy-MM')
    .optional(),
});

// Shared caches may keep a page as long as the figures behind it are kept.
const CACHE_CONTROL = `public, max-age=${PUBLIC_FIGURES_TTL_MS / 1000}`;

/** /public: no login, no session, no cookie; only aggregate figures ever leave here. */
export function createPublicRouter(deps: PublicRoutesDeps): Router {
  const router = Router();
  // A constant file, outside the limit: a page view counts once against it, not twice.
  router.get('/assets/public.css', (_req, res) => {
    res.type('text/css').set('cache-control', 'public, max-age=3600').send(PUBLIC_CSS);
  });

  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(
          new AppError(
            429,
            'request.rate_limited',
            'Too many requests from this address; try again in a minute',
          ),
        ),
    }),
  );

  router.get('/', async (req, res) => {
    const language = LANGUAGES.find((each) => each === req.query.lang) ?? deps.defaultLanguage;
    const { month: asked } = parseInput(querySchema, { month: req.query.month });
    const figures = await deps.publicFigures.currentFigures();
    // By default the last full month: the current one may have barely begun.
    const month = asked
      ? figures.months.find((each) => each.month === asked)
      : (figures.months.at(-2) ?? figures.months.at(-1));
    if (!month)
      throw new AppError(400, 'public.month_unknown', 'month: figures cover only the months listed');
    res
      .type('html')
      .set('cache-control', CACHE_CONTROL)
      .send(renderDocument(<PublicPage view={{ language, figures, month, names: deps.names }} />));
  });

  router.get('/figures.json', async (_req, res) => {
    res
      .set('cache-control', CACHE_CONTROL)
      .json(presentPublicFigures(await deps.publicFigures.currentFigures(), deps.names));
  });

  return router;
}
