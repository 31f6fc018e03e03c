import { advancesStatus, isCallStatus, isTerminal } from '../../callbacks/calls/callback-calls.models';
import { answerSatisfaction } from '../../cases/cases.lifecycle';
import { answerAsMergedReporter } from '../../cases/cases.merge';
import type { Actor, Case } from '../../cases/cases.models';
import type { CasesRepository } from '../../cases/cases.repository';
import type { Templates } from '../../content/templates';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { RosterService } from '../../roster/roster.service';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../shared/db';
import type { Logger } from '../../shared/logger';
import type { Flow } from '../../voice/flow.schema';
import { satisfactionWindowEndsAt } from '../satisfaction.models';
import type { SurveyCallFlow } from './survey-call.flow';
import { endSurveyCall } from './survey-calls.end';
import { awaitsSurveyAnswer, readSurveyKey, type SurveyCall } from './survey-calls.models';
import type { SurveyCallsRepository } from './survey-calls.repository';
import { renderSurveyGoodbye, renderSurveyHangup, renderSurveyQuestion } from './survey-calls.twiml';
import { surveyCallUrls } from './survey-calls.urls';

// What Twilio tells about a survey call, webhook by webhook. Each is safe to receive twice and in
// any order: an attempt that ended stays ended, and its end is on the case once.

const citizenByVoice: Actor = { type: 'citizen', staffId: null, channel: 'voice' };

export interface SurveyCallProgressDeps {
  db: Db;
  casesRepository: CasesRepository;
  surveyCallsRepository: SurveyCallsRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  /** The voices of the hotline's IVR (voice-flow.json); the words are survey-call.json's. */
  voices: Pick<Flow, 'voices'>;
  surveyFlow: SurveyCallFlow;
  publicBaseUrl: string;
  satisfactionWindowHours: number;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}

/** The attempt a webhook names, with the CallSid it brings kept if the REST answer has not yet. */
async function callOf(
  { db, surveyCallsRepository, clock }: SurveyCallProgressDeps,
  id: number,
  callSid: string,
): Promise<SurveyCall | undefined> {
  const call = await surveyCallsRepository.findById(id);
  if (!call || call.status === 'scheduled') return undefined;
  if (call.callSid === null) {
    await db
      .transaction()
      .execute((trx) => surveyCallsRepository.setCallSid(trx, id, callSid, clock.now().toISOString()));
    return surveyCallsRepository.findById(id);
  }
  return call.callSid === callSid ? call : undefined;
}

function stillAwaited(deps: SurveyCallProgressDeps, found: Case | undefined): found is Case {
  if (!found) return false;
  const windowEndsAt = satisfactionWindowEndsAt(found, deps.satisfactionWindowHours);
  return awaitsSurveyAnswer(found, deps.clock.now(), windowEndsAt);
}

/** The citizen picked up: the question, naming the case digit by digit. */
export async function answerSurveyCall(
  deps: SurveyCallProgressDeps,
  request: { id: number; callSid: string },
): Promise<string> {
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return renderSurveyHangup();
  await recordSurveyCallStatus(deps, { ...request, status: 'in-progress', sequence: null });
  const found = await deps.casesRepository.findById(call.caseId);
  if (call.endedAt !== null || !stillAwaited(deps, found)) {
    return renderSurveyGoodbye(deps.voices, deps.surveyFlow, call.language, 'ended');
  }
  const actionUrl = surveyCallUrls(deps.publicBaseUrl, call.id).gather;
  return renderSurveyQuestion(deps.voices, deps.surveyFlow, call.language, call.aboutRef, actionUrl);
}

/**
 * A key (or none): 1 or 2 is the citizen's answer, recorded exactly as their text "1" or "2"
 * would be (answerSatisfaction, or answerAsMergedReporter for a merged case's reporter); anything
 * else hears the question once more, then goodbye.
 */
export async function takeSurveyKey(
  deps: SurveyCallProgressDeps,
  request: { id: number; callSid: string; digits: string },
): Promise<string> {
  const { db, casesRepository, surveyCallsRepository, outbox, templates, clock } = deps;
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return renderSurveyHangup();
  const say = (name: 'thanksSatisfied' | 'thanksUnsatisfied' | 'goodbye' | 'ended') =>
    renderSurveyGoodbye(deps.voices, deps.surveyFlow, call.language, name);
  if (call.endedAt !== null || call.outcome !== null) return say('ended');
  const key = readSurveyKey(request.digits, call.repeats);
  const now = clock.now();
  const at = now.toISOString();

  if (key.kind !== 'answer') {
    await db
      .transaction()
      .execute((trx) =>
        surveyCallsRepository.update(
          trx,
          call.id,
          { digits: request.digits || null, repeats: call.repeats + 1, updated_at: at },
          { whileLive: true },
        ),
      );
    if (key.kind === 'give_up') return say('goodbye');
    const actionUrl = surveyCallUrls(deps.publicBaseUrl, call.id).gather;
    return renderSurveyQuestion(deps.voices, deps.surveyFlow, call.language, call.aboutRef, actionUrl);
  }

  const onDuty = await deps.rosterService.onDutyAt(now);
  const recorded = await db.transaction().execute(async (trx) => {
    const found = await casesRepository.findById(call.caseId, trx);
    if (!stillAwaited(deps, found)) return false;
    const answering = { casesRepository, outbox, templates, clock };
    if (found.status === 'merged' && found.mergedInto !== null) {
      await answerAsMergedReporter(answering, trx, found, key.answer, citizenByVoice, onDuty);
    } else {
      await answerSatisfaction(answering, trx, found, key.answer, citizenByVoice, onDuty);
    }
    await surveyCallsRepository.update(
      trx,
      call.id,
      { digits: request.digits, outcome: key.answer, updated_at: at },
      { whileLive: true },
    );
    return true;
  });
  if (!recorded) return say('ended');
  deps.kickOutbox();
  return say(key.answer === 'satisfied' ? 'thanksSatisfied' : 'thanksUnsatisfied');
}

/**
 * Twilio's status callback, ordered by SequenceNumber (or the status's place in a call's life).
 * The first terminal status ends the attempt; an attempt with no answer is retried once.
 */
export async function recordSurveyCallStatus(
  deps: SurveyCallProgressDeps,
  request: { id: number; callSid: string; status: string; sequence: number | null },
): Promise<void> {
  const { db, surveyCallsRepository, clock } = deps;
  const { status } = request;
  if (!isCallStatus(status)) {
    deps.logger.warn({ surveyCallId: request.id, status }, 'ignored an unknown call status');
    return;
  }
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const current = (await surveyCallsRepository.findById(call.id, trx))!;
    // A webhook may beat the REST answer: the attempt is then still `requested`.
    const was = current.status === 'scheduled' ? 'requested' : current.status;
    const at = { status: was, statusSequence: current.statusSequence, endedAt: current.endedAt };
    if (!advancesStatus(at, { status, sequence: request.sequence })) return;
    if (isTerminal(status)) {
      await endSurveyCall(deps, trx, current, { status, sequence: request.sequence, errorCode: null, now });
      return;
    }
    await surveyCallsRepository.update(
      trx,
      call.id,
      {
        status,
        status_sequence: request.sequence ?? current.statusSequence,
        updated_at: now.toISOString(),
      },
      { whileLive: true },
    );
  });
}
