import type { CasesRepository } from '../../cases/cases.repository';
import type { Templates } from '../../content/templates';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../shared/db';
import type { Logger } from '../../shared/logger';
import { lockUntilCommit } from '../../shared/sql-dialect';
import type { Language } from '../../staff/staff.models';
import type { StaffRepository } from '../../staff/staff.repository';
import type { Flow } from '../../voice/flow.schema';
import {
  advancesStatus,
  type CallbackCall,
  citizenLegOf,
  isCallStatus,
  isTerminal,
} from './callback-calls.models';
import type { CallbackCallsRepository } from './callback-calls.repository';
import {
  renderCallbackGoodbye,
  renderCitizenBridge,
  renderHangup,
  renderOfficerWhisper,
} from './callback-calls.twiml';
import { callbackCallUrls } from './callback-calls.urls';

// What Twilio tells about a masked call-back, webhook by webhook. Each is safe to receive twice
// and in any order: a call that ended stays ended, and its end is logged and texted once.

export interface CallbackCallProgressDeps {
  db: Db;
  casesRepository: Pick<CasesRepository, 'findById' | 'appendEvent'>;
  staffRepository: Pick<StaffRepository, 'findById'>;
  callbackCallsRepository: CallbackCallsRepository;
  outbox: Pick<OutboxRepository, 'enqueue'>;
  templates: Templates;
  flow: Pick<Flow, 'voices'>;
  hotlineNumber: string | undefined;
  /** The BYOC trunk the citizen's leg goes out over, if the bureau brings its carrier. */
  byocTrunkSid: string | undefined;
  publicBaseUrl: string;
  defaultLanguage: Language;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}

/** The call a webhook names, with the CallSid it brings kept if the REST answer has not yet. */
async function callOf(
  { db, callbackCallsRepository, clock }: CallbackCallProgressDeps,
  id: number,
  callSid: string,
): Promise<CallbackCall | undefined> {
  const call = await callbackCallsRepository.findById(id);
  if (!call) return undefined;
  if (call.callSid === null) {
    await db
      .transaction()
      .execute((trx) => callbackCallsRepository.setCallSid(trx, id, callSid, clock.now().toISOString()));
    return callbackCallsRepository.findById(id);
  }
  // A webhook for another call on this URL is not this call's business.
  return call.callSid === callSid ? call : undefined;
}

async function languageOf(deps: CallbackCallProgressDeps, call: CallbackCall): Promise<Language> {
  return (await deps.staffRepository.findById(call.staffId))?.language ?? deps.defaultLanguage;
}

/** The officer answered: the whisper names the case and asks for 1. */
export async function answerOfficer(
  deps: CallbackCallProgressDeps,
  request: { id: number; callSid: string },
): Promise<string> {
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return renderHangup();
  const language = await languageOf(deps, call);
  if (call.endedAt !== null) return renderCallbackGoodbye(deps.flow, language, 'ended');
  await recordCallStatus(deps, { ...request, status: 'in-progress', sequence: null, durationSeconds: null });
  const found = await deps.casesRepository.findById(call.caseId);
  if (!found) return renderHangup();
  return renderOfficerWhisper(
    deps.flow,
    language,
    found.ref,
    callbackCallUrls(deps.publicBaseUrl, call.id).gather,
  );
}

/** 1 bridges the officer to the citizen under the hotline's number; anything else says goodbye. */
export async function takeOfficerKey(
  deps: CallbackCallProgressDeps,
  request: { id: number; callSid: string; digits: string },
): Promise<string> {
  const { db, callbackCallsRepository, casesRepository, clock, logger } = deps;
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return renderHangup();
  const language = await languageOf(deps, call);
  const found = await casesRepository.findById(call.caseId);
  if (call.endedAt !== null || !found?.phone || !deps.hotlineNumber) {
    return renderCallbackGoodbye(deps.flow, language, 'ended');
  }
  const now = clock.now().toISOString();
  const dialing = request.digits === '1';
  await db
    .transaction()
    .execute((trx) =>
      callbackCallsRepository.update(
        trx,
        call.id,
        { officer_digits: request.digits, ...(dialing ? { citizen_dialed: 1 } : {}), updated_at: now },
        { whileLive: true },
      ),
    );
  if (!dialing) {
    logger.info(
      { callId: call.id, ref: found.ref, digits: request.digits || null },
      'the officer did not press 1; the masked call-back ends without calling the citizen',
    );
    return renderCallbackGoodbye(deps.flow, language, 'goodbye');
  }
  const urls = callbackCallUrls(deps.publicBaseUrl, call.id);
  return renderCitizenBridge(deps.flow, language, {
    hotlineNumber: deps.hotlineNumber,
    citizenPhone: found.phone,
    actionUrl: urls.dial,
    recordingUrl: urls.recording,
    byocTrunkSid: deps.byocTrunkSid,
  });
}

/** The <Dial> ended: how the citizen's leg went. Its recording may come with it or later. */
export async function recordCitizenLeg(
  deps: CallbackCallProgressDeps,
  request: {
    id: number;
    callSid: string;
    dialCallStatus: string | undefined;
    dialCallSid: string | undefined;
    dialCallDuration: number | undefined;
    recording: { sid: string; url: string; durationSeconds: number | null } | null;
  },
): Promise<string> {
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return renderHangup();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute((trx) =>
    deps.callbackCallsRepository.update(trx, call.id, {
      citizen_status: request.dialCallStatus ?? null,
      citizen_call_sid: request.dialCallSid ?? null,
      citizen_duration_seconds: request.dialCallDuration ?? null,
      ...(request.recording ? recordingColumns(request.recording) : {}),
      updated_at: now,
    }),
  );
  return renderHangup();
}

function recordingColumns(recording: { sid: string; url: string; durationSeconds: number | null }) {
  return {
    recording_sid: recording.sid,
    recording_url: recording.url,
    recording_duration_seconds: recording.durationSeconds,
  };
}

/** The conversation's recording is ready (or absent, when nobody answered). */
export async function recordCallbackRecording(
  deps: CallbackCallProgressDeps,
  request: {
    id: number;
    callSid: string;
    status: string;
    recording: { sid: string; url: string; durationSeconds: number | null };
  },
): Promise<void> {
  const call = await callOf(deps, request.id, request.callSid);
  if (!call || request.status !== 'completed') return;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute((trx) =>
    deps.callbackCallsRepository.update(trx, call.id, {
      ...recordingColumns(request.recording),
      updated_at: now,
    }),
  );
}

/**
 * Twilio's status callback. The first terminal status ends the call: the end goes on the case and,
 * when the citizen was dialed, the officer is asked by text to mark whether they reached them
 * (CALLED / NOANSWER, as for any call-back).
 */
export async function recordCallStatus(
  deps: CallbackCallProgressDeps,
  request: {
    id: number;
    callSid: string;
    status: string;
    sequence: number | null;
    durationSeconds: number | null;
  },
): Promise<void> {
  const { db, callbackCallsRepository, casesRepository, staffRepository, outbox, templates, clock } = deps;
  const { status } = request;
  if (!isCallStatus(status)) {
    deps.logger.warn({ callId: request.id, status }, 'ignored an unknown call status');
    return;
  }
  const call = await callOf(deps, request.id, request.callSid);
  if (!call) return;
  const now = clock.now().toISOString();
  const texted = await db.transaction().execute(async (trx) => {
    // `ringing` and `completed` can arrive together; each must see the other's write.
    await lockUntilCommit(trx, `callback-call:${call.id}`);
    const current = (await callbackCallsRepository.findById(call.id, trx))!;
    if (!advancesStatus(current, { status, sequence: request.sequence })) return false;
    const ends = isTerminal(status);
    const changed = await callbackCallsRepository.update(
      trx,
      call.id,
      {
        status,
        status_sequence: request.sequence ?? current.statusSequence,
        ...(ends ? { ended_at: now, duration_seconds: request.durationSeconds } : {}),
        updated_at: now,
      },
      { whileLive: true },
    );
    if (!changed || !ends) return false;
    await casesRepository.appendEvent(trx, {
      caseId: call.caseId,
      at: now,
      type: 'callback_call_ended',
      actor: { type: 'system', staffId: null, channel: 'voice' },
      data: {
        callId: call.id,
        staffId: call.staffId,
        status,
        citizenLeg: citizenLegOf(current),
        durationSeconds: request.durationSeconds,
      },
    });
    if (!current.citizenDialed) return false;
    const [found, officer] = await Promise.all([
      casesRepository.findById(call.caseId, trx),
      staffRepository.findById(call.staffId, trx),
    ]);
    if (!found || !officer) return false;
    await outbox.enqueue(trx, {
      to: officer.phone,
      purpose: 'callback_call_ended',
      caseId: found.id,
      staffId: officer.id,
      body: templates.render('callbackCallEnded', officer.language, { ref: found.ref }),
    });
    return true;
  });
  if (texted) deps.kickOutbox();
}
