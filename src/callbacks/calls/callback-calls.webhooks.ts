import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { parseInput, pathForLog, routeParam } from '../../shared/http';
import type { Logger } from '../../shared/logger';
import {
  answerOfficer,
  type CallbackCallProgressDeps,
  recordCallbackRecording,
  recordCallStatus,
  recordCitizenLeg,
  takeOfficerKey,
} from './callback-calls.progress';
import { renderHangup } from './callback-calls.twiml';

// Twilio's webhooks for masked call-backs, under /twilio/callback-calls (signature-checked with
// every other /twilio route before they get here).

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a Twilio call SID');
const optionalInt = z.coerce.number().int().min(0).optional().catch(undefined);
const callParams = z.object({ CallSid: callSid });
const gatherParams = callParams.extend({ Digits: z.string().max(16).optional() });
const dialParams = callParams.extend({
  DialCallStatus: z.string().max(32).optional(),
  DialCallSid: z.string().max(64).optional(),
  DialCallDuration: optionalInt,
  RecordingSid: z.string().max(64).optional(),
  RecordingUrl: z.string().url().max(512).optional(),
  RecordingDuration: optionalInt,
});
const recordingParams = callParams.extend({
  RecordingSid: z.string().min(2).max(64),
  RecordingUrl: z.string().url().max(512),
  RecordingStatus: z.string().min(1).max(32),
  RecordingDuration: optionalInt,
});
const statusParams = callParams.extend({
  CallStatus: z.string().min(1).max(32),
  CallDuration: optionalInt,
  SequenceNumber: optionalInt,
});
const idSchema = z.coerce.number().int().positive();

export interface CallbackCallWebhookEdge {
  /** The recording fetcher's rule: only a RecordingUrl it would fetch is stored. */
  allowsRecordingUrl(url: string): boolean;
}

/** TwiML whatever happens once the input is valid: on a failure the officer's leg just hangs up. */
function twiml(logger: Logger, work: (req: Request) => Promise<string>) {
  return async (req: Request, res: Response) => {
    let body: string;
    try {
      body = await work(req);
    } catch (err) {
      logger.error({ err, path: pathForLog(req) }, 'masked call-back webhook failed; hanging up');
      body = renderHangup();
    }
    res.type('text/xml').send(body);
  };
}

export function createCallbackCallWebhooks(
  deps: CallbackCallProgressDeps,
  edge: CallbackCallWebhookEdge,
): Router {
  const router = Router();
  const { logger } = deps;
  const idOf = (req: Request) => parseInput(idSchema, routeParam(req, 'id'), 'voice.invalid_request');
  const trusted = (url: string) => {
    if (edge.allowsRecordingUrl(url)) return true;
    logger.warn({ recordingHost: new URL(url).host }, "ignored a RecordingUrl that is not on Twilio's API");
    return false;
  };

  router.post('/:id/answer', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(callParams, req.body, 'voice.invalid_request');
    await twiml(logger, () => answerOfficer(deps, { id, callSid: params.CallSid }))(req, res);
  });

  router.post('/:id/gather', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(gatherParams, req.body, 'voice.invalid_request');
    await twiml(logger, () =>
      takeOfficerKey(deps, { id, callSid: params.CallSid, digits: params.Digits ?? '' }),
    )(req, res);
  });

  router.post('/:id/dial', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(dialParams, req.body, 'voice.invalid_request');
    const recording =
      params.RecordingSid && params.RecordingUrl && trusted(params.RecordingUrl)
        ? {
            sid: params.RecordingSid,
            url: params.RecordingUrl,
            durationSeconds: params.RecordingDuration ?? null,
          }
        : null;
    await twiml(logger, () =>
      recordCitizenLeg(deps, {
        id,
        callSid: params.CallSid,
        dialCallStatus: params.DialCallStatus,
        dialCallSid: params.DialCallSid,
        dialCallDuration: params.DialCallDuration,
        recording,
      }),
    )(req, res);
  });

  // Status and recording callbacks: their answer is ignored, so a failure is logged for a replay.
  router.post('/:id/recording', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(recordingParams, req.body, 'voice.invalid_request');
    if (trusted(params.RecordingUrl)) {
      await recordCallbackRecording(deps, {
        id,
        callSid: params.CallSid,
        status: params.RecordingStatus,
        recording: {
          sid: params.RecordingSid,
          url: params.RecordingUrl,
          durationSeconds: params.RecordingDuration ?? null,
        },
      }).catch((err) => logger.error({ err, id, ...params }, 'a call-back recording could not be stored'));
    }
    res.status(204).end();
  });

  router.post('/:id/status', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(statusParams, req.body, 'voice.invalid_request');
    await recordCallStatus(deps, {
      id,
      callSid: params.CallSid,
      status: params.CallStatus,
      sequence: params.SequenceNumber ?? null,
      durationSeconds: params.CallDuration ?? null,
    }).catch((err) => logger.error({ err, id, ...params }, 'a call-back status could not be stored'));
    res.status(204).end();
  });

  return router;
}
