import { type Request, type Response, Router } from 'express';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { CallsRepository } from '../calls/calls.repository';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { parseInput, pathForLog } from '../shared/http';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { decodePosition } from './call-position';
import type { CategoryKeys } from './flow.engine';
import type { Flow } from './flow.schema';
import type { RecordingsRepository } from './recordings.repository';
import { readCallAddress } from './sip-address';
import { recordCallStatus, recordFallbackMessage, recordRecordingStatus } from './voice.callbacks';
import { renderFallback, renderFallbackThanks } from './voice.fallback';
import { answerWhisper, whisperTo } from './voice.hunt';
import {
  callParamsSchema,
  recordingParamsSchema,
  statusParamsSchema,
  stepParamsSchema,
  whisperQuerySchema,
} from './voice.schemas';
import { renderWhisperAnswer } from './voice.twiml';
import { answerCall, continueCall } from './voice.usecases';

/**
 * Answers with TwiML whatever happens after the input is valid: if the work fails (the database,
 * a bug), the caller hears the fallback, which still takes a message. No error page ever reaches
 * a caller.
 */
function twiml(logger: Logger, fallback: () => string, work: (req: Request) => Promise<string>) {
  return async (req: Request, res: Response) => {
    let body: string;
    try {
      body = await work(req);
    } catch (err) {
      logger.error({ err, path: pathForLog(req) }, 'voice handler failed; answering with the fallback');
      body = fallback();
    }
    res.type('text/xml').send(body);
  };
}

/** What the voice webhooks need from the HTTP edge, besides the use cases' dependencies. */
export interface VoiceEdge {
  /** The recording fetcher's rule: only a RecordingUrl it would fetch is stored. */
  allowsRecordingUrl(url: string): boolean;
  webhookFailures?: { inc(labels: { webhook: string }): void };
}

/**
 * Twilio retries a callback that fails, and a status callback's answer is ignored: when its facts
 * cannot be stored (the database is down), it is answered 204 anyway, and the error log carries what
 * an operator needs to replay it by hand.
 */
async function settleCallback(
  edge: VoiceEdge,
  logger: Logger,
  failure: { webhook: string; message: string; replay: Record<string, unknown> },
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger.error({ err, ...failure.replay }, failure.message);
    edge.webhookFailures?.inc({ webhook: failure.webhook });
  }
}

/** Everything the voice webhooks' use cases touch, which the container assembles once. */
export interface VoiceDeps {
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
  flow: Flow;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
  /** The gazetteer: the place question's hints, and the place a caller names. */
  places: Places;
  publicBaseUrl: string;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  /** The language a call starts in, and the staff's, in which a case's description is written. */
  defaultLanguage: Language;
  kickOutbox: () => void;
  /** Hang-ups shorter than this are taken for misdials: logged as abandoned, with no call-back case. */
  abandonedCallFloorSeconds: number;
  /** Where a national number in a SIP From/To (a BYOC trunk's) belongs. */
  homeCountry: CountryCode | undefined;
  /** The BYOC trunk every staff leg of the hunt goes out over; without one, Twilio's own carriers. */
  byocTrunkSid: string | undefined;
}

export function createVoiceRouter(deps: VoiceDeps, edge: VoiceEdge): Router {
  const router = Router();
  const { logger } = deps;

  /** Whether a webhook's RecordingUrl may be kept; a foreign one is dropped with a warning. */
  function trustRecordingUrl(callSid: string, recordingSid: string, url: string): boolean {
    if (edge.allowsRecordingUrl(url)) return true;
    logger.warn(
      { callSid, recordingSid, recordingHost: new URL(url).host },
      "ignored a RecordingUrl that is not on Twilio's API",
    );
    return false;
  }

  /** The recording an action request reports, if any. */
  function recordingOf(params: {
    CallSid: string;
    RecordingSid?: string;
    RecordingUrl?: string;
    RecordingDuration?: number;
  }) {
    if (!params.RecordingSid || !params.RecordingUrl) return null;
    if (!trustRecordingUrl(params.CallSid, params.RecordingSid, params.RecordingUrl)) return null;
    return {
      sid: params.RecordingSid,
      url: params.RecordingUrl,
      durationSeconds: params.RecordingDuration ?? null,
    };
  }

  const fallback = () => renderFallback(deps.publicBaseUrl);
  // Every voice webhook reads the parties here, so a SIP address from a trunk is a number everywhere.
  const callOf = (params: { CallSid: string; From: string; To?: string }) => ({
    callSid: params.CallSid,
    from: readCallAddress(params.From, deps.homeCountry),
    to: params.To === undefined ? null : readCallAddress(params.To, deps.homeCountry),
  });

  router.post('/', async (req, res) => {
    const params = parseInput(callParamsSchema, req.body, 'voice.invalid_request');
    await twiml(logger, fallback, () =>
      answerCall(deps, { ...callOf(params), callStatus: params.CallStatus }),
    )(req, res);
  });

  router.post('/step', async (req, res) => {
    const params = parseInput(stepParamsSchema, req.body, 'voice.invalid_request');
    const query = req.query as Record<string, string>;
    await twiml(logger, fallback, () =>
      continueCall(deps, {
        ...callOf(params),
        position: decodePosition(deps.flow, query),
        event: typeof query.e === 'string' ? query.e : undefined,
        digits: params.Digits,
        recording: recordingOf(params),
        dial: {
          dialCallStatus: params.DialCallStatus,
          dialCallSid: params.DialCallSid,
          dialBridged: params.DialBridged,
        },
        speech:
          params.SpeechResult === undefined
            ? null
            : { result: params.SpeechResult, confidence: params.Confidence ?? null },
      }),
    )(req, res);
  });

  // The staff leg. A failure here hangs up the staff leg, so the hunt moves on to the next person.
  const hangUp = () => renderWhisperAnswer(false);
  router.post('/whisper', async (req, res) => {
    const query = parseInput(whisperQuerySchema, req.query, 'voice.invalid_request');
    await twiml(logger, hangUp, () =>
      whisperTo(deps, { callSid: query.call, state: query.s, attempt: query.a }),
    )(req, res);
  });
  router.post('/whisper/answer', async (req, res) => {
    const query = parseInput(whisperQuerySchema, req.query, 'voice.invalid_request');
    const digits = typeof req.body?.Digits === 'string' ? req.body.Digits : '';
    await twiml(logger, hangUp, () => answerWhisper(deps, { callSid: query.call, attempt: query.a, digits }))(
      req,
      res,
    );
  });

  router.post('/recording', async (req, res) => {
    const params = parseInput(recordingParamsSchema, req.body, 'voice.invalid_request');
    const query = req.query as Record<string, string>;
    const kind = query.kind === 'conversation' || query.kind === 'fallback' ? query.kind : 'message';
    if (!trustRecordingUrl(params.CallSid, params.RecordingSid, params.RecordingUrl)) {
      res.status(204).end();
      return;
    }
    const replay = {
      callSid: params.CallSid,
      recordingSid: params.RecordingSid,
      recordingUrl: params.RecordingUrl,
      recordingStatus: params.RecordingStatus,
      recordingDuration: params.RecordingDuration ?? null,
      kind,
      query: req.query,
    };
    await settleCallback(
      edge,
      logger,
      {
        webhook: 'voice_recording',
        message: 'a recording callback could not be recorded; replay it by hand',
        replay,
      },
      () =>
        recordRecordingStatus(deps, {
          kind,
          position: decodePosition(deps.flow, query),
          callSid: params.CallSid,
          recordingSid: params.RecordingSid,
          url: params.RecordingUrl,
          status: params.RecordingStatus,
          durationSeconds: params.RecordingDuration ?? null,
        }),
    );
    res.status(204).end();
  });

  router.post('/status', async (req, res) => {
    const params = parseInput(statusParamsSchema, req.body, 'voice.invalid_request');
    const call = callOf(params);
    const replay = {
      callSid: params.CallSid,
      callStatus: params.CallStatus,
      sequenceNumber: params.SequenceNumber ?? null,
      callDuration: params.CallDuration ?? null,
      from: maskPhone(call.from),
      to: call.to,
    };
    await settleCallback(
      edge,
      logger,
      {
        webhook: 'voice_status',
        message: 'a call status callback could not be recorded; replay it by hand',
        replay,
      },
      () =>
        recordCallStatus(deps, {
          ...call,
          callStatus: params.CallStatus,
          sequence: params.SequenceNumber ?? null,
          durationSeconds: params.CallDuration ?? null,
        }),
    );
    res.status(204).end();
  });

  // Twilio's "primary handler fails" URL: static, no database, and it still takes a message.
  router.post('/fallback', (_req, res) => {
    res.type('text/xml').send(fallback());
  });
  router.post('/fallback/recorded', async (req, res) => {
    const params = parseInput(stepParamsSchema, req.body, 'voice.invalid_request');
    await twiml(
      logger,
      () => renderFallbackThanks(null),
      async () => {
        const ref = await recordFallbackMessage(deps, {
          ...callOf(params),
          recording: recordingOf(params),
        });
        return renderFallbackThanks(ref);
      },
    )(req, res);
  });

  return router;
}
