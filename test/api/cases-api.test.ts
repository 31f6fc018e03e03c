import request from 'supertest';
import { ADMIN_TOKEN, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { expectError, logLetter } from './api-helpers';

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/;

interface CaseEventJson {
  id: number;
  at: string;
  type: string;
  actor: { type: string; staff: { id: number; name: string | null } | null; channel: string };
  data: Record<string, unknown>;
}

describe('the cases API, online with a fake Twilio', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const sentTo = (phone: string) => fake.messages.filter((message) => message.to === phone);
  const getCase = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const refsOf = (body: { items: { ref: string }[] }) => body.items.map((item) => item.ref);

  describe('logging a letter', () => {
    it('a letter becomes a case with every contract field, assigned to the primary, and the citizen gets a receipt', async () => {
      const res = await ctx.api('post', '/api/cases').send({
        phone: PHONES.citizen,
        description: 'The street light outside No. 12 Renmin Road is out',
        category: 'roads',
        channel: 'letter',
      });
      expect(res.status).toBe(201);
      const body = res.body;
      for (const field of [
        'ref',
        'status',
        'channel',
        'phone',
        'category',
        'priority',
        'description',
        'recording',
        'assignee',
        'result',
        'resolvedAt',
        'dueAt',
        'createdAt',
        'feedback',
        'satisfaction',
        'mergedInto',
      ]) {
        expect(body).toHaveProperty(field);
      }
      expect(body).toMatchObject({
        status: 'assigned',
        channel: 'letter',
        phone: PHONES.citizen,
        category: 'roads',
        priority: 'normal',
        description: 'The street light outside No. 12 Renmin Road is out',
        assignee: { id: team.primary.id, name: 'Wang Fang' },
        result: null,
        resolvedAt: null,
        mergedInto: null,
        createdAt: '2027-03-01T10:00:00.000+08:00',
        // roads, normal: a result within 120 hours
        dueAt: '2027-03-06T10:00:00.000+08:00',
      });
      expect(body.ref).toMatch(/^\d{8}$/);
      expect(body.recording).toMatchObject({ exists: false });
      expect(Object.keys(body.feedback).sort()).toEqual(['deliveredAt', 'sentAt', 'via']);
      expect(body.feedback).toEqual({ sentAt: null, deliveredAt: null, via: null });
      expect(Object.keys(body.satisfaction).sort()).toEqual(['answer', 'answeredAt', 'askedAt']);
      expect(body.satisfaction).toEqual({ askedAt: null, answer: null, answeredAt: null });
      expect(body.createdAt).toMatch(OFFSET_TIME);
      expect(body.dueAt).toMatch(OFFSET_TIME);

      await ctx.flushOutbox();
      const receipts = sentTo(PHONES.citizen);
      expect(receipts).toHaveLength(1);
      expect(receipts[0].body).toContain(body.ref);
      const alerts = sentTo(PHONES.primary);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].body).toContain(body.ref);
    });

    it('a case with an unknown category is refused with 400 case.unknown_category', async () => {
      const res = await ctx.api('post', '/api/cases').send({
        phone: PHONES.citizen,
        description: 'Aliens landed',
        category: 'ufo',
        channel: 'letter',
      });
      expectError(res, 400, 'case.unknown_category');
    });

    it('staff cannot log a case as if it came by SMS or voice', async () => {
      for (const channel of ['sms', 'voice', 'carrier-pigeon']) {
        const res = await ctx.api('post', '/api/cases').send({
          phone: PHONES.citizen,
          description: 'Noise',
          category: 'noise',
          channel,
        });
        expectError(res, 400, 'request.invalid');
      }
      await ctx.flushOutbox();
      expect(fake.messages).toHaveLength(0);
    });
  });

  describe('listing', () => {
    it('filters by status, phone, assignee, category and time, and pages newest first until next is null', async () => {
      const created: { ref: string; createdAt: string }[] = [];
      const plan = [
        { phone: PHONES.citizen, category: 'roads' },
        { phone: PHONES.neighbour, category: 'noise' },
        { phone: PHONES.citizen, category: 'noise' },
        { phone: PHONES.neighbour, category: 'water' },
        { phone: PHONES.citizen, category: 'roads' },
      ];
      for (const [index, item] of plan.entries()) {
        const body = await logLetter(ctx, { ...item, description: `complaint ${index}` });
        created.push({ ref: body.ref, createdAt: body.createdAt as string });
        ctx.clock.advance(60 * 60_000);
      }
      const newestFirst = created.map((item) => item.ref).reverse();

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const res = await ctx.api('get', '/api/cases').query(cursor ? { limit: 2, cursor } : { limit: 2 });
        expect(res.status).toBe(200);
        pages.push(refsOf(res.body));
        cursor = res.body.next;
      } while (cursor !== null && pages.length < 10);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(newestFirst);

      expect(refsOf((await ctx.api('get', '/api/cases').query({ phone: PHONES.neighbour })).body)).toEqual([
        created[3].ref,
        created[1].ref,
      ]);
      // A `+` typed straight into a URL arrives as a space; the filter still finds the number.
      expect(refsOf((await ctx.api('get', `/api/cases?phone=${PHONES.neighbour}`)).body)).toEqual([
        created[3].ref,
        created[1].ref,
      ]);
      expect(refsOf((await ctx.api('get', '/api/cases').query({ category: 'noise' })).body)).toEqual([
        created[2].ref,
        created[1].ref,
      ]);

      await ctx.api('post', `/api/cases/${created[0].ref}/assign`).send({ staffId: team.colleague.id });
      expect(
        refsOf((await ctx.api('get', '/api/cases').query({ assignee: team.colleague.id })).body),
      ).toEqual([created[0].ref]);

      await ctx.api('post', `/api/cases/${created[4].ref}/acknowledge`);
      expect(refsOf((await ctx.api('get', '/api/cases').query({ status: 'acknowledged' })).body)).toEqual([
        created[4].ref,
      ]);
      expect(refsOf((await ctx.api('get', '/api/cases').query({ status: 'closed' })).body)).toEqual([]);

      const window = await ctx
        .api('get', '/api/cases')
        .query({ from: created[1].createdAt, to: created[3].createdAt });
      expect(refsOf(window.body)).toEqual([created[2].ref, created[1].ref]);
      const fromUtc = await ctx.api('get', '/api/cases').query({ from: '2027-03-01T05:30:00Z' });
      expect(refsOf(fromUtc.body)).toEqual([created[4].ref]);

      const combined = await ctx
        .api('get', '/api/cases')
        .query({ phone: PHONES.citizen, category: 'roads', status: 'assigned' });
      expect(refsOf(combined.body)).toEqual([created[0].ref]);
      const none = await ctx
        .api('get', '/api/cases')
        .query({ phone: PHONES.citizen, category: 'roads', assignee: team.primary.id, status: 'assigned' });
      expect(refsOf(none.body)).toEqual([]);
    });
  });

  describe('one case, from first text to feedback', () => {
    async function caseFromText(): Promise<string> {
      const res = await ctx.sms(PHONES.citizen, 'The drain on Lane 6 is blocked and the road is flooding');
      expect(res.status).toBe(200);
      await ctx.flushOutbox();
      const list = await ctx.api('get', '/api/cases');
      return list.body.items[0].ref;
    }

    it('the case page shows its events in order, the inbound text and the outgoing messages with statuses', async () => {
      const ref = await caseFromText();
      const body = await getCase(ref);
      expect(body).toMatchObject({ ref, channel: 'sms', status: 'assigned', calls: [] });
      expect(body.events.map((event: CaseEventJson) => event.type)).toEqual(['created', 'assigned']);
      expect(body.events[1].data).toMatchObject({ staffId: team.primary.id });
      for (const event of body.events) expect(event.at).toMatch(OFFSET_TIME);

      expect(body.messages).toHaveLength(3);
      expect(body.messages[0]).toMatchObject({
        direction: 'in',
        from: PHONES.citizen,
        body: 'The drain on Lane 6 is blocked and the road is flooding',
      });
      const outgoing = body.messages.filter((message: { direction: string }) => message.direction === 'out');
      expect(outgoing).toEqual([
        expect.objectContaining({ to: PHONES.citizen, purpose: 'receipt', status: 'submitted' }),
        expect.objectContaining({ to: PHONES.primary, purpose: 'officer_alert', status: 'submitted' }),
      ]);
      expect(outgoing[0].body).toContain(ref);
    });

    it('reassigning moves the case to the new person, logs it and alerts them by SMS', async () => {
      const ref = await caseFromText();
      const res = await ctx.api('post', `/api/cases/${ref}/assign`).send({ staffId: team.colleague.id });
      expect(res.status).toBe(200);
      expect(res.body.assignee).toEqual({ id: team.colleague.id, name: 'Chen Jie' });

      const body = await getCase(ref);
      expect(body.events.at(-1)).toMatchObject({
        type: 'assigned',
        actor: { type: 'staff', channel: 'api' },
        data: { staffId: team.colleague.id, previousStaffId: team.primary.id },
      });
      await ctx.flushOutbox();
      const alerts = sentTo(PHONES.colleague);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].body).toContain(ref);

      expectError(
        await ctx.api('post', `/api/cases/${ref}/assign`).send({ staffId: 9999 }),
        400,
        'staff.not_found',
      );
      expect((await getCase(ref)).assignee).toEqual({ id: team.colleague.id, name: 'Chen Jie' });
    });

    it('acknowledging moves the case on once; a second acknowledge is a 409', async () => {
      const ref = await caseFromText();
      const token = await issueToken(ctx, team.primary.id);
      const res = await ctx.api('post', `/api/cases/${ref}/acknowledge`, token);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('acknowledged');
      expectError(
        await ctx.api('post', `/api/cases/${ref}/acknowledge`, token),
        409,
        'case.invalid_transition',
      );
      const events = (await getCase(ref)).events as CaseEventJson[];
      expect(events.filter((event) => event.type === 'acknowledged')).toHaveLength(1);
      expect(events.at(-1)!.actor.staff).toEqual({ id: team.primary.id, name: 'Wang Fang' });
    });

    it('a result resolves the case, texts the citizen the result and the question, and delivery is recorded as feedback', async () => {
      const ref = await caseFromText();
      const res = await ctx
        .api('post', `/api/cases/${ref}/result`)
        .send({ text: 'Drain cleared by the water company' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'resolved',
        result: 'Drain cleared by the water company',
        resolvedAt: '2027-03-01T10:00:00.000+08:00',
        feedback: { sentAt: null, deliveredAt: null, via: null },
      });
      expect(res.body.satisfaction.askedAt).toMatch(OFFSET_TIME);

      await ctx.flushOutbox();
      const toCitizen = sentTo(PHONES.citizen);
      expect(toCitizen).toHaveLength(3);
      const resultText = toCitizen.find((message) =>
        message.body.includes('Drain cleared by the water company'),
      );
      expect(resultText).toBeDefined();
      expect(resultText!.body).toContain(ref);
      expect(toCitizen.at(-1)!.body).toContain(ref);
      expect(toCitizen.at(-1)).not.toBe(resultText);

      ctx.clock.advance(30_000);
      const delivered = await ctx.signedPost('/twilio/sms/status', {
        MessageSid: resultText!.sid,
        MessageStatus: 'delivered',
        AccountSid: fake.accountSid,
        To: PHONES.citizen,
      });
      expect(delivered.status).toBe(204);
      const afterDelivery = await getCase(ref);
      expect(afterDelivery.feedback).toEqual({
        sentAt: '2027-03-01T10:00:30.000+08:00',
        deliveredAt: '2027-03-01T10:00:30.000+08:00',
        via: 'sms',
      });
      expect(afterDelivery.events.map((event: CaseEventJson) => event.type)).toEqual(
        expect.arrayContaining(['resolved', 'feedback_delivered']),
      );

      ctx.clock.advance(30_000);
      const lateSent = await ctx.signedPost('/twilio/sms/status', {
        MessageSid: resultText!.sid,
        MessageStatus: 'sent',
        AccountSid: fake.accountSid,
        To: PHONES.citizen,
      });
      expect(lateSent.status).toBe(204);
      const afterLate = await getCase(ref);
      expect(afterLate.feedback).toEqual(afterDelivery.feedback);
      expect(afterLate.events).toEqual(afterDelivery.events);
      const resultMessage = afterLate.messages.find(
        (message: { purpose?: string }) => message.purpose === 'result',
      );
      expect(resultMessage).toMatchObject({ status: 'delivered' });
    });

    it('a note is appended to the trail, and a resolved case can be reopened with a reason', async () => {
      const ref = await caseFromText();
      const noted = await ctx
        .api('post', `/api/cases/${ref}/notes`)
        .send({ text: 'Called the water company' });
      expect(noted.status).toBe(200);
      expect(noted.body.status).toBe('assigned');

      expectError(
        await ctx.api('post', `/api/cases/${ref}/reopen`).send({ reason: 'still open' }),
        409,
        'case.invalid_transition',
      );
      await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Drain cleared' });
      const reopened = await ctx.api('post', `/api/cases/${ref}/reopen`).send({ reason: 'Flooding again' });
      expect(reopened.status).toBe(200);
      expect(reopened.body.status).toBe('reopened');

      const events = (await getCase(ref)).events as CaseEventJson[];
      expect(events.find((event) => event.type === 'note')!.data).toEqual({
        text: 'Called the water company',
      });
      expect(events.at(-1)).toMatchObject({ type: 'reopened', data: { reason: 'Flooding again' } });
      expectError(
        await ctx.api('post', `/api/cases/${ref}/notes`).send({ text: '' }),
        400,
        'request.invalid',
      );
    });

    it('the audit trail only ever grows: each step appends and earlier events stay as they were', async () => {
      const ref = await caseFromText();
      const steps: [string, Record<string, unknown>][] = [
        ['acknowledge', {}],
        ['notes', { text: 'On site at 11:00' }],
        ['assign', { staffId: team.backup.id }],
        ['result', { text: 'Fixed' }],
        ['reopen', { reason: 'Citizen called back' }],
        ['result', { text: 'Fixed properly this time' }],
      ];
      let previous = (await getCase(ref)).events as CaseEventJson[];
      for (const [action, body] of steps) {
        ctx.clock.advance(5 * 60_000);
        const res = await ctx.api('post', `/api/cases/${ref}/${action}`).send(body);
        expect({ action, status: res.status }).toEqual({ action, status: 200 });
        const events = (await getCase(ref)).events as CaseEventJson[];
        expect(events.length).toBeGreaterThan(previous.length);
        expect(events.slice(0, previous.length)).toEqual(previous);
        previous = events;
      }
      const ids = previous.map((event) => event.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const times = previous.map((event) => event.at);
      expect([...times].sort()).toEqual(times);
    });
  });

  describe('messages, jobs, health and metrics', () => {
    it('GET /api/messages lists outbox rows for a number to a supervisor or admin, and refuses staff', async () => {
      const { ref } = await logLetter(ctx);
      await ctx.flushOutbox();
      const res = await ctx.api('get', '/api/messages').query({ to: PHONES.citizen });
      expect(res.status).toBe(200);
      expect(res.body.next).toBeNull();
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        to: PHONES.citizen,
        purpose: 'receipt',
        status: 'submitted',
      });
      expect(res.body.items[0].body).toContain(ref);

      const supervisorToken = await issueToken(ctx, team.supervisor.id);
      expect((await ctx.api('get', '/api/messages', supervisorToken)).status).toBe(200);
      const staffToken = await issueToken(ctx, team.primary.id);
      expectError(await ctx.api('get', '/api/messages', staffToken), 403, 'auth.forbidden');
    });

    it('running dispatch-outbox on demand sends what is queued; an unknown job is a 404', async () => {
      await ctx.flushOutbox();
      await ctx.container.outboxRepository.enqueue(ctx.container.db, {
        to: PHONES.neighbour,
        body: 'Your case has been received',
        purpose: 'reply',
      });
      expect(sentTo(PHONES.neighbour)).toHaveLength(0);

      const res = await ctx.api('post', '/api/jobs/dispatch-outbox/run');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job: 'dispatch-outbox', result: { claimed: 1, submitted: 1 } });
      expect(sentTo(PHONES.neighbour).map((message) => message.body)).toEqual([
        'Your case has been received',
      ]);

      expectError(await ctx.api('post', '/api/jobs/no-such-job/run'), 404, 'job.not_found');
    });

    it('GET /healthz answers without a token and GET /metrics serves Prometheus text', async () => {
      const health = await request(ctx.app).get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ ok: true, database: 'ok', offline: false });

      await ctx.api('get', '/api/cases');
      const metrics = await request(ctx.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(metrics.status).toBe(200);
      expect(metrics.type).toBe('text/plain');
      expect(metrics.text).toContain('dutyline_http_request_duration_seconds');
      // Requests are grouped by their full path, not the path left after a router stripped its prefix.
      expect(metrics.text).toMatch(/dutyline_http_request_duration_seconds_count\{[^}]*group="\/api\/cases"/);
      expect(metrics.text).toMatch(/dutyline_http_request_duration_seconds_count\{[^}]*group="\/api\/staff"/);
    });
  });
});
