import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../shared/http';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import type { OutboxRepository } from './outbox.repository';

const statusCallbackSchema = z.object({
  MessageSid: z.string().trim().min(2).max(64),
  MessageStatus: z.string().trim().min(1).max(32),
  // Twilio sends ErrorCode only on failure; an empty value means none.
  ErrorCode: z
    .string()
    .trim()
    .max(16)
    .optional()
    .transform((value) => value || undefined),
});

/**
 * POST / — Twilio's SMS status callback, mounted at /twilio/sms/status after the body parser and
 * the signature check. It always answers 204: Twilio ignores the body, and a callback for a
 * message this outbox does not know (yet) must not make Twilio retry.
 */
export function createSmsStatusRouter(deps: {
  outboxRepository: Pick<OutboxRepository, 'applyStatusCallback'>;
  logger: Logger;
}) {
  const router = Router();
  router.post('/', async (req, res) => {
    const input = parseInput(statusCallbackSchema, req.body ?? {}, 'twilio.status_invalid');
    const result = await deps.outboxRepository.applyStatusCallback({
      messageSid: input.MessageSid,
      messageStatus: input.MessageStatus,
      errorCode: input.ErrorCode ?? null,
    });
    if (result.kept) {
      deps.logger.info(
        { messageSid: input.MessageSid, status: input.MessageStatus },
        'status callback before its send was recorded; kept until it is',
      );
    } else if (!result.message) {
      deps.logger.warn(
        { messageSid: input.MessageSid, status: input.MessageStatus },
        'status callback for an unknown message',
      );
    } else if (result.changed) {
      deps.logger.info(
        {
          outboxId: result.message.id,
          to: maskPhone(result.message.to),
          status: input.MessageStatus,
          errorCode: input.ErrorCode,
        },
        'sms status',
      );
    }
    res.status(204).end();
  });
  return router;
}
