import express from 'express';
import request from 'supertest';
import { createErrorHandler } from '../../src/shared/http';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { expectError } from './api-helpers';
import { appLoggingTo, captureLogs } from './log-capture';

describe('error logs never carry a calendar feed’s secret token', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  it('a feed that fails logs the error with the path redacted', async () => {
    const created = await ctx.api('post', '/api/roster/calendar');
    expect(created.status).toBe(201);
    const url = new URL(created.body.url as string);
    const token = url.pathname.replace(/^\/calendar\//, '').replace(/\.ics$/, '');
    expect(token.length).toBeGreaterThan(10);
    jest
      .spyOn(ctx.container.calendarFeeds, 'renderFeed')
      .mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));
    const logs = captureLogs();

    const res = await request(appLoggingTo(ctx, logs.logger)).get(url.pathname);

    expectError(res, 500, 'internal');
    expect(logs.lines()).toEqual([
      expect.objectContaining({ msg: 'unhandled error', path: '/calendar/[redacted]' }),
    ]);
    expect(logs.text()).not.toContain(token);
  });

  it('an error after a feed’s answer started is logged with the path redacted too', async () => {
    const token = 'Zm9vYmFyYmF6cXV4c2VjcmV0dG9rZW4';
    const logs = captureLogs();
    const app = express();
    app.get('/calendar/:token.ics', async (_req, res) => {
      res.status(200).type('text/calendar');
      res.write('BEGIN:VCALENDAR\r\n');
      throw new Error('the roster could not be read');
    });
    app.use(createErrorHandler(logs.logger));

    await request(app)
      .get(`/calendar/${token}.ics`)
      .catch(() => undefined);

    expect(logs.lines()).toEqual([
      expect.objectContaining({ msg: 'error after the response started', path: '/calendar/[redacted]' }),
    ]);
    expect(logs.text()).not.toContain(token);
  });
});
