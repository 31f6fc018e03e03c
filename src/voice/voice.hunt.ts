import { attemptResultOf, type CallAttempt, huntTargets } from '../calls/calls.models';
import type { CallsRepository } from '../calls/calls.repository';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { AppError } from '../shared/errors';
import type { StaffRepository } from '../staff/staff.repository';
import { advance, type CallPosition, type CategoryKeys, type FlowInput } from './flow.engine';
import type { Flow, StateOf } from './flow.schema';
import { type CallContext, type EnsureConnectedCaseDeps, ensureConnectedCase } from './voice.cases';
import type { RenderContext } from './voice.render';
import { renderWhisper, renderWhisperAnswer } from './voice.twiml';
import { type CallUrls, createVoiceUrls } from './voice.urls';

type HuntState = StateOf<'dial-hunt'>;

/**
 * Entering the hunt at `position.attempt`: ring the next on-duty person (primary, backup,
 * supervisor, nobody twice), logging the attempt. With nobody left, the hunt is exhausted and the
 * call moves on (to leaving a message) flagged missed.
 */
export interface EnterHuntDeps {
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  flow: Flow;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
}

export async function enterHunt(
  { staffRepository, callsRepository, flow, categoryKeys }: EnterHuntDeps,
  context: RenderContext,
  state: HuntState,
  position: CallPosition,
  urls: CallUrls,
): Promise<{ position: CallPosition; dial?: { phone: string; whisperUrl: string } }> {
  const { trx, call, now } = context;
  const targets = huntTargets(call.onDuty, state.properties.positions);
  for (let attempt = position.attempt; attempt < targets.length; attempt += 1) {
    const target = targets[attempt];
    const staff = await staffRepository.findById(target.staffId, trx);
    if (!staff?.active) continue;
    if (attempt === 0 && !call.officerRequestedAt) {
      await callsRepository.update(trx, call.id, { officerRequestedAt: now }, now);
    }
    await callsRepository.startAttempt(trx, {
      callId: call.id,
      attempt,
      position: target.position,
      staffId: staff.id,
      startedAt: now,
    });
    const at = { ...position, attempt };
    return { position: at, dial: { phone: staff.phone, whisperUrl: urls.whisper(at) } };
  }
  if (!call.officerRequestedAt) await callsRepository.update(trx, call.id, { officerRequestedAt: now }, now);
  await callsRepository.update(trx, call.id, { missed: true }, now);
  return { position: advance(flow, position, { kind: 'event', name: 'exhausted' }, categoryKeys) };
}

export interface DialResult {
  dialCallStatus?: string;
  dialCallSid?: string;
  dialBridged?: string;
}

/**
 * Judges one ring of the hunt. Only a whisper accepted with 1 and a bridged call count as
 * connected: a voicemail answers (DialCallStatus "completed") but never presses 1.
 */
export async function judgeDial(
  {
    casesRepository,
    staffRepository,
    callsRepository,
    outbox,
    templates,
    categories,
    clock,
    logger,
    randomInt,
    defaultLanguage,
  }: EnsureConnectedCaseDeps,
  context: CallContext,
  position: CallPosition,
  result: DialResult,
): Promise<FlowInput> {
  const { trx, call, now } = context;
  const attempt = await callsRepository.findAttempt(call.id, position.attempt, trx);
  if (!attempt) return { kind: 'event', name: 'not_accepted' };
  const bridged =
    result.dialBridged === undefined ? result.dialCallStatus === 'completed' : result.dialBridged === 'true';
  const connected = attempt.result === 'accepted' && bridged;
  await callsRepository.closeAttempt(trx, attempt, {
    result: attemptResultOf(result.dialCallStatus),
    at: now,
    dialCallSid: result.dialCallSid,
    dialCallStatus: result.dialCallStatus,
  });
  if (!connected) return { kind: 'event', name: 'not_accepted' };
  const acceptor = (await staffRepository.findById(attempt.staffId, trx))!;
  await ensureConnectedCase(
    {
      casesRepository,
      staffRepository,
      callsRepository,
      outbox,
      templates,
      categories,
      clock,
      logger,
      randomInt,
      defaultLanguage,
    },
    context,
    acceptor,
    position.language,
  );
  return { kind: 'event', name: 'connected' };
}

function huntState(flow: Flow, name: string): HuntState {
  const state = flow.states[name];
  if (state?.type !== 'dial-hunt')
    throw new AppError(400, 'voice.unknown_state', `${name} is not a hunt state`);
  return state;
}

async function findAttempt(
  callsRepository: CallsRepository,
  callSid: string,
  attempt: number,
): Promise<CallAttempt | undefined> {
  const call = await callsRepository.findBySid(callSid);
  return call && callsRepository.findAttempt(call.id, attempt);
}

export interface WhisperToDeps {
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  flow: Flow;
  publicBaseUrl: string;
}

/** The staff leg, before bridging: the whisper in the staff member's own language. */
export async function whisperTo(
  { staffRepository, callsRepository, flow, publicBaseUrl }: WhisperToDeps,
  request: { callSid: string; state: string; attempt: number },
) {
  const state = huntState(flow, request.state);
  const attempt = await findAttempt(callsRepository, request.callSid, request.attempt);
  const staff = attempt && (await staffRepository.findById(attempt.staffId));
  if (!staff) return renderWhisperAnswer(false);
  const answerUrl = createVoiceUrls(publicBaseUrl, request.callSid).whisperAnswer(
    request.state,
    request.attempt,
  );
  return renderWhisper(flow, state, staff.language, answerUrl);
}

export interface AnswerWhisperDeps {
  db: Db;
  callsRepository: CallsRepository;
  clock: Clock;
}

/** Pressing 1 accepts the call (an empty answer bridges it); anything else hangs up the staff leg. */
export async function answerWhisper(
  { db, callsRepository, clock }: AnswerWhisperDeps,
  request: { callSid: string; attempt: number; digits: string },
): Promise<string> {
  if (request.digits !== '1') return renderWhisperAnswer(false);
  const now = clock.now().toISOString();
  const accepted = await db.transaction().execute(async (trx) => {
    const call = await callsRepository.findBySid(request.callSid, trx);
    const attempt = call && (await callsRepository.findAttempt(call.id, request.attempt, trx));
    if (!call || !attempt) return false;
    if (attempt.result === 'accepted') return true;
    if (!(await callsRepository.acceptAttempt(trx, attempt.id, now))) return false;
    await callsRepository.update(trx, call.id, { acceptedAt: now, acceptedBy: attempt.staffId }, now);
    return true;
  });
  return renderWhisperAnswer(accepted);
}
