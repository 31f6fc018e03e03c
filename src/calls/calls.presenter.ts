import { formatTime } from '../shared/time-format';
import type { Staff } from '../staff/staff.models';
import type { Call, CallAttempt } from './calls.models';

export interface CallPresentContext {
  zone: string;
  staff: Map<number, Staff>;
  refsById: Map<number, string>;
  attemptsByCall: Map<number, CallAttempt[]>;
}

const person = (id: number | null, context: CallPresentContext) =>
  id === null ? null : { id, name: context.staff.get(id)?.name ?? null };

/** A call log row (SPEC §5.8): who called, when, how long, how it ended, whom the hunt rang. */
export function presentCall(call: Call, context: CallPresentContext) {
  const time = (iso: string | null) => formatTime(iso, context.zone);
  return {
    callSid: call.callSid,
    from: call.from,
    to: call.to,
    startedAt: time(call.startedAt),
    endedAt: time(call.endedAt),
    durationSeconds: call.durationSeconds,
    status: call.status,
    outcome: call.outcome,
    missed: call.missed,
    language: call.language,
    officerRequestedAt: time(call.officerRequestedAt),
    acceptedAt: time(call.acceptedAt),
    acceptedBy: person(call.acceptedBy, context),
    dialed: (context.attemptsByCall.get(call.id) ?? []).map((attempt) => ({
      attempt: attempt.attempt,
      position: attempt.position,
      staff: person(attempt.staffId, context),
      result: attempt.result,
      startedAt: time(attempt.startedAt),
      endedAt: time(attempt.endedAt),
    })),
    caseRef: call.caseId === null ? null : (context.refsById.get(call.caseId) ?? null),
    callbackCaseRef:
      call.callbackCaseId === null ? null : (context.refsById.get(call.callbackCaseId) ?? null),
  };
}
