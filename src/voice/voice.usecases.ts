import { isValidReference } from '../cases/case-reference';
import type { OnDuty } from '../cases/cases.deps';
import { discloseCase } from '../cases/cases.lookup';
import { toCallerE164 } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import { advance, type CallPosition, type FlowInput, startPosition, stateOf } from './flow.engine';
import type { CallCaseContext } from './voice.cases';
import { ensureMessageCase } from './voice.cases';
import type { VoiceDeps } from './voice.deps';
import { type DialResult, judgeDial } from './voice.hunt';
import { renderFrom } from './voice.render';
import type { RenderFacts } from './voice.twiml';

export interface IncomingCall {
  callSid: string;
  from: string;
  to: string | null;
  callStatus: string;
}

function snapshotOf(onDuty: OnDuty) {
  return {
    primary: onDuty.primary?.id ?? null,
    backup: onDuty.backup?.id ?? null,
    supervisor: onDuty.supervisor?.id ?? null,
  };
}

/** POST /twilio/voice: log the call (once per CallSid), then greet and offer the menu. */
export async function answerCall(deps: VoiceDeps, incoming: IncomingCall): Promise<string> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const onDuty = await deps.roster.onDutyAt(at);
  const callerPhone = toCallerE164(incoming.from);
  const twiml = await deps.db.transaction().execute(async (trx) => {
    const call = await deps.callsRepository.recordOnce(trx, {
      callSid: incoming.callSid,
      from: incoming.from,
      to: incoming.to,
      language: deps.defaultLanguage,
      status: incoming.callStatus,
      onDuty: snapshotOf(onDuty),
      at: now,
    });
    const hasOpenCase = callerPhone
      ? (await deps.casesRepository.listOpenByPhone(callerPhone, trx)).length > 0
      : false;
    return renderFrom(
      { deps, trx, call, now, facts: { hasOpenCase } },
      startPosition(deps.flow, call.language as Language),
    );
  });
  // The flow may queue messages from its first state; they go out now, not at the next tick.
  deps.kickOutbox();
  return twiml;
}

export interface StepRequest {
  callSid: string;
  from: string;
  to: string | null;
  /** Null when the URL names a state the flow no longer has: the call starts over. */
  position: CallPosition | null;
  event: string | undefined;
  digits: string | undefined;
  recording: { sid: string; url: string; durationSeconds: number | null } | null;
  dial: DialResult;
}

/**
 * POST /twilio/voice/step: what the caller did at the current state (keys, a recording, a ring
 * of the hunt) becomes an input, the flow advances, and the next states are rendered.
 */
export async function continueCall(deps: VoiceDeps, request: StepRequest): Promise<string> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const known = await deps.callsRepository.findBySid(request.callSid);
  const onDuty = await deps.roster.onDutyAt(known ? new Date(known.startedAt) : at);
  const twiml = await deps.db.transaction().execute(async (trx) => {
    const call = await deps.callsRepository.recordOnce(trx, {
      callSid: request.callSid,
      from: request.from,
      to: request.to,
      language: deps.defaultLanguage,
      status: 'in-progress',
      onDuty: snapshotOf(onDuty),
      at: now,
    });
    const position = request.position ?? startPosition(deps.flow, call.language as Language);
    const context: CallCaseContext = { deps, trx, call, onDuty, now };
    const facts: RenderFacts = {};
    const input = request.position ? await interpret(context, position, request, facts) : null;
    const next = input ? advance(deps.flow, position, input, deps.categoryKeys) : position;
    const reloaded = (await deps.callsRepository.findBySid(call.callSid, trx))!;
    return renderFrom({ deps, trx, call: reloaded, now, facts }, next);
  });
  // A message left makes a case, with its receipt and the officer's alert: send them now.
  deps.kickOutbox();
  return twiml;
}

/** Turns the request at a state into the flow's input, doing what the input means on the way. */
async function interpret(
  context: CallCaseContext,
  position: CallPosition,
  request: StepRequest,
  facts: RenderFacts,
): Promise<FlowInput | null> {
  const { deps, trx, call, now } = context;
  const state = stateOf(deps.flow, position);
  switch (state.type) {
    case 'menu':
    case 'category-menu':
      return { kind: 'digits', digits: request.digits ?? '' };
    case 'record': {
      const recording = request.event === 'recorded' ? request.recording : null;
      if (recording) {
        await deps.recordingsRepository.upsert(
          trx,
          {
            recordingSid: recording.sid,
            callSid: call.callSid,
            kind: 'message',
            url: recording.url,
            durationSeconds: recording.durationSeconds,
            status: 'recorded',
          },
          now,
        );
      }
      const created = await ensureMessageCase(context, {
        language: position.language,
        category: position.category,
        missed: position.missed,
        recording: recording && { sid: recording.sid, durationSeconds: recording.durationSeconds },
      });
      facts.ref = created.ref;
      return { kind: 'event', name: recording ? 'recorded' : 'empty' };
    }
    case 'reference-entry':
      return lookUpStatus(context, position, request.digits ?? '', facts);
    case 'dial-hunt':
      return judgeDial(context, position, request.dial);
    default:
      return null;
  }
}

/** A status by phone: the check digit must hold; what the caller hears is discloseCase's decision. */
async function lookUpStatus(
  context: CallCaseContext,
  position: CallPosition,
  digits: string,
  facts: RenderFacts,
): Promise<FlowInput> {
  const { deps, trx, call, now } = context;
  const ref = digits.replace(/\D/g, '');
  if (!isValidReference(ref)) return { kind: 'event', name: 'invalid' };
  const phone = toCallerE164(call.from);
  const disclosure = await discloseCase(deps, trx, { ref, phone, channel: 'voice' });
  if (disclosure.kind === 'nothing') return { kind: 'event', name: 'invalid' };
  const told = disclosure.kind === 'result' ? disclosure.target : disclosure.found;
  facts.status = {
    ref,
    statusText: deps.templates.render(`status.${told.status}`, position.language),
    result: disclosure.kind === 'result' ? told.result : null,
  };
  if (call.outcome === null) await deps.callsRepository.update(trx, call.id, { outcome: 'status' }, now);
  return { kind: 'event', name: 'valid' };
}
