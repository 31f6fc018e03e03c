import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { raiseCallbackTask, settleCallbackTasks } from '../callbacks/callbacks.tasks';
import type { Call } from '../calls/calls.models';
import type { CallsRepository } from '../calls/calls.repository';
import { openCase } from '../cases/cases.intake';
import { acknowledgeCase } from '../cases/cases.lifecycle';
import { type Actor, addHours, type Case, type OnDuty } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import type { Logger } from '../shared/logger';
import { toCallerE164 } from '../shared/phone';
import type { Language, Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { HeardPlace } from './flow.engine';
import type { RecordingsRepository } from './recordings.repository';
import { voiceText } from './voice.texts';

// Every call ends with a case when it should: a message, a connected conversation, or a call-back
// for a caller who hung up. Each function is idempotent per call, because Twilio's action and its
// callbacks can each arrive first, or twice.

/** The call a webhook is about, inside the transaction that handles it. */
export interface CallContext {
  trx: DbOrTransaction;
  call: Call;
  /** Who was on duty when the call arrived, looked up before the transaction. */
  onDuty: OnDuty;
  now: string;
}

const callerActor: Actor = { type: 'citizen', staffId: null, channel: 'voice' };

export interface MessageDetails {
  language: Language;
  category: string | null;
  /** What the caller said at the place question, if asked and answered. */
  place?: HeardPlace | null;
  missed: boolean;
  recording: { sid: string; durationSeconds: number | null } | null;
}

export interface EnsureMessageCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  callbacksRepository: CallbacksRepository;
  recordingsRepository: RecordingsRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The staff's language, in which a case's description is written. */
  defaultLanguage: Language;
}

/**
 * The place a caller named, as SMS intake sets it: the gazetteer's name in the case's language. An
 * id the gazetteer no longer has (edited mid-call) names no place.
 */
function namedPlace(places: Places, heard: HeardPlace | null | undefined, language: Language) {
  const place = heard?.placeId ? places.get(heard.placeId) : undefined;
  return { place: place?.name[language] ?? null, placeId: place?.id ?? null };
}

/** The words heard stay on the case, so triage can read what a caller said when no place matched. */
async function recordHeardPlace(
  casesRepository: CasesRepository,
  { trx, now }: CallContext,
  caseId: number,
  heard: HeardPlace | null | undefined,
  placeId: string | null,
) {
  if (!heard) return;
  await casesRepository.appendEvent(trx, {
    caseId,
    at: now,
    type: 'place_heard',
    actor: callerActor,
    data: { heard: heard.heard, confidence: heard.confidence, placeId },
  });
}

/** The case for a message left (or attempted) at the record prompt. */
export async function ensureMessageCase(
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
  }: EnsureMessageCaseDeps,
  context: CallContext,
  details: MessageDetails,
): Promise<Case> {
  const { trx, call, now } = context;
  const staffLanguage = defaultLanguage;
  const named = namedPlace(places, details.place, details.language);
  const description = details.recording
    ? voiceText('voiceMessage', staffLanguage, { seconds: details.recording.durationSeconds ?? 0 })
    : voiceText('noMessage', staffLanguage);
  const existingId = call.caseId ?? call.callbackCaseId;
  if (existingId !== null) {
    const existing = (await casesRepository.findById(existingId, trx))!;
    if (details.recording && !existing.recordingSid) {
      await attachRecording(
        { casesRepository, recordingsRepository },
        context,
        existing,
        details.recording,
        call.callbackCaseId === existingId,
      );
    }
    if (call.caseId === null) {
      await callsRepository.update(trx, call.id, { caseId: existingId, outcome: 'message' }, now);
      await casesRepository.update(trx, existingId, {
        category: details.category ?? existing.category,
        description,
        missed: details.missed || existing.missed ? 1 : 0,
        ...(named.placeId && !existing.placeId ? { place: named.place, place_id: named.placeId } : {}),
        updated_at: now,
      });
      await recordHeardPlace(casesRepository, context, existingId, details.place, named.placeId);
      // A message after all: the caller is heard, and no longer owed the call-back.
      if (details.recording) {
        await settleCallbackTasks({ casesRepository, callbacksRepository }, trx, {
          caseId: existingId,
          reason: 'abandoned_call',
          outcome: 'message_left',
          now,
        });
      }
    }
    return (await casesRepository.findById(existingId, trx))!;
  }
  const created = await openCase(
    { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
    trx,
    {
      channel: 'voice',
      phone: toCallerE164(call.from),
      language: details.language,
      category: details.category ?? 'other',
      priority: 'normal',
      description,
      actor: callerActor,
      recording: details.recording ?? undefined,
      missed: details.missed,
      callSid: call.callSid,
      ...named,
    },
    context.onDuty,
  );
  await recordHeardPlace(casesRepository, context, created.id, details.place, named.placeId);
  await callsRepository.update(
    trx,
    call.id,
    { caseId: created.id, outcome: 'message', missed: details.missed },
    now,
  );
  if (details.recording) await recordingsRepository.attachToCase(trx, details.recording.sid, created.id);
  return created;
}

interface AttachRecordingDeps {
  casesRepository: CasesRepository;
  recordingsRepository: RecordingsRepository;
}

async function attachRecording(
  { casesRepository, recordingsRepository }: AttachRecordingDeps,
  { trx, now }: CallContext,
  found: Case,
  recording: { sid: string; durationSeconds: number | null },
  convertedFromCallback: boolean,
) {
  await casesRepository.update(trx, found.id, {
    recording_sid: recording.sid,
    recording_duration: recording.durationSeconds,
    updated_at: now,
  });
  await recordingsRepository.attachToCase(trx, recording.sid, found.id);
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'recording_attached',
    actor: { type: 'system', staffId: null, channel: 'voice' },
    data: { durationSeconds: recording.durationSeconds, convertedFromCallback },
  });
}

export interface EnsureConnectedCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The staff's language, in which a case's description is written. */
  defaultLanguage: Language;
}

/** The case for a call a duty officer accepted: theirs, and they get its reference after the call. */
export async function ensureConnectedCase(
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
  acceptor: Staff,
  language: Language,
): Promise<Case> {
  const { trx, call, now } = context;
  if (call.caseId !== null) return (await casesRepository.findById(call.caseId, trx))!;
  const created = await openCase(
    { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
    trx,
    {
      channel: 'voice',
      phone: toCallerE164(call.from),
      language,
      category: 'other',
      priority: 'normal',
      description: voiceText('connected', defaultLanguage, { name: acceptor.name }),
      actor: callerActor,
      assignTo: acceptor,
      callSid: call.callSid,
    },
    context.onDuty,
  );
  await callsRepository.update(trx, call.id, { caseId: created.id, outcome: 'connected' }, now);
  // Taking the call live is acknowledging it: the officer has heard the citizen.
  return acknowledgeCase({ casesRepository, staffRepository, outbox, templates, clock }, trx, created, {
    type: 'staff',
    staffId: acceptor.id,
    channel: 'voice',
  });
}

/** Attaches the recorded conversation (or a late message recording) to the call's case. */
export async function attachToCallCase(
  { casesRepository, recordingsRepository }: AttachRecordingDeps,
  context: CallContext,
  recording: { sid: string; durationSeconds: number | null },
): Promise<void> {
  const caseId = context.call.caseId ?? context.call.callbackCaseId;
  if (caseId === null) return;
  const found = (await casesRepository.findById(caseId, context.trx))!;
  if (!found.recordingSid)
    await attachRecording({ casesRepository, recordingsRepository }, context, found, recording, false);
  else await recordingsRepository.attachToCase(context.trx, recording.sid, caseId);
}

export interface OpenCallbackCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The staff's language, in which a case's description is written. */
  defaultLanguage: Language;
}

/** A caller who hung up before a message or a connection gets called back by the primary on duty. */
export async function openCallbackCase(
  {
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    outbox,
    templates,
    categories,
    clock,
    logger,
    randomInt,
    defaultLanguage,
  }: OpenCallbackCaseDeps,
  context: CallContext,
): Promise<Case | null> {
  const { trx, call, now } = context;
  const phone = toCallerE164(call.from);
  if (!phone || call.callbackCaseId !== null || call.caseId !== null) return null;
  const created = await openCase(
    { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
    trx,
    {
      channel: 'voice',
      phone,
      language: call.language as Language,
      category: 'callback',
      priority: 'normal',
      description: voiceText('callback', defaultLanguage),
      actor: callerActor,
      receiptTemplate: 'callbackReceipt',
      missed: call.missed,
      callSid: call.callSid,
    },
    context.onDuty,
  );
  await callsRepository.update(trx, call.id, { callbackCaseId: created.id }, now);
  // The call-back itself is a task, due within the callback category's time to acknowledge.
  const { acknowledgeHours } = categories.commitment('callback', 'normal');
  await raiseCallbackTask({ casesRepository, callbacksRepository }, trx, {
    caseId: created.id,
    reason: 'abandoned_call',
    dueAt: addHours(now, acknowledgeHours),
    now,
  });
  return created;
}
