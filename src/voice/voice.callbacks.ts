import { TERMINAL_CALL_STATUSES } from '../calls/calls.models';
import { maskPhone } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import type { CallPosition } from './flow.engine';
import type { RecordingKind } from './recordings.repository';
import {
  attachToCallCase,
  type CallCaseContext,
  ensureConnectedCase,
  ensureMessageCase,
  openCallbackCase,
} from './voice.cases';
import type { VoiceDeps } from './voice.deps';

/**
 * Runs `work` in a transaction on the call's row (created if Twilio's first word about it is this),
 * then wakes the outbox.
 */
async function withCall<T>(
  deps: VoiceDeps,
  identity: { callSid: string; from: string; to: string | null },
  work: (context: CallCaseContext) => Promise<T>,
): Promise<T> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const known = await deps.callsRepository.findBySid(identity.callSid);
  const onDuty = await deps.roster.onDutyAt(known ? new Date(known.startedAt) : at);
  const result = await deps.db.transaction().execute(async (trx) => {
    const call = await deps.callsRepository.recordOnce(trx, {
      ...identity,
      language: deps.defaultLanguage,
      status: 'in-progress',
      onDuty: {
        primary: onDuty.primary?.id ?? null,
        backup: onDuty.backup?.id ?? null,
        supervisor: onDuty.supervisor?.id ?? null,
      },
      at: now,
    });
    return work({ deps, trx, call, onDuty, now });
  });
  // The work may have opened a case (a message, a call-back), whose texts go out now.
  deps.kickOutbox();
  return result;
}

export interface CallStatusUpdate {
  callSid: string;
  from: string;
  to: string | null;
  callStatus: string;
  sequence: number | null;
  durationSeconds: number | null;
}

/**
 * Twilio's call status callback. Callbacks come twice and out of order: one with a SequenceNumber
 * not above the last seen changes nothing. The terminal one settles the outcome; a caller who hung
 * up before a message or a connection is `abandoned`, and gets a call-back case.
 */
export async function recordCallStatus(
  deps: VoiceDeps,
  update: CallStatusUpdate,
): Promise<'applied' | 'stale'> {
  return withCall(deps, update, async (context) => {
    const { trx, call, now } = context;
    const terminal = TERMINAL_CALL_STATUSES.includes(update.callStatus);
    const stale =
      update.sequence === null ? terminal && call.endedAt !== null : update.sequence <= call.lastSequence;
    if (stale) return 'stale';
    if (call.endedAt !== null || !terminal) {
      await deps.callsRepository.update(
        trx,
        call.id,
        {
          lastSequence: update.sequence ?? call.lastSequence,
          ...(call.endedAt ? {} : { status: update.callStatus }),
        },
        now,
      );
      return 'applied';
    }
    await deps.callsRepository.update(
      trx,
      call.id,
      {
        status: update.callStatus,
        lastSequence: update.sequence ?? call.lastSequence,
        endedAt: now,
        durationSeconds: update.durationSeconds,
      },
      now,
    );
    if (call.acceptedBy !== null) {
      const acceptor = (await deps.staffRepository.findById(call.acceptedBy, trx))!;
      await ensureConnectedCase(context, acceptor, call.language as Language);
      return 'applied';
    }
    if (call.outcome !== null) return 'applied';
    await deps.callsRepository.update(trx, call.id, { outcome: 'abandoned' }, now);
    if ((update.durationSeconds ?? 0) >= deps.abandonedCallFloorSeconds) {
      const created = await openCallbackCase(context);
      if (created)
        deps.logger.info(
          { ref: created.ref, from: maskPhone(call.from) },
          'abandoned call: call-back case raised',
        );
    }
    return 'applied';
  });
}

export interface RecordingUpdate {
  kind: RecordingKind;
  position: CallPosition | null;
  callSid: string;
  recordingSid: string;
  url: string;
  status: string;
  durationSeconds: number | null;
}

/**
 * A recording is ready (or absent). A message's recording makes or completes the call's case even
 * if the record action never reached the hotline; a conversation's joins the connected case.
 */
export async function recordRecordingStatus(deps: VoiceDeps, update: RecordingUpdate): Promise<void> {
  if (update.status !== 'completed') return;
  await withCall(deps, { callSid: update.callSid, from: '', to: null }, async (context) => {
    const { trx, call, now } = context;
    await deps.recordingsRepository.upsert(
      trx,
      {
        recordingSid: update.recordingSid,
        callSid: update.callSid,
        kind: update.kind,
        url: update.url,
        durationSeconds: update.durationSeconds,
        status: 'completed',
      },
      now,
    );
    const recording = { sid: update.recordingSid, durationSeconds: update.durationSeconds };
    if (update.kind === 'conversation') {
      if (call.acceptedBy !== null && call.caseId === null) {
        const acceptor = (await deps.staffRepository.findById(call.acceptedBy, trx))!;
        const created = await ensureConnectedCase(context, acceptor, call.language as Language);
        context.call = { ...call, caseId: created.id };
      }
      await attachToCallCase(context, recording);
      return;
    }
    await ensureMessageCase(context, {
      language: update.position?.language ?? (call.language as Language),
      category: update.position?.category ?? null,
      missed: update.position?.missed ?? call.missed,
      recording,
    });
  });
}

/** The fallback's record action: the message becomes a case, as on the main path. */
export async function recordFallbackMessage(
  deps: VoiceDeps,
  message: {
    callSid: string;
    from: string;
    to: string | null;
    recording: { sid: string; url: string; durationSeconds: number | null } | null;
  },
): Promise<string | null> {
  return withCall(deps, message, async (context) => {
    const { trx, call, now } = context;
    if (message.recording) {
      await deps.recordingsRepository.upsert(
        trx,
        {
          recordingSid: message.recording.sid,
          callSid: call.callSid,
          kind: 'fallback',
          url: message.recording.url,
          durationSeconds: message.recording.durationSeconds,
          status: 'recorded',
        },
        now,
      );
    }
    const created = await ensureMessageCase(context, {
      language: call.language as Language,
      category: null,
      missed: false,
      recording: message.recording && {
        sid: message.recording.sid,
        durationSeconds: message.recording.durationSeconds,
      },
    });
    return created.ref;
  });
}
