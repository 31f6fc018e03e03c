import type { Readable } from 'node:stream';
import type { Principal } from '../../auth/auth.middleware';
import type { CaseService } from '../../cases/cases.usecases';
import { AppError } from '../../shared/errors';
import type { RecordingFetcher } from '../../voice/recording-proxy';
import type { CallbackCallsRepository } from './callback-calls.repository';

export interface FetchCallbackCallRecordingDeps {
  caseService: Pick<CaseService, 'get'>;
  callbackCallsRepository: Pick<CallbackCallsRepository, 'findById'>;
  fetcher: RecordingFetcher;
}

/**
 * A masked call-back's recording, fetched from Twilio for whoever may see its case (else 404, as
 * for the case). The API and the console's player both stream it from here.
 */
export async function fetchCallbackCallRecording(
  { caseService, callbackCallsRepository, fetcher }: FetchCallbackCallRecordingDeps,
  ref: string,
  callId: number,
  principal: Principal,
): Promise<{ contentType: string; body: Readable }> {
  const found = await caseService.get(ref, principal);
  const call = await callbackCallsRepository.findById(callId);
  if (!call || call.caseId !== found.id || !call.recordingUrl) {
    throw new AppError(404, 'recording.not_found', `Case ${ref} has no such call recording`);
  }
  return fetcher.fetch(call.recordingUrl);
}
