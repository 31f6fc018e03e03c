import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { TERMINAL_CALL_STATUSES } from '../calls/calls.models';
import type { CallsRepository } from '../calls/calls.repository';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import { lockUntilCommit } from '../shared/sql-dialect';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { CallPosition } from './flow.engine';
import type { RecordingKind, RecordingsRepository } from './recordings.repository';
import {
  attachToCallCase,
  type CallContext,
  ensureConnectedCase,
  ensureMessageCase,
  openCallbackCase,
} from './voice.cases';

/** What a call's webhooks need to find or start its row and hand the outbox what they queued. */
interface WithCallDeps {
  db: Db;
  callsRepository: CallsRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  clock: Clock;
  /** The language a call starts in, and the staff's, in which a case's description is written. */
  defaultLanguage: Language;
  kickOutbox: () => void;
}

/**
 * Runs `work` in a transaction on the call's row (created if Twilio's first word about it is this),
 * then wakes the outbox.
 */
async function withCall<T>(
  { db, callsRepository, rosterService, clock, defaultLanguage, kickOutbox }: WithCallDeps,
  identity: { callSid: string; from: string; to: string | null },
  work: (context: CallContext) => Promise<T>,
): Promise<T> {
  const at = clock.now();
  const now = at.toISOString();
  const known = await callsRepository.findBySid(identity.callSid);
  const onDuty = await rosterService.onDutyAt(known ? new Date(known.startedAt) : at);
  const result = await db.transaction().execute(async (trx) => {
    // A status callback and a gather for one call can arrive together; each must see the other's write.
    await lockUntilCommit(trx, `call:${identity.callSid}`);
    const call = await callsRepository.recordOnce(trx, {
      ...identity,
      language: defaultLanguage,
      status: 'in-progress',
      onDuty: {
        primary: onDuty.primary?.id ?? null,
        backup: onDuty.backup?.id ?? null,
        supervisor: onDuty.supervisor?.id ?? null,
      },
      at: now,
    });
    return work({ trx, call, onDuty, now });
  });
  // The work may have opened a case (a message, a call-back), whose texts go out now.
  kickOutbox();
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

export interface RecordCallStatusDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  callbacksRepository: CallbacksRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The language a call starts in, and the staff's, in which a case's description is written. */
  defaultLanguage: Language;
  kickOutbox: () => void;
  /** Hang-ups shorter than this are taken for misdials: logged as abandoned, with no call-back case. */
  abandonedCallFloorSeconds: number;
}

/**
 * Twilio's call status callback. Callbacks come twice and out of order: one with a SequenceNumber
 * not above the last seen changes nothing. The terminal one settles the outcome; a caller who hung
 * up before a message or a connection is `abandoned`, and gets a call-back case.
 */
export async function recordCallStatus(
  {
    db,
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    rosterService,
    outbox,
    templates,
    categories,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    kickOutbox,
    abandonedCallFloorSeconds,
  }: RecordCallStatusDeps,
  update: CallStatusUpdate,
): Promise<'applied' | 'stale'> {
  const opening = {
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
  };
  const webhook = { db, callsRepository, rosterService, clock, defaultLanguage, kickOutbox };
  return withCall(webhook, update, async (context) => {
    const { trx, call, now } = context;
    const terminal = TERMINAL_CALL_STATUSES.includes(update.callStatus);
    const stale =
      update.sequence === null ? terminal && call.endedAt !== null : update.sequence <= call.lastSequence;
    if (stale) return 'stale';
    if (call.endedAt !== null || !terminal) {
      await callsRepository.update(
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
    await callsRepository.update(
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
      const acceptor = (await staffRepository.findById(call.acceptedBy, trx))!;
      await ensureConnectedCase(opening, context, acceptor, call.language as Language);
      return 'applied';
    }
    if (call.outcome !== null) return 'applied';
    await callsRepository.update(trx, call.id, { outcome: 'abandoned' }, now);
    if ((update.durationSeconds ?? 0) >= abandonedCallFloorSeconds) {
      const created = await openCallbackCase({ ...opening, callbacksRepository }, context);
      if (created)
        logger.info(
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

export interface RecordCallRecordingDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  callbacksRepository: CallbacksRepository;
  recordingsRepository: RecordingsRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  /** The gazetteer, for the place a caller named before the message. */
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The language a call starts in, and the staff's, in which a case's description is written. */
  defaultLanguage: Language;
  kickOutbox: () => void;
}

/**
 * A recording is ready (or absent). A message's recording makes or completes the call's case even
 * if the record action never reached the hotline; a conversation's joins the connected case.
 */
export async function recordRecordingStatus(
  {
    db,
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    recordingsRepository,
    rosterService,
    outbox,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    kickOutbox,
  }: RecordCallRecordingDeps,
  update: RecordingUpdate,
): Promise<void> {
  if (update.status !== 'completed') return;
  const opening = {
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
  };
  const identity = { callSid: update.callSid, from: '', to: null };
  const webhook = { db, callsRepository, rosterService, clock, defaultLanguage, kickOutbox };
  await withCall(webhook, identity, async (context) => {
    const { trx, call, now } = context;
    await recordingsRepository.upsert(
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
        const acceptor = (await staffRepository.findById(call.acceptedBy, trx))!;
        const created = await ensureConnectedCase(opening, context, acceptor, call.language as Language);
        context.call = { ...call, caseId: created.id };
      }
      await attachToCallCase({ casesRepository, recordingsRepository }, context, recording);
      return;
    }
    await ensureMessageCase({ ...opening, callbacksRepository, recordingsRepository, places }, context, {
      language: update.position?.language ?? (call.language as Language),
      category: update.position?.category ?? null,
      place: update.position?.place ?? null,
      missed: update.position?.missed ?? call.missed,
      recording,
    });
  });
}

/** The fallback's record action: the message becomes a case, as on the main path. */
export async function recordFallbackMessage(
  {
    db,
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    recordingsRepository,
    rosterService,
    outbox,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    kickOutbox,
  }: RecordCallRecordingDeps,
  message: {
    callSid: string;
    from: string;
    to: string | null;
    recording: { sid: string; url: string; durationSeconds: number | null } | null;
  },
): Promise<string | null> {
  const webhook = { db, callsRepository, rosterService, clock, defaultLanguage, kickOutbox };
  return withCall(webhook, message, async (context) => {
    const { trx, call, now } = context;
    if (message.recording) {
      await recordingsRepository.upsert(
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
    const messaging = {
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
    };
    const created = await ensureMessageCase(messaging, context, {
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
