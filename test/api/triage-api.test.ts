import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { expectError, logLetter } from './api-helpers';

interface EventJson {
  type: string;
  at: string;
  actor: { type: string; staff: { id: number } | null; channel: string };
  data: Record<string, unknown>;
}

describe('triage: PATCH /api/cases/:ref sets category, priority and place', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const getCase = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const eventsOf = async (ref: string, type: string): Promise<EventJson[]> =>
    ((await getCase(ref)).events as EventJson[]).filter((event) => event.type === type);
  const triage = (ref: string, body: unknown, token?: string) =>
    ctx.api('patch', `/api/cases/${ref}`, token).send(body as object);

  it('a supervisor corrects all three; one triaged event holds each change, and the deadlines follow the new commitment from creation', async () => {
    // Logged at 10:00 Shanghai time as roads, normal: acknowledge in 4 h, a result in 120 h.
    const { ref } = await logLetter(ctx);
    ctx.clock.advance(60 * 60_000);

    const res = await triage(ref, { category: 'sanitation', priority: 'important', place: ' Dali Road ' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ref,
      category: 'sanitation',
      priority: 'important',
      place: 'Dali Road',
      // sanitation, important: acknowledge in 2 h, a result in 24 h, counted from 10:00 on 1 March.
      ackDueAt: '2027-03-01T12:00:00.000+08:00',
      dueAt: '2027-03-02T10:00:00.000+08:00',
      signOff: { required: true, at: null, by: null },
    });
    const [event] = await eventsOf(ref, 'triaged');
    expect(event).toMatchObject({
      at: '2027-03-01T11:00:00.000+08:00',
      actor: { type: 'staff', staff: null, channel: 'api' },
      data: {
        category: { from: 'roads', to: 'sanitation' },
        priority: { from: 'normal', to: 'important' },
        place: { from: null, to: 'Dali Road' },
        dueAt: { from: '2027-03-06T02:00:00.000Z', to: '2027-03-02T02:00:00.000Z' },
        ackDueAt: { from: '2027-03-01T06:00:00.000Z', to: '2027-03-01T04:00:00.000Z' },
      },
    });
  });

  it('only what changed is recorded; the same values again record nothing; a blank place clears it', async () => {
    const { ref } = await logLetter(ctx, { place: 'Minzhu Road' });

    expect((await triage(ref, { category: 'roads', place: 'Minzhu Road' })).status).toBe(200);
    expect(await eventsOf(ref, 'triaged')).toEqual([]);

    const cleared = await triage(ref, { category: 'roads', place: '  ' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.place).toBeNull();
    const events = await eventsOf(ref, 'triaged');
    // Minzhu Road is in the shipped gazetteer, so its id is cleared with it.
    expect(events.map((event) => event.data)).toEqual([
      { place: { from: 'Minzhu Road', to: null }, placeId: { from: 'minzhu-road', to: null } },
    ]);
    // The commitment did not change, so neither did the deadline.
    expect(cleared.body.dueAt).toBe('2027-03-06T10:00:00.000+08:00');
  });

  it('raising a case to urgent tells the supervisor on duty at once, with an urgent_alerted event', async () => {
    const { ref } = await logLetter(ctx);
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => message.to === PHONES.supervisor)).toEqual([]);
    ctx.clock.advance(30 * 60_000);

    expect((await triage(ref, { priority: 'urgent' })).status).toBe(200);
    await ctx.flushOutbox();

    const alerts = fake.messages.filter((message) => message.to === PHONES.supervisor);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain(ref);
    const [alerted] = await eventsOf(ref, 'urgent_alerted');
    expect(alerted).toMatchObject({
      at: '2027-03-01T10:30:00.000+08:00',
      data: { recipients: 'supervisor', staffIds: [team.supervisor.id] },
    });

    // Already urgent: triaging it again tells nobody twice.
    expect((await triage(ref, { priority: 'urgent', place: 'Fuhui Road' })).status).toBe(200);
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => message.to === PHONES.supervisor)).toHaveLength(1);
  });

  it('a case raised to urgent past its new deadline is escalated by the next sla-watch run', async () => {
    const { ref } = await logLetter(ctx);
    ctx.clock.advance(5 * 60 * 60_000);
    // roads, urgent: a result within 4 h of creation, an hour ago.
    const res = await triage(ref, { priority: 'urgent' });
    expect(res.body.dueAt).toBe('2027-03-01T14:00:00.000+08:00');

    expect((await ctx.api('post', '/api/jobs/sla-watch/run')).status).toBe(200);
    expect((await eventsOf(ref, 'escalated')).map((event) => event.data.deadline)).toContain('result');
  });

  it('a resolved case raised to important needs a sign-off: the citizen’s "satisfied" no longer closes it', async () => {
    const { ref } = await logLetter(ctx);
    expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Light repaired' })).status).toBe(
      200,
    );
    // As a normal case, there is nothing to sign off.
    expectError(await ctx.api('post', `/api/cases/${ref}/sign-off`), 409, 'case.sign_off_not_needed');

    const raised = await triage(ref, { priority: 'important' });
    expect(raised.body).toMatchObject({ status: 'resolved', signOff: { required: true, at: null } });
    // The deadline a resolved case was worked against stays.
    expect(raised.body.dueAt).toBe('2027-03-06T10:00:00.000+08:00');

    expect((await ctx.sms(PHONES.citizen, '1')).status).toBe(200);
    expect((await getCase(ref)).status).toBe('resolved');

    const signed = await ctx.api('post', `/api/cases/${ref}/sign-off`);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('closed');
  });

  it('a staff member triages their own case; another officer’s case is a 404 and stays as it was', async () => {
    const { ref } = await logLetter(ctx);
    const primaryToken = await issueToken(ctx, team.primary.id);
    const colleagueToken = await issueToken(ctx, team.colleague.id);

    const own = await triage(ref, { place: 'Xiangshan Road' }, primaryToken);
    expect(own.status).toBe(200);
    expect((await eventsOf(ref, 'triaged'))[0].actor).toMatchObject({
      type: 'staff',
      staff: { id: team.primary.id },
    });

    expectError(await triage(ref, { priority: 'urgent' }, colleagueToken), 404, 'case.not_found');
    expect((await getCase(ref)).priority).toBe('normal');
  });

  it('a closed case keeps its priority but its category and place can still be corrected; a merged case cannot be triaged', async () => {
    const { ref } = await logLetter(ctx);
    await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Light repaired' });
    await ctx.sms(PHONES.citizen, '1');
    expect((await getCase(ref)).status).toBe('closed');

    expectError(await triage(ref, { priority: 'urgent' }), 409, 'case.invalid_transition');
    const corrected = await triage(ref, { category: 'other', place: 'Yuquan Road' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ category: 'other', place: 'Yuquan Road', priority: 'normal' });

    const first = await logLetter(ctx, { phone: PHONES.neighbour });
    const second = await logLetter(ctx, { phone: '+8613911112222' });
    expect((await ctx.api('post', `/api/cases/${second.ref}/merge`).send({ into: first.ref })).status).toBe(
      200,
    );
    expectError(await triage(second.ref, { place: 'Dali Road' }), 409, 'case.invalid_transition');
  });

  it.each([
    ['an unknown category', { category: 'potholes' }, 'case.unknown_category'],
    ['an empty body', {}, 'request.invalid'],
    ['an unknown field', { status: 'closed' }, 'request.invalid'],
    ['an unknown priority', { priority: 'critical' }, 'request.invalid'],
    ['a category that is not a string', { category: 7 }, 'request.invalid'],
    ['a place over 200 characters', { place: 'x'.repeat(201) }, 'request.invalid'],
    ['a JSON array', [{ priority: 'urgent' }], 'request.invalid'],
  ])('%s is a 400 and changes nothing', async (_name, body, code) => {
    const { ref } = await logLetter(ctx);
    expectError(await triage(ref, body), 400, code);
    const after = await getCase(ref);
    expect(after).toMatchObject({ category: 'roads', priority: 'normal', place: null });
    expect(await eventsOf(ref, 'triaged')).toEqual([]);
  });

  it('a malformed reference is a 400 and an unknown one a 404', async () => {
    expectError(await triage('12ab', { priority: 'urgent' }), 400, 'case.invalid_ref');
    expectError(await triage('12345678', { priority: 'urgent' }), 404, 'case.not_found');
  });

  it('the list filters by priority', async () => {
    const normal = await logLetter(ctx);
    const raised = await logLetter(ctx, { phone: PHONES.neighbour });
    await triage(raised.ref, { priority: 'important' });
    const res = await ctx.api('get', '/api/cases?priority=important');
    expect(res.body.items.map((item: { ref: string }) => item.ref)).toEqual([raised.ref]);
    expect(
      (await ctx.api('get', '/api/cases?priority=normal')).body.items.map(
        (item: { ref: string }) => item.ref,
      ),
    ).toEqual([normal.ref]);
    expectError(await ctx.api('get', '/api/cases?priority=critical'), 400, 'request.invalid');
  });
});
