import type { CallPlacer } from '../../callbacks/calls/call-placer';
import { startFailureOf, UNCONFIRMED_CALL_MINUTES } from '../../callbacks/calls/callback-calls.models';
import type { CasesRepository } from '../../cases/cases.repository';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../shared/db';
import type { Logger } from '../../shared/logger';
import { satisfactionWindowEndsAt } from '../satisfaction.models';
import { endSurveyCall, SURVEY_ACTOR } from './survey-calls.end';
import { awaitsSurveyAnswer, isSurveyCallingHour, type SurveyCall } from './survey-calls.models';
import type { SurveyCallsRepository } from './survey-calls.repository';
import { surveyCallUrls } from './survey-calls.urls';

/** Bounds one run; the next run, a minute on, takes the rest. */
const BATCH = 20;
/** When Twilio is down or busy, the call waits this long for the next try. */
const DEFER_MINUTES = 1;

export interface PlaceSurveyCallsDeps {
  db: Db;
  casesRepository: Pick<CasesRepository, 'findById' | 'appendEvent'>;
  surveyCallsRepository: SurveyCallsRepository;
  /** Undefined in offline mode: due calls are kept until a run that can place them. */
  placer: CallPlacer | undefined;
  hotlineNumber: string | undefined;
  publicBaseUrl: string;
  satisfactionWindowHours: number;
  /** HOTLINE_TIMEZONE: calls ring only in the citizen's waking hours there. */
  timezone: string;
  clock: Clock;
  logger: Logger;
}

export interface PlaceSurveyCallsResult {
  placed: number;
  /** Twilio was unavailable or rate-limited: tried again on a later run. */
  deferred: number;
  /** Refused by Twilio for good, ended like a failed call (and so retried once). */
  refused: number;
  /** Answered some other way, or the case moved on: not rung. */
  canceled: number;
  /** Taken by a run that stopped before Twilio answered: ended as failed, so retried once. */
  lost: number;
  offline?: true;
  /** Outside SURVEY_CALLING_HOURS: due calls wait for the morning. */
  outsideCallingHours?: true;
}

/**
 * survey-calls: rings every due survey call from the hotline's number (SPEC §19). Twilio is asked
 * outside any transaction; the row is claimed first, so two runs never ring one call twice.
 */
export async function placeDueSurveyCalls(deps: PlaceSurveyCallsDeps): Promise<PlaceSurveyCallsResult> {
  const { surveyCallsRepository, placer, hotlineNumber, clock } = deps;
  const result: PlaceSurveyCallsResult = { placed: 0, deferred: 0, refused: 0, canceled: 0, lost: 0 };
  result.lost = await endLostCalls(deps);
  const due = await surveyCallsRepository.listDue(clock.now().toISOString(), BATCH);
  if (due.length === 0) return result;
  if (!isSurveyCallingHour(clock.now(), deps.timezone)) return { ...result, outsideCallingHours: true };
  if (!placer || !hotlineNumber) return { ...result, offline: true };
  for (const call of due) {
    const outcome = await placeOne(deps, placer, hotlineNumber, call);
    if (outcome !== 'skipped') result[outcome] += 1;
  }
  return result;
}

async function endLostCalls(deps: PlaceSurveyCallsDeps): Promise<number> {
  const { db, surveyCallsRepository, clock } = deps;
  const now = clock.now();
  const before = new Date(now.getTime() - UNCONFIRMED_CALL_MINUTES * 60_000).toISOString();
  let lost = 0;
  for (const call of await surveyCallsRepository.listUnconfirmed(before, BATCH)) {
    const end = { status: 'failed', sequence: null, errorCode: 'survey_call.lost', now } as const;
    if (await db.transaction().execute((trx) => endSurveyCall(deps, trx, call, end))) lost += 1;
  }
  return lost;
}

async function placeOne(
  deps: PlaceSurveyCallsDeps,
  placer: CallPlacer,
  hotlineNumber: string,
  call: SurveyCall,
): Promise<'placed' | 'deferred' | 'refused' | 'canceled' | 'skipped'> {
  const { db, casesRepository, surveyCallsRepository, clock, logger } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const claimed = await db.transaction().execute(async (trx) => {
    const found = await casesRepository.findById(call.caseId, trx);
    const windowEndsAt = found ? satisfactionWindowEndsAt(found, deps.satisfactionWindowHours) : null;
    if (!found || !awaitsSurveyAnswer(found, now, windowEndsAt)) {
      await surveyCallsRepository.cancelScheduled(trx, call.caseId, at);
      return 'canceled' as const;
    }
    return (await surveyCallsRepository.claim(trx, call.id, at))
      ? ('claimed' as const)
      : ('skipped' as const);
  });
  if (claimed !== 'claimed') return claimed;

  const urls = surveyCallUrls(deps.publicBaseUrl, call.id);
  let placed: { sid: string };
  try {
    placed = await placer.place({
      to: call.phone,
      from: hotlineNumber,
      url: urls.answer,
      statusCallback: urls.status,
    });
  } catch (error) {
    const twilio = error as { status?: number; code?: number };
    const failure = startFailureOf(twilio);
    const failedAt = clock.now();
    logger.warn(
      { surveyCallId: call.id, twilioStatus: twilio.status, twilioCode: twilio.code, err: error },
      'Twilio did not start a survey call',
    );
    const code = failure.code.replace('callback_call.', 'survey_call.');
    if (failure.status === 503) {
      const retryAt = new Date(failedAt.getTime() + DEFER_MINUTES * 60_000).toISOString();
      await db
        .transaction()
        .execute((trx) =>
          surveyCallsRepository.reschedule(trx, call.id, retryAt, code, failedAt.toISOString()),
        );
      return 'deferred';
    }
    await db.transaction().execute(async (trx) => {
      const current = (await surveyCallsRepository.findById(call.id, trx))!;
      await endSurveyCall(deps, trx, current, {
        status: 'failed',
        sequence: null,
        errorCode: code,
        now: failedAt,
      });
    });
    return 'refused';
  }

  const startedAt = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await surveyCallsRepository.setCallSid(trx, call.id, placed.sid, startedAt);
    await surveyCallsRepository.confirmQueued(trx, call.id, startedAt);
    await casesRepository.appendEvent(trx, {
      caseId: call.caseId,
      at: startedAt,
      type: 'survey_call_placed',
      actor: SURVEY_ACTOR,
      data: { callId: call.id, attempt: call.attempt },
    });
  });
  return 'placed';
}
