import { attemptResultOf, type CallAttempt, huntTargets } from '../calls/calls.models';
import { AppError } from '../shared/errors';
import { advance, type CallPosition, type FlowInput } from './flow.engine';
import type { StateOf } from './flow.schema';
import { type CallCaseContext, ensureConnectedCase } from './voice.cases';
import type { VoiceDeps } from './voice.deps';
import type { RenderContext } from './voice.render';
import { renderWhisper, renderWhisperAnswer } from './voice.twiml';
import { type CallUrls, createVoiceUrls } from './voice.urls';

type HuntState = StateOf<'dial-hunt'>;

/**
 * Entering the hunt at `position.attempt`: ring the next on-duty person (primary, backup,
 * supervisor, nobody twice), logging the attempt. With nobody left, the hunt is exhausted and the
 * call moves on (to leaving a message) flagged missed.
 */
export async function enterHunt(
  context: RenderContext,
  state: HuntState,
  position: CallPosition,
  urls: CallUrls,
): Promise<{ position: CallPosition; dial?: { phone: string; whisperUrl: string } }> {
  const { deps, trx, call, now } = context;
  const targets = huntTargets(call.onDuty, state.properties.positions);
  for (let attempt = position.attempt; attempt < targets.length; attempt += 1) {
    const target = targets[attempt];
    const staff = await deps.staffRepository.findById(target.staffId, trx);
    if (!staff?.active) continue;
    if (attempt === 0 && !call.officerRequestedAt) {
      await deps.callsRepository.update(trx, call.id, { officerRequestedAt: now }, now);
    }
    await deps.callsRepository.startAttempt(trx, {
      callId: call.id,
      attempt,
      position: target.position,
      staffId: staff.id,
      startedAt: now,
    });
    const at = { ...position, attempt };
    return { position: at, dial: { phone: staff.phone, whisperUrl: urls.whisper(at) } };
  }
  if (!call.officerRequestedAt)
    await deps.callsRepository.update(trx, call.id, { officerRequestedAt: now }, now);
  await deps.callsRepository.update(trx, call.id, { missed: true }, now);
  return { position: advance(deps.flow, position, { kind: 'event', name: 'exhausted' }, deps.categoryKeys) };
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
  context: CallCaseContext,
  position: CallPosition,
  result: DialResult,
): Promise<FlowInput> {
  const { deps, trx, call, now } = context;
  const attempt = await deps.callsRepository.findAttempt(call.id, position.attempt, trx);
  if (!attempt) return { kind: 'event', name: 'not_accepted' };
  const bridged =
    result.dialBridged === undefined ? result.dialCallStatus === 'completed' : result.dialBridged === 'true';
  const connected = attempt.result === 'accepted' && bridged;
  await deps.callsRepository.closeAttempt(trx, attempt, {
    result: attemptResultOf(result.dialCallStatus),
    at: now,
    dialCallSid: result.dialCallSid,
    dialCallStatus: result.dialCallStatus,
  });
  if (!connected) return { kind: 'event', name: 'not_accepted' };
  const acceptor = (await deps.staffRepository.findById(attempt.staffId, trx))!;
  await ensureConnectedCase(context, acceptor, position.language);
  return { kind: 'event', name: 'connected' };
}

function huntState(deps: VoiceDeps, name: string): HuntState {
  const state = deps.flow.states[name];
  if (state?.type !== 'dial-hunt')
    throw new AppError(400, 'voice.unknown_state', `${name} is not a hunt state`);
  return state;
}

async function findAttempt(
  deps: VoiceDeps,
  callSid: string,
  attempt: number,
): Promise<CallAttempt | undefined> {
  const call = await deps.callsRepository.findBySid(callSid);
  return call && deps.callsRepository.findAttempt(call.id, attempt);
}

/** The staff leg, before bridging: the whisper in the staff member's own language. */
export async function whisperTo(
  deps: VoiceDeps,
  request: { callSid: string; state: string; attempt: number },
) {
  const state = huntState(deps, request.state);
  const attempt = await findAttempt(deps, request.callSid, request.attempt);
  const staff = attempt && (await deps.staffRepository.findById(attempt.staffId));
  if (!staff) return renderWhisperAnswer(false);
  const answerUrl = createVoiceUrls(deps.publicBaseUrl, request.callSid).whisperAnswer(
    request.state,
    request.attempt,
  );
  return renderWhisper(deps.flow, state, staff.language, answerUrl);
}

/** Pressing 1 accepts the call (an empty answer bridges it); anything else hangs up the staff leg. */
export async function answerWhisper(
  deps: VoiceDeps,
  request: { callSid: string; attempt: number; digits: string },
): Promise<string> {
  if (request.digits !== '1') return renderWhisperAnswer(false);
  const now = deps.clock.now().toISOString();
  const accepted = await deps.db.transaction().execute(async (trx) => {
    const call = await deps.callsRepository.findBySid(request.callSid, trx);
    const attempt = call && (await deps.callsRepository.findAttempt(call.id, request.attempt, trx));
    if (!call || !attempt) return false;
    if (attempt.result === 'accepted') return true;
    if (!(await deps.callsRepository.acceptAttempt(trx, attempt.id, now))) return false;
    await deps.callsRepository.update(trx, call.id, { acceptedAt: now, acceptedBy: attempt.staffId }, now);
    return true;
  });
  return renderWhisperAnswer(accepted);
}
