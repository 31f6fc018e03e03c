import type { PresentContext } from '../../cases/cases.presenter';
import { formatTime } from '../../shared/time-format';
import { type CallbackCall, citizenLegOf } from './callback-calls.models';

/**
 * A masked call-back as the API shows it. No phone number appears: the citizen's is the case's,
 * the officer's is theirs; the recording is our proxy's path, never Twilio's URL.
 */
export function presentCallbackCall(call: CallbackCall, ref: string, context: PresentContext) {
  return {
    id: call.id,
    officer: { id: call.staffId, name: context.staff.get(call.staffId)?.name ?? null },
    callSid: call.callSid,
    status: call.status,
    citizenLeg: citizenLegOf(call),
    citizenDurationSeconds: call.citizenDurationSeconds,
    durationSeconds: call.durationSeconds,
    recording: call.recordingUrl
      ? {
          url: `/api/cases/${ref}/calls/${call.id}/recording`,
          durationSeconds: call.recordingDurationSeconds,
        }
      : null,
    errorCode: call.errorCode,
    startedAt: formatTime(call.createdAt, context.zone),
    endedAt: formatTime(call.endedAt, context.zone),
  };
}
