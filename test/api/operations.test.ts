import request from 'supertest';
import { ADMIN_TOKEN, createTestContext, type TestContext } from '../helpers/context';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';
import { appLoggingTo, captureLogs } from './log-capture';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

describe('what operators need from a running hotline', () => {
  let ctx: TestContext;

  afterEach(async () => {
    await ctx.close();
  });

  const metricsWith = (token?: string) => {
    const req = request(ctx.app).get('/metrics');
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('/metrics refuses an anonymous request and a staff token, and serves the scraper and an admin', async () => {
    ctx = await createTestContext({ env: { METRICS_TOKEN } });
    const team = await seedDutyTeam(ctx);
    const staffToken = await issueToken(ctx, team.primary.id);

    expect((await metricsWith()).status).toBe(401);
    expect((await metricsWith('not-the-scraper-token-at-all')).status).toBe(401);
    expect((await metricsWith(staffToken)).status).toBe(403);
    expect((await metricsWith(METRICS_TOKEN)).status).toBe(200);
    expect((await metricsWith(ADMIN_TOKEN)).status).toBe(200);
  });

  it('reports the outbox backlog, the last success of each job, and whether a primary is on duty', async () => {
    ctx = await createTestContext();
    await seedDutyTeam(ctx);
    const gauge = async (name: string) => {
      const text = (await metricsWith(ADMIN_TOKEN)).text;
      return text.split('\n').filter((line) => line.startsWith(name));
    };

    expect(await gauge('dutyline_primary_on_duty ')).toEqual(['dutyline_primary_on_duty 1']);
    expect(await gauge('dutyline_outbox_waiting ')).toEqual(['dutyline_outbox_waiting 0']);

    // Offline, a text's receipt and alert are held, not waiting: only queued ones count. Online they queue.
    await ctx.container.db
      .insertInto('outbox')
      .values({
        to_phone: PHONES.citizen,
        body: 'waiting',
        purpose: 'receipt',
        status: 'queued',
        next_attempt_at: '2027-03-01T01:00:00.000Z',
        created_at: '2027-03-01T01:00:00.000Z',
        updated_at: '2027-03-01T01:00:00.000Z',
      })
      .execute();
    expect(await gauge('dutyline_outbox_waiting ')).toEqual(['dutyline_outbox_waiting 1']);
    // The clock stands at 02:00Z: the message has waited an hour.
    expect(await gauge('dutyline_outbox_oldest_waiting_seconds ')).toEqual([
      'dutyline_outbox_oldest_waiting_seconds 3600',
    ]);

    await ctx.api('post', '/api/jobs/gap-watch/run').expect(200);
    expect(await gauge('dutyline_job_last_success_timestamp_seconds{')).toEqual([
      `dutyline_job_last_success_timestamp_seconds{job="gap-watch"} ${Date.parse('2027-03-01T02:00:00Z') / 1000}`,
    ]);

    const primary = (await ctx.api('get', '/api/roster/on-duty')).body.primary;
    await ctx.api('patch', `/api/staff/${primary.id}`).send({ active: false }).expect(200);
    expect(await gauge('dutyline_primary_on_duty ')).toEqual(['dutyline_primary_on_duty 0']);
  });

  it('counts webhooks refused for their signature', async () => {
    ctx = await createTestContext();
    await ctx.signedPost('/twilio/sms', { MessageSid: 'SMx', From: PHONES.citizen, Body: 'hi' }, 'forged');
    await ctx.signedPost('/twilio/sms', { MessageSid: 'SMy', From: PHONES.citizen, Body: 'hi' }, null);
    const text = (await metricsWith(ADMIN_TOKEN)).text;
    expect(text).toContain('dutyline_webhook_rejections_total{reason="signature_invalid"} 1');
    expect(text).toContain('dutyline_webhook_rejections_total{reason="signature_missing"} 1');
  });

  it('with TRUST_PROXY, rate limits key on the client behind the proxy, not on the proxy', async () => {
    const limited = { API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '3' };
    const fromClient = (app: TestContext['app'], client: string) =>
      request(app).get('/api/cases').set('X-Forwarded-For', client);

    ctx = await createTestContext({ env: { ...limited, TRUST_PROXY: 'loopback' } });
    for (let i = 0; i < 3; i += 1) expect((await fromClient(ctx.app, '203.0.113.7')).status).toBe(401);
    expect((await fromClient(ctx.app, '203.0.113.7')).status).toBe(429);
    // Another citizen's office behind the same proxy is not locked out.
    expect((await fromClient(ctx.app, '198.51.100.9')).status).toBe(401);
    await ctx.close();

    // Without it every client is the proxy's own address, and one noisy client locks out the next.
    ctx = await createTestContext({ env: limited });
    for (let i = 0; i < 3; i += 1) await fromClient(ctx.app, '203.0.113.7');
    expect((await fromClient(ctx.app, '198.51.100.9')).status).toBe(429);
  });

  it('logs each request once with a request id, and never a token, a phone number or a feed secret', async () => {
    ctx = await createTestContext();
    await seedDutyTeam(ctx);
    const logs = captureLogs();
    const app = appLoggingTo(ctx, logs.logger);

    const answer = await request(app)
      .get(`/api/cases?phone=${encodeURIComponent(PHONES.citizen)}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('X-Request-Id', 'req-from-the-proxy-1');
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBe('req-from-the-proxy-1');
    await request(app).get('/calendar/dl_secretfeedtoken0123456789.ics');

    const access = logs.accessLines();
    expect(access).toEqual([
      expect.objectContaining({
        req: { id: 'req-from-the-proxy-1', method: 'GET', path: '/api/cases' },
        res: { statusCode: 200 },
      }),
      expect.objectContaining({ req: expect.objectContaining({ path: '/calendar/[redacted]' }) }),
    ]);
    const text = logs.text();
    expect(text).not.toContain(ADMIN_TOKEN);
    expect(text).not.toContain(PHONES.citizen.slice(1));
    expect(text).not.toContain('dl_secretfeedtoken');
  });
});
