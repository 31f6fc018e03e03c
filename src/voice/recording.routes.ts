import { Router } from 'express';
import { principalOf } from '../auth/auth.middleware';
import { refSchema } from '../cases/cases.schemas';
import type { CaseService } from '../cases/cases.usecases';
import { AppError } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import type { RecordingFetcher } from './recording-proxy';
import type { RecordingsRepository } from './recordings.repository';

/** GET /api/cases/:ref/recording: the case's audio, proxied, for whoever may see the case. */
export function createRecordingRouter(deps: {
  caseService: CaseService;
  recordingsRepository: RecordingsRepository;
  fetcher: RecordingFetcher;
}): Router {
  const router = Router();
  router.get('/:ref/recording', async (req, res) => {
    const ref = parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');
    const found = await deps.caseService.get(ref, principalOf(req));
    const recording = await deps.recordingsRepository.findForCase(found.id);
    if (!recording) throw new AppError(404, 'recording.not_found', `Case ${ref} has no recording`);
    const audio = await deps.fetcher.fetch(recording.url);
    res.set({ 'content-type': audio.contentType, 'cache-control': 'private, no-store' });
    audio.body.on('error', () => res.destroy());
    audio.body.pipe(res);
  });
  return router;
}
