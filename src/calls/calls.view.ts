import type { Db } from '../shared/db';
import type { StaffRepository } from '../staff/staff.repository';
import type { Call, CallAttempt } from './calls.models';
import { type CallPresentContext, presentCall } from './calls.presenter';
import type { CallsRepository } from './calls.repository';

/** Loads what presenting a set of calls needs (attempts, staff names, case references) in a few queries. */
export function createCallsView(deps: {
  db: Db;
  callsRepository: CallsRepository;
  staffRepository: StaffRepository;
  zone: string;
}) {
  return async function present(calls: Call[]) {
    const attempts = await deps.callsRepository.listAttempts(calls.map((call) => call.id));
    const attemptsByCall = new Map<number, CallAttempt[]>();
    for (const attempt of attempts)
      attemptsByCall.set(attempt.callId, [...(attemptsByCall.get(attempt.callId) ?? []), attempt]);
    const staffIds = new Set<number>(attempts.map((attempt) => attempt.staffId));
    for (const call of calls) if (call.acceptedBy !== null) staffIds.add(call.acceptedBy);
    const caseIds = calls
      .flatMap((call) => [call.caseId, call.callbackCaseId])
      .filter((id): id is number => id !== null);
    const refs = caseIds.length
      ? await deps.db.selectFrom('cases').select(['id', 'ref']).where('id', 'in', caseIds).execute()
      : [];
    const context: CallPresentContext = {
      zone: deps.zone,
      staff: await deps.staffRepository.findByIds([...staffIds]),
      refsById: new Map(refs.map((row) => [row.id, row.ref])),
      attemptsByCall,
    };
    return calls.map((call) => presentCall(call, context));
  };
}

export type CallsView = ReturnType<typeof createCallsView>;
