import type { Readable } from 'node:stream';
import { type Response, Router } from 'express';
import { principalOf } from '../auth/auth.middleware';
import { refSchema } from '../cases/cases.schemas';
import { parseInput, routeParam } from '../shared/http';
import { type FetchCaseRecordingDeps, fetchCaseRecording } from './recording.usecases';

/** Streams fetched audio to the client; it is never cached, as it is a citizen's voice. */
export function sendRecording(res: Response, audio: { contentType: string; body: Readable }): void {
  res.set({ 'content-type': audio.contentType, 'cache-control': 'private, no-store' });
  audio.body.on('error', () => res.destroy());
  audio.body.pipe(res);
}

/** GET /api/cases/:ref/recording: the case's audio, proxied, for whoever may see the case. */
export function createRecordingRouter(deps: FetchCaseRecordingDeps): Router {
  const router = Router();
  router.get('/:ref/recording', async (req, res) => {
    const ref = parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');
    sendRecording(res, await fetchCaseRecording(deps, ref, principalOf(req)));
  });
  return router;
}
