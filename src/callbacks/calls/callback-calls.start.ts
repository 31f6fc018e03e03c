import type { Principal } from '../../auth/auth.middleware';
import { actorOf, assertVisible } from '../../cases/cases.access';
import type { Case, EventChannel } from '../../cases/cases.models';
import type { CasesRepository } from '../../cases/cases.repository';
import type { Clock } from '../../shared/clock';
import type { Db, DbOrTransaction } from '../../shared/db';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { StaffRepository } from '../../staff/staff.repository';
import type { CallPlacer } from './call-placer';
import { type CallbackCall, isCallStatus, isStale, startFailureOf } from './callback-calls.models';
import type { CallbackCallsRepository } from './callback-calls.repository';
import { callbackCallUrls } from './callback-calls.urls';

export interface StartCallbackCallDeps {
  db: Db;
  casesRepository: Pick<CasesRepository, 'findByRef' | 'appendEvent'>;
  staffRepository: Pick<StaffRepository, 'findById'>;
  callbackCallsRepository: CallbackCallsRepository;
  /** Undefined in offline mode (no Twilio credentials or no hotline number). */
  placer: CallPlacer | undefined;
  hotlineNumber: string | undefined;
  publicBaseUrl: string;
  clock: Clock;
  logger: Logger;
}

/** A live row left by a server that stopped mid-call no longer blocks the case: it is closed as lost. */
async function closeStale(
  { callbackCallsRepository }: Pick<StartCallbackCallDeps, 'callbackCallsRepository'>,
  trx: DbOrTransaction,
  live: CallbackCall,
  now: string,
): Promise<void> {
  await callbackCallsRepository.update(
    trx,
    live.id,
    { ended_at: now, error_code: 'callback_call.lost', updated_at: now },
    { whileLive: true },
  );
}

/**
 * Starts a masked call-back on a case (SPEC §18): Twilio rings the officer asking, from the
 * hotline's number; their whisper then bridges them to the citizen. The attempt is stored before
 * Twilio is asked, so a refusal is on the case too; Twilio is asked outside any transaction.
 */
export async function startCallbackCall(
  deps: StartCallbackCallDeps,
  ref: string,
  principal: Principal,
  channel: EventChannel = 'api',
): Promise<{ found: Case; call: CallbackCall }> {
  const { db, casesRepository, staffRepository, callbackCallsRepository, placer, hotlineNumber } = deps;
  const { publicBaseUrl, clock, logger } = deps;
  if (principal.kind !== 'staff') {
    throw new AppError(403, 'callback_call.staff_only', 'Only a staff member with a phone can be called');
  }
  const officer = await staffRepository.findById(principal.staffId);
  if (!officer?.active)
    throw new AppError(403, 'auth.forbidden', 'Only active staff can call a citizen back');
  const actor = actorOf(principal, channel);
  const now = clock.now();
  const at = now.toISOString();

  const { found, call } = await db.transaction().execute(async (trx) => {
    const found = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
    if (!found.phone) {
      throw new AppError(409, 'callback_call.no_phone', `Case ${ref} has no citizen phone to call back`);
    }
    if (!placer || !hotlineNumber) {
      throw new AppError(
        503,
        'callback_call.offline',
        'Calls cannot be made in offline mode (no Twilio account)',
      );
    }
    const inProgress = () =>
      new AppError(409, 'callback_call.in_progress', `A call-back on case ${ref} is already under way`);
    const live = await callbackCallsRepository.findLive(trx, found.id);
    if (live && !isStale(live, now)) throw inProgress();
    if (live) await closeStale(deps, trx, live, at);
    const call = await callbackCallsRepository.insert(trx, {
      caseId: found.id,
      staffId: officer.id,
      now: at,
    });
    if (!call) throw inProgress();
    return { found, call };
  });

  const urls = callbackCallUrls(publicBaseUrl, call.id);
  let placed: { sid: string; status: string };
  try {
    placed = await placer!.place({
      to: officer.phone,
      from: hotlineNumber!,
      url: urls.answer,
      statusCallback: urls.status,
    });
  } catch (error) {
    const twilio = error as { status?: number; code?: number; message?: string };
    const failure = startFailureOf(twilio);
    const failedAt = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await callbackCallsRepository.update(trx, call.id, {
        status: 'failed',
        error_code: failure.code,
        ended_at: failedAt,
        updated_at: failedAt,
      });
      await casesRepository.appendEvent(trx, {
        caseId: found.id,
        at: failedAt,
        type: 'callback_call_failed',
        actor,
        data: {
          callId: call.id,
          code: failure.code,
          twilioStatus: twilio.status ?? null,
          twilioCode: twilio.code ?? null,
        },
      });
    });
    logger.warn(
      { ref, callId: call.id, twilioStatus: twilio.status, twilioCode: twilio.code, err: error },
      'Twilio did not start a masked call-back',
    );
    const answered = twilio.status ? `Twilio answered ${twilio.status}` : 'Twilio did not answer';
    throw new AppError(
      failure.status,
      failure.code,
      `${answered}${twilio.code ? ` (error ${twilio.code})` : ''}; the call was not started, try again shortly`,
    );
  }

  const startedAt = clock.now().toISOString();
  const started = await db.transaction().execute(async (trx) => {
    await callbackCallsRepository.setCallSid(trx, call.id, placed.sid, startedAt);
    await callbackCallsRepository.confirmQueued(
      trx,
      call.id,
      isCallStatus(placed.status) ? placed.status : 'queued',
      startedAt,
    );
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: startedAt,
      type: 'callback_call_started',
      actor,
      data: { callId: call.id, staffId: officer.id },
    });
    return (await callbackCallsRepository.findById(call.id, trx))!;
  });
  return { found, call: started };
}
