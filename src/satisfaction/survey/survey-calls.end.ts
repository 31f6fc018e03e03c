import type { CallbackCallStatus } from '../../callbacks/calls/callback-calls.models';
import type { Actor } from '../../cases/cases.models';
import type { CasesRepository } from '../../cases/cases.repository';
import type { DbOrTransaction } from '../../shared/db';
import { satisfactionWindowEndsAt } from '../satisfaction.models';
import { awaitsSurveyAnswer, outcomeOfEnd, retryAtFor, type SurveyCall } from './survey-calls.models';
import type { SurveyCallsRepository } from './survey-calls.repository';

export const SURVEY_ACTOR: Actor = { type: 'system', staffId: null, channel: 'voice' };

export interface EndSurveyCallDeps {
  casesRepository: Pick<CasesRepository, 'findById' | 'appendEvent'>;
  surveyCallsRepository: SurveyCallsRepository;
  /** SATISFACTION_WINDOW_HOURS: a retry never rings after the citizen's window ends. */
  satisfactionWindowHours: number;
}

/**
 * Ends an attempt once, inside the caller's transaction: its outcome goes on the case and, when it
 * got no answer and the citizen still owes one, the one retry is scheduled. False if it had ended.
 */
export async function endSurveyCall(
  { casesRepository, surveyCallsRepository, satisfactionWindowHours }: EndSurveyCallDeps,
  trx: DbOrTransaction,
  call: SurveyCall,
  end: { status: CallbackCallStatus; sequence: number | null; errorCode: string | null; now: Date },
): Promise<boolean> {
  const at = end.now.toISOString();
  const outcome = call.outcome ?? outcomeOfEnd(end.status);
  const changed = await surveyCallsRepository.update(
    trx,
    call.id,
    {
      status: end.status,
      status_sequence: end.sequence ?? call.statusSequence,
      outcome,
      ...(end.errorCode ? { error_code: end.errorCode } : {}),
      ended_at: at,
      updated_at: at,
    },
    { whileLive: true },
  );
  if (!changed) return false;
  const found = await casesRepository.findById(call.caseId, trx);
  const windowEndsAt = found ? satisfactionWindowEndsAt(found, satisfactionWindowHours) : null;
  const retryAt =
    found && awaitsSurveyAnswer(found, end.now, windowEndsAt)
      ? retryAtFor(call.attempt, outcome, end.now, windowEndsAt)
      : null;
  if (retryAt) {
    await surveyCallsRepository.schedule(trx, {
      caseId: call.caseId,
      aboutRef: call.aboutRef,
      phone: call.phone,
      language: call.language,
      attempt: call.attempt + 1,
      dueAt: retryAt,
      now: at,
    });
  }
  await casesRepository.appendEvent(trx, {
    caseId: call.caseId,
    at,
    type: 'survey_call_ended',
    actor: SURVEY_ACTOR,
    data: { callId: call.id, attempt: call.attempt, outcome, retryAt },
  });
  return true;
}
