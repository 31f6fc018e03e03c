import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { parseInput, pathForLog, routeParam } from '../../shared/http';
import type { Logger } from '../../shared/logger';
import {
  answerSurveyCall,
  recordSurveyCallStatus,
  type SurveyCallProgressDeps,
  takeSurveyKey,
} from './survey-calls.progress';
import { renderSurveyHangup } from './survey-calls.twiml';

// Twilio's webhooks for satisfaction survey calls, under /twilio/survey-calls (signature-checked
// with every other /twilio route before they get here).

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a Twilio call SID');
const optionalInt = z.coerce.number().int().min(0).optional().catch(undefined);
const callParams = z.object({ CallSid: callSid });
const gatherParams = callParams.extend({ Digits: z.string().max(16).optional() });
const statusParams = callParams.extend({
  CallStatus: z.string().min(1).max(32),
  SequenceNumber: optionalInt,
});
const idSchema = z.coerce.number().int().positive();

/** TwiML whatever happens once the input is valid: on a failure the citizen's call just ends. */
function twiml(logger: Logger, work: () => Promise<string>) {
  return async (req: Request, res: Response) => {
    let body: string;
    try {
      body = await work();
    } catch (err) {
      logger.error({ err, path: pathForLog(req) }, 'survey call webhook failed; hanging up');
      body = renderSurveyHangup();
    }
    res.type('text/xml').send(body);
  };
}

export function createSurveyCallWebhooks(deps: SurveyCallProgressDeps): Router {
  const router = Router();
  const { logger } = deps;
  const idOf = (req: Request) => parseInput(idSchema, routeParam(req, 'id'), 'voice.invalid_request');

  router.post('/:id/answer', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(callParams, req.body, 'voice.invalid_request');
    await twiml(logger, () => answerSurveyCall(deps, { id, callSid: params.CallSid }))(req, res);
  });

  router.post('/:id/gather', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(gatherParams, req.body, 'voice.invalid_request');
    await twiml(logger, () =>
      takeSurveyKey(deps, { id, callSid: params.CallSid, digits: params.Digits ?? '' }),
    )(req, res);
  });

  // Its answer is ignored, so a failure is logged for a replay.
  router.post('/:id/status', async (req, res) => {
    const id = idOf(req);
    const params = parseInput(statusParams, req.body, 'voice.invalid_request');
    await recordSurveyCallStatus(deps, {
      id,
      callSid: params.CallSid,
      status: params.CallStatus,
      sequence: params.SequenceNumber ?? null,
    }).catch((err) => logger.error({ err, id, ...params }, 'a survey call status could not be stored'));
    res.status(204).end();
  });

  return router;
}
