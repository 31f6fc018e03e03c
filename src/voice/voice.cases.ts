import { raiseCallbackTask, settleCallbackTasks } from '../callbacks/callbacks.tasks';
import type { Call } from '../calls/calls.models';
import type { OnDuty } from '../cases/cases.deps';
import { openCase } from '../cases/cases.intake';
import { acknowledgeCase } from '../cases/cases.lifecycle';
import { type Actor, addHours, type Case } from '../cases/cases.models';
import type { DbOrTransaction } from '../shared/db';
import { toCallerE164 } from '../shared/phone';
import type { Language, Staff } from '../staff/staff.models';
import type { VoiceDeps } from './voice.deps';
import { voiceText } from './voice.texts';

// Every call ends with a case when it should: a message, a connected conversation, or a call-back
// for a caller who hung up. Each function is idempotent per call, because Twilio's action and its
// callbacks can each arrive first, or twice.

export interface CallCaseContext {
  deps: VoiceDeps;
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
  missed: boolean;
  recording: { sid: string; durationSeconds: number | null } | null;
}

/** The case for a message left (or attempted) at the record prompt. */
export async function ensureMessageCase(context: CallCaseContext, details: MessageDetails): Promise<Case> {
  const { deps, trx, call, now } = context;
  const staffLanguage = deps.defaultLanguage;
  const description = details.recording
    ? voiceText('voiceMessage', staffLanguage, { seconds: details.recording.durationSeconds ?? 0 })
    : voiceText('noMessage', staffLanguage);
  const existingId = call.caseId ?? call.callbackCaseId;
  if (existingId !== null) {
    const existing = (await deps.casesRepository.findById(existingId, trx))!;
    if (details.recording && !existing.recordingSid) {
      await attachRecording(context, existing, details.recording, call.callbackCaseId === existingId);
    }
    if (call.caseId === null) {
      await deps.callsRepository.update(trx, call.id, { caseId: existingId, outcome: 'message' }, now);
      await deps.casesRepository.update(trx, existingId, {
        category: details.category ?? existing.category,
        description,
        missed: details.missed || existing.missed ? 1 : 0,
        updated_at: now,
      });
      // A message after all: the caller is heard, and no longer owed the call-back.
      if (details.recording) {
        await settleCallbackTasks(deps, trx, {
          caseId: existingId,
          reason: 'abandoned_call',
          outcome: 'message_left',
          now,
        });
      }
    }
    return (await deps.casesRepository.findById(existingId, trx))!;
  }
  const created = await openCase(
    deps,
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
    },
    context.onDuty,
  );
  await deps.callsRepository.update(
    trx,
    call.id,
    { caseId: created.id, outcome: 'message', missed: details.missed },
    now,
  );
  if (details.recording) await deps.recordingsRepository.attachToCase(trx, details.recording.sid, created.id);
  return created;
}

async function attachRecording(
  context: CallCaseContext,
  found: Case,
  recording: { sid: string; durationSeconds: number | null },
  convertedFromCallback: boolean,
) {
  const { deps, trx, now } = context;
  await deps.casesRepository.update(trx, found.id, {
    recording_sid: recording.sid,
    recording_duration: recording.durationSeconds,
    updated_at: now,
  });
  await deps.recordingsRepository.attachToCase(trx, recording.sid, found.id);
  await deps.casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'recording_attached',
    actor: { type: 'system', staffId: null, channel: 'voice' },
    data: { durationSeconds: recording.durationSeconds, convertedFromCallback },
  });
}

/** The case for a call a duty officer accepted: theirs, and they get its reference after the call. */
export async function ensureConnectedCase(
  context: CallCaseContext,
  acceptor: Staff,
  language: Language,
): Promise<Case> {
  const { deps, trx, call, now } = context;
  if (call.caseId !== null) return (await deps.casesRepository.findById(call.caseId, trx))!;
  const created = await openCase(
    deps,
    trx,
    {
      channel: 'voice',
      phone: toCallerE164(call.from),
      language,
      category: 'other',
      priority: 'normal',
      description: voiceText('connected', deps.defaultLanguage, { name: acceptor.name }),
      actor: callerActor,
      assignTo: acceptor,
      callSid: call.callSid,
    },
    context.onDuty,
  );
  await deps.callsRepository.update(trx, call.id, { caseId: created.id, outcome: 'connected' }, now);
  // Taking the call live is acknowledging it: the officer has heard the citizen.
  return acknowledgeCase(deps, trx, created, { type: 'staff', staffId: acceptor.id, channel: 'voice' });
}

/** Attaches the recorded conversation (or a late message recording) to the call's case. */
export async function attachToCallCase(
  context: CallCaseContext,
  recording: { sid: string; durationSeconds: number | null },
): Promise<void> {
  const caseId = context.call.caseId ?? context.call.callbackCaseId;
  if (caseId === null) return;
  const found = (await context.deps.casesRepository.findById(caseId, context.trx))!;
  if (!found.recordingSid) await attachRecording(context, found, recording, false);
  else await context.deps.recordingsRepository.attachToCase(context.trx, recording.sid, caseId);
}

/** A caller who hung up before a message or a connection gets called back by the primary on duty. */
export async function openCallbackCase(context: CallCaseContext): Promise<Case | null> {
  const { deps, trx, call, now } = context;
  const phone = toCallerE164(call.from);
  if (!phone || call.callbackCaseId !== null || call.caseId !== null) return null;
  const created = await openCase(
    deps,
    trx,
    {
      channel: 'voice',
      phone,
      language: call.language as Language,
      category: 'callback',
      priority: 'normal',
      description: voiceText('callback', deps.defaultLanguage),
      actor: callerActor,
      receiptTemplate: 'callbackReceipt',
      missed: call.missed,
      callSid: call.callSid,
    },
    context.onDuty,
  );
  await deps.callsRepository.update(trx, call.id, { callbackCaseId: created.id }, now);
  // The call-back itself is a task, due within the callback category's time to acknowledge.
  const { acknowledgeHours } = deps.categories.commitment('callback', 'normal');
  await raiseCallbackTask(deps, trx, {
    caseId: created.id,
    reason: 'abandoned_call',
    dueAt: addHours(now, acknowledgeHours),
    now,
  });
  return created;
}
