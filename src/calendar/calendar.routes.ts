import { Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { AppError, notFound } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import { staffIdSchema } from '../staff/staff.schemas';
import { type CalendarFeeds, mayCreateFeed } from './calendar.usecases';

/** Mounted at /calendar with no bearer auth: the token in the path is the secret. */
export function createCalendarFeedRouter({ calendarFeeds }: { calendarFeeds: CalendarFeeds }) {
  const router = Router();
  router.get('/:token.ics', async (req, res) => {
    const body = await calendarFeeds.renderFeed(routeParam(req, 'token'));
    // Unknown and revoked look the same, so the answer tells a guesser nothing.
    if (body === undefined) throw notFound('calendar.not_found', 'No such calendar');
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', 'inline; filename="dutyline.ics"')
      .set('Cache-Control', 'private, max-age=300')
      .send(body);
  });
  return router;
}

/** Mounted under /api: creating a feed hands out a secret URL, so only admins do it, or a member for themselves. */
export function createCalendarAdminRouter({ calendarFeeds }: { calendarFeeds: CalendarFeeds }) {
  const router = Router();
  const admin = requireRole('admin');

  router.post('/staff/:id/calendar', async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    if (!mayCreateFeed(principalOf(req), id)) {
      throw new AppError(403, 'auth.forbidden', "Only an admin may make a feed of someone else's shifts");
    }
    res.status(201).json(await calendarFeeds.createFeed(id));
  });

  router.post('/roster/calendar', admin, async (_req, res) => {
    res.status(201).json(await calendarFeeds.createFeed(null));
  });

  return router;
}
