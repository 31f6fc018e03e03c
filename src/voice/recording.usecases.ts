import type { Readable } from 'node:stream';
import type { Principal } from '../auth/auth.middleware';
import type { CaseService } from '../cases/cases.usecases';
import { AppError } from '../shared/errors';
import type { RecordingFetcher } from './recording-proxy';
import type { RecordingsRepository } from './recordings.repository';

export interface FetchCaseRecordingDeps {
  caseService: Pick<CaseService, 'get'>;
  recordingsRepository: Pick<RecordingsRepository, 'findForCase'>;
  fetcher: RecordingFetcher;
}

/**
 * A case's recording, fetched from Twilio for whoever may see the case (else 404 case.not_found,
 * as for the case itself). The API and the console's audio player both stream it from here.
 */
export async function fetchCaseRecording(
  { caseService, recordingsRepository, fetcher }: FetchCaseRecordingDeps,
  ref: string,
  principal: Principal,
): Promise<{ contentType: string; body: Readable }> {
  const found = await caseService.get(ref, principal);
  const recording = await recordingsRepository.findForCase(found.id);
  if (!recording) throw new AppError(404, 'recording.not_found', `Case ${ref} has no recording`);
  return fetcher.fetch(recording.url);
}
