import { Router } from 'express';
import { z } from 'zod';
import { OUTBOX_STATUSES } from '../outbox/outbox.models';
import { parseInput } from '../shared/http';
import { phoneQuerySchema, rowIdSchema } from '../shared/schemas';
import { formatTime } from '../shared/time-format';
import type { MessageCursor, MessageLogRepository } from './messages.repository';

const cursorSchema = z.string().transform((value, ctx): MessageCursor => {
  const [at, direction, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const parsedId = rowIdSchema.safeParse(/^\d+$/.test(id ?? '') ? id : undefined);
  if (!at || (direction !== 'in' && direction !== 'out') || !parsedId.success) {
    ctx.addIssue({ code: 'custom', message: 'must be the `next` of a previous page' });
    return z.NEVER;
  }
  return { at, direction, id: parsedId.data };
});

const querySchema = z.object({
  direction: z.enum(['in', 'out']).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  to: phoneQuerySchema.optional(),
  from: phoneQuerySchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorSchema.optional(),
});

const encodeCursor = (cursor: MessageCursor) =>
  Buffer.from(`${cursor.at}|${cursor.direction}|${cursor.id}`).toString('base64url');

/** GET /api/messages: the outbox and the inbox, newest first (supervisors). */
export function createMessagesRouter(deps: { messageLog: MessageLogRepository; zone: string }) {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseInput(querySchema, req.query);
    const page = await deps.messageLog.list(query);
    res.json({
      items: page.items.map((item) => ({ ...item, at: formatTime(item.at, deps.zone) })),
      next: page.next ? encodeCursor(page.next) : null,
    });
  });
  return router;
}
