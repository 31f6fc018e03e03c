import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { CallsRepository } from '../calls/calls.repository';
import { isValidReference } from '../cases/case-reference';
import { discloseCase } from '../cases/cases.lookup';
import type { OnDuty } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import { toCallerE164 } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { MAX_HEARD_LENGTH } from './call-position';
import {
  advance,
  type CallPosition,
  type CategoryKeys,
  type FlowInput,
  type HeardPlace,
  startPosition,
  stateOf,
} from './flow.engine';
import type { Flow } from './flow.schema';
import type { RecordingsRepository } from './recordings.repository';
import { type CallContext, ensureMessageCase } from './voice.cases';
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

export interface AnswerCallDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  flow: Flow;
  categories: Categories;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
  /** The gazetteer: the place question's hints, and the place a caller names. */
  places: Places;
  publicBaseUrl: string;
  /** The BYOC trunk the hunt's staff legs go out over, if the bureau brings its carrier. */
  byocTrunkSid: string | undefined;
  clock: Clock;
  /** The language a call starts in, until the caller picks another. */
  defaultLanguage: Language;
  /** Called once the call's transaction commits, so what it queued goes out without waiting for the next tick. */
  kickOutbox: () => void;
}

/** POST /twilio/voice: log the call (once per CallSid), then greet and offer the menu. */
export async function answerCall(deps: AnswerCallDeps, incoming: IncomingCall): Promise<string> {
  // The whole of deps goes on to renderFrom, which takes what it renders with.
  const { db, casesRepository, callsRepository, rosterService, flow, clock, defaultLanguage, kickOutbox } =
    deps;
  const at = clock.now();
  const now = at.toISOString();
  const onDuty = await rosterService.onDutyAt(at);
  const callerPhone = toCallerE164(incoming.from);
  const twiml = await db.transaction().execute(async (trx) => {
    const call = await callsRepository.recordOnce(trx, {
      callSid: incoming.callSid,
      from: incoming.from,
      to: incoming.to,
      language: defaultLanguage,
      status: incoming.callStatus,
      onDuty: snapshotOf(onDuty),
      at: now,
    });
    const hasOpenCase = callerPhone ? await casesRepository.hasOpenByPhone(callerPhone, trx) : false;
    return renderFrom(
      deps,
      { trx, call, now, facts: { hasOpenCase } },
      startPosition(flow, call.language as Language),
    );
  });
  // The flow may queue messages from its first state; they go out now, not at the next tick.
  kickOutbox();
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
  /** What the recogniser heard at a speech <Gather>: SpeechResult and Confidence. */
  speech: { result: string; confidence: number | null } | null;
}

export interface ContinueCallDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  callbacksRepository: CallbacksRepository;
  recordingsRepository: RecordingsRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  flow: Flow;
  categories: Categories;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
  /** The gazetteer: the place question's hints, and the place a caller names. */
  places: Places;
  publicBaseUrl: string;
  /** The BYOC trunk the hunt's staff legs go out over, if the bureau brings its carrier. */
  byocTrunkSid: string | undefined;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The language a call starts in, and the staff's, in which a case's description is written. */
  defaultLanguage: Language;
  /** Called once the step's transaction commits, so what it queued goes out without waiting for the next tick. */
  kickOutbox: () => void;
}

/**
 * POST /twilio/voice/step: what the caller did at the current state (keys, a recording, a ring
 * of the hunt) becomes an input, the flow advances, and the next states are rendered.
 */
export async function continueCall(deps: ContinueCallDeps, request: StepRequest): Promise<string> {
  // The whole of deps goes on to interpret and renderFrom, each taking what it works with.
  const { db, callsRepository, rosterService, flow, categoryKeys, clock, defaultLanguage, kickOutbox } = deps;
  const at = clock.now();
  const now = at.toISOString();
  const known = await callsRepository.findBySid(request.callSid);
  const onDuty = await rosterService.onDutyAt(known ? new Date(known.startedAt) : at);
  const twiml = await db.transaction().execute(async (trx) => {
    const call = await callsRepository.recordOnce(trx, {
      callSid: request.callSid,
      from: request.from,
      to: request.to,
      language: defaultLanguage,
      status: 'in-progress',
      onDuty: snapshotOf(onDuty),
      at: now,
    });
    const position = request.position ?? startPosition(flow, call.language as Language);
    const context: CallContext = { trx, call, onDuty, now };
    const facts: RenderFacts = {};
    const input = request.position ? await interpret(deps, context, position, request, facts) : null;
    const next = input ? advance(flow, position, input, categoryKeys) : position;
    const reloaded = (await callsRepository.findBySid(call.callSid, trx))!;
    return renderFrom(deps, { trx, call: reloaded, now, facts }, next);
  });
  // A message left makes a case, with its receipt and the officer's alert: send them now.
  kickOutbox();
  return twiml;
}

type InterpretDeps = Pick<
  ContinueCallDeps,
  | 'casesRepository'
  | 'staffRepository'
  | 'callsRepository'
  | 'callbacksRepository'
  | 'recordingsRepository'
  | 'outbox'
  | 'templates'
  | 'flow'
  | 'categories'
  | 'places'
  | 'clock'
  | 'logger'
  | 'randomInt'
  | 'defaultLanguage'
>;

/** Turns the request at a state into the flow's input, doing what the input means on the way. */
async function interpret(
  {
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    recordingsRepository,
    outbox,
    templates,
    flow,
    categories,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
  }: InterpretDeps,
  context: CallContext,
  position: CallPosition,
  request: StepRequest,
  facts: RenderFacts,
): Promise<FlowInput | null> {
  const { trx, call, now } = context;
  const state = stateOf(flow, position);
  switch (state.type) {
    case 'menu':
    case 'category-menu':
      return { kind: 'digits', digits: request.digits ?? '' };
    case 'place-question':
      return { kind: 'speech', place: hearPlace(places, request.speech) };
    case 'record': {
      const recording = request.event === 'recorded' ? request.recording : null;
      if (recording) {
        await recordingsRepository.upsert(
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
      const created = await ensureMessageCase(
        {
          casesRepository,
          staffRepository,
          callsRepository,
          callbacksRepository,
          recordingsRepository,
          outbox,
          templates,
          categories,
          places,
          clock,
          logger,
          randomInt,
          defaultLanguage,
        },
        context,
        {
          language: position.language,
          category: position.category,
          place: position.place,
          missed: position.missed,
          recording: recording && { sid: recording.sid, durationSeconds: recording.durationSeconds },
        },
      );
      facts.ref = created.ref;
      return { kind: 'event', name: recording ? 'recorded' : 'empty' };
    }
    case 'reference-entry':
      return lookUpStatus(
        { casesRepository, callsRepository, templates },
        context,
        position,
        request.digits ?? '',
        facts,
      );
    case 'dial-hunt':
      return judgeDial(
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
        position,
        request.dial,
      );
    default:
      return null;
  }
}

/** The words said at the place question, and the gazetteer place they name (the SMS intake's matcher). */
function hearPlace(places: Places, speech: StepRequest['speech']): HeardPlace | null {
  const heard = speech?.result.trim().slice(0, MAX_HEARD_LENGTH);
  if (!speech || !heard) return null;
  return { heard, confidence: speech.confidence, placeId: places.match(heard)?.id ?? null };
}

/** A status by phone: the check digit must hold; what the caller hears is discloseCase's decision. */
async function lookUpStatus(
  {
    casesRepository,
    callsRepository,
    templates,
  }: Pick<InterpretDeps, 'casesRepository' | 'callsRepository' | 'templates'>,
  context: CallContext,
  position: CallPosition,
  digits: string,
  facts: RenderFacts,
): Promise<FlowInput> {
  const { trx, call, now } = context;
  const ref = digits.replace(/\D/g, '');
  if (!isValidReference(ref)) return { kind: 'event', name: 'invalid' };
  const phone = toCallerE164(call.from);
  const disclosure = await discloseCase({ casesRepository }, trx, { ref, phone, channel: 'voice' });
  if (disclosure.kind === 'nothing') return { kind: 'event', name: 'invalid' };
  const told = disclosure.kind === 'result' ? disclosure.target : disclosure.found;
  facts.status = {
    ref,
    statusText: templates.render(`status.${told.status}`, position.language),
    result: disclosure.kind === 'result' ? told.result : null,
  };
  if (call.outcome === null) await callsRepository.update(trx, call.id, { outcome: 'status' }, now);
  return { kind: 'event', name: 'valid' };
}
