import { Router } from 'express';
import { AppError } from '../shared/errors';
import { parseInput } from '../shared/http';
import { toCallerE164 } from '../shared/phone';
import { MessagingResponse } from '../shared/twilio-parts';
import { incomingSmsSchema } from './sms.schemas';
import { type ReceiveSmsDeps, receiveSms } from './sms.usecases';

/** POST /twilio/sms. Every reply goes through the outbox, so the TwiML answer is always empty. */
export function createSmsRouter(deps: ReceiveSmsDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const params = parseInput(incomingSmsSchema, req.body, 'sms.invalid_request');
    const from = toCallerE164(params.From);
    if (!from) throw new AppError(400, 'sms.invalid_phone', 'From is not a phone number in E.164 form');
    await receiveSms(deps, {
      messageSid: params.MessageSid,
      from,
      to: params.To ?? null,
      body: params.Body,
      numMedia: params.NumMedia,
      optOutType: params.OptOutType,
    });
    res.type('text/xml').send(new MessagingResponse().toString());
  });
  return router;
}
