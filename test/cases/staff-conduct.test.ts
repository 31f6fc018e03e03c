import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, issueToken, PHONES } from '../helpers/seed';
import { open311Get } from '../open311/open311.helpers';
import { signInWithTokenOverHttp } from '../web/console-session';

// SPEC §18, complaints about staff. The clock stands at 10:00 Shanghai time on 1 March 2027: Wang Fang
// (officer A) is the primary on duty, Zhao Min the supervisor on duty.
describe('a complaint about a staff member', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let officerToken: string;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    officerToken = await issueToken(ctx, team.primary.id);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);

  async function logConductCase(concernsStaffId: number, body: Record<string, unknown> = {}) {
    const res = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'The officer at the window shouted at my mother and refused to take her letter',
      category: 'staff-conduct',
      channel: 'visit',
      concernsStaffId,
      ...body,
    });
    expect(res.status).toBe(201);
    await ctx.flushOutbox();
    return res.body as {
      ref: string;
      assignee: { id: number } | null;
      concernsStaff: { id: number; name: string } | null;
      signOff: { required: boolean };
    };
  }

  async function listRefs(token: string) {
    const res = await ctx.api('get', '/api/cases?limit=200', token);
    expect(res.status).toBe(200);
    return (res.body.items as { ref: string }[]).map((item) => item.ref);
  }

  it('arriving while the officer it names is the primary on duty, goes to the supervisor on duty; the officer never sees it nor hears of it', async () => {
    const created = await logConductCase(team.primary.id);

    expect(created.assignee?.id).toBe(team.supervisor.id);
    expect(created.concernsStaff).toEqual({ id: team.primary.id, name: 'Wang Fang' });
    expect(created.signOff.required).toBe(true);

    const asOfficer = await ctx.api('get', `/api/cases/${created.ref}`, officerToken);
    expect(asOfficer.status).toBe(404);
    expect(asOfficer.body.error.code).toBe('case.not_found');
    expect(await listRefs(officerToken)).not.toContain(created.ref);
    expect(sentTo(PHONES.primary)).toEqual([]);

    const asSupervisor = await ctx.api('get', `/api/cases/${created.ref}`, supervisorToken);
    expect(asSupervisor.status).toBe(200);
    expect(await listRefs(supervisorToken)).toContain(created.ref);
    expect(sentTo(PHONES.supervisor)).toEqual([expect.stringContaining(created.ref)]);
  });

  it('naming the supervisor on duty, goes to another supervisor, who is alerted; the supervisor named gets 404 and no alert', async () => {
    const deputy = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'en',
    });
    const created = await logConductCase(team.supervisor.id, { priority: 'urgent' });

    expect(created.assignee?.id).toBe(deputy.id);
    expect(sentTo('+8613800000009').some((body) => body.includes(created.ref))).toBe(true);
    expect(sentTo(PHONES.supervisor)).toEqual([]);
    expect(sentTo(PHONES.primary)).toEqual([]);
    expect((await ctx.api('get', `/api/cases/${created.ref}`, supervisorToken)).status).toBe(404);
    expect(await listRefs(supervisorToken)).not.toContain(created.ref);
    expect((await ctx.api('get', `/api/cases/${created.ref}`)).status).toBe(200);
  });

  it('with no supervisor to take it, stays with nobody rather than go to an officer by the roster', async () => {
    const created = await logConductCase(team.supervisor.id);
    expect(created.assignee).toBeNull();
    expect(sentTo(PHONES.primary)).toEqual([]);
    expect(sentTo(PHONES.backup)).toEqual([]);
  });

  it('a supervisor marking a case the officer holds moves it off them at once; the officer then gets 404', async () => {
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Rubbish left outside building 3 for a week',
      category: 'sanitation',
      channel: 'letter',
    });
    expect(logged.body.assignee.id).toBe(team.primary.id);
    const { ref } = logged.body as { ref: string };
    expect((await ctx.api('get', `/api/cases/${ref}`, officerToken)).status).toBe(200);

    const marked = await ctx
      .api('patch', `/api/cases/${ref}`, supervisorToken)
      .send({ concernsStaffId: team.primary.id });
    expect(marked.status).toBe(200);
    expect(marked.body.assignee.id).toBe(team.supervisor.id);
    expect(marked.body.concernsStaff.id).toBe(team.primary.id);

    expect((await ctx.api('get', `/api/cases/${ref}`, officerToken)).status).toBe(404);
    expect(await listRefs(officerToken)).not.toContain(ref);
    const events = (await ctx.api('get', `/api/cases/${ref}`, supervisorToken)).body.events as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['concerns_staff_set', 'assigned']),
    );
    expect(events.find((event) => event.type === 'concerns_staff_set')?.data).toEqual({
      staffId: team.primary.id,
      previousStaffId: null,
    });
  });

  it('recategorised as staff-conduct, a case the officer holds goes to the supervisor on duty, as on arrival; one a supervisor then hands to an officer stays theirs', async () => {
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'The clerk at the service window was rude and would not take my form',
      category: 'other',
      channel: 'letter',
    });
    expect(logged.body.assignee.id).toBe(team.primary.id);
    const { ref } = logged.body as { ref: string };
    await ctx.flushOutbox();

    const triaged = await ctx.api('patch', `/api/cases/${ref}`).send({ category: 'staff-conduct' });
    expect(triaged.status).toBe(200);
    expect(triaged.body.assignee.id).toBe(team.supervisor.id);
    expect(triaged.body.signOff.required).toBe(true);
    expect((await ctx.api('get', `/api/cases/${ref}`, officerToken)).status).toBe(404);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.supervisor)).toEqual([expect.stringContaining(ref)]);
    const assigned = (await ctx.api('get', `/api/cases/${ref}`)).body.events.filter(
      (event: { type: string }) => event.type === 'assigned',
    );
    expect(assigned.at(-1).data).toEqual({
      staffId: team.supervisor.id,
      previousStaffId: team.primary.id,
      reason: 'about_staff',
    });

    // The supervisor's own choice of who looks into it is kept through later triage and marks.
    expect((await ctx.api('post', `/api/cases/${ref}/assign`).send({ staffId: team.backup.id })).status).toBe(
      200,
    );
    const marked = await ctx
      .api('patch', `/api/cases/${ref}`)
      .send({ concernsStaffId: team.primary.id, priority: 'important' });
    expect(marked.status).toBe(200);
    expect(marked.body.assignee.id).toBe(team.backup.id);
  });

  it('a supervisor naming an officer on a case a colleague holds sends it to the supervisor on duty', async () => {
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'The inspector who came yesterday asked me for money',
      category: 'other',
      channel: 'visit',
    });
    expect(logged.status).toBe(201);
    const { ref } = logged.body as { ref: string };
    await ctx.api('post', `/api/cases/${ref}/assign`).send({ staffId: team.backup.id });

    const marked = await ctx.api('patch', `/api/cases/${ref}`).send({ concernsStaffId: team.primary.id });
    expect(marked.status).toBe(200);
    expect(marked.body.assignee.id).toBe(team.supervisor.id);
  });

  it('only a supervisor may mark a case as naming an officer', async () => {
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Noise from the night market',
      category: 'noise',
      channel: 'letter',
    });
    const res = await ctx
      .api('patch', `/api/cases/${logged.body.ref}`, officerToken)
      .send({ concernsStaffId: team.backup.id });
    expect(res.status).toBe(403);
  });

  it('cannot be given to the officer it names, nor taken by them over the API or SMS', async () => {
    const created = await logConductCase(team.primary.id);

    const assigned = await ctx
      .api('post', `/api/cases/${created.ref}/assign`)
      .send({ staffId: team.primary.id });
    expect(assigned.status).toBe(409);
    expect(assigned.body.error.code).toBe('case.assignee_concerned');

    const selfAssigned = await ctx
      .api('post', `/api/cases/${created.ref}/assign`, officerToken)
      .send({ staffId: team.primary.id });
    expect(selfAssigned.status).toBe(404);

    // Left with nobody, it is still not theirs to take, though they are on duty.
    const released = await ctx.api('post', '/api/cases').send({
      phone: PHONES.neighbour,
      description: 'The duty officer was rude on the phone',
      category: 'staff-conduct',
      channel: 'letter',
      concernsStaffId: team.supervisor.id,
    });
    expect(released.body.assignee).toBeNull();
    for (const ref of [created.ref, released.body.ref]) {
      const claimed = await ctx.api('post', `/api/cases/${ref}/claim`, officerToken);
      expect(claimed.status).toBe(404);
    }

    const before = sentTo(PHONES.primary).length;
    const acked = await ctx.sms(PHONES.primary, `ACK ${created.ref}`);
    expect(acked.status).toBe(200);
    await ctx.flushOutbox();
    const replies = sentTo(PHONES.primary).slice(before);
    const unknown = await ctx.sms(PHONES.primary, 'ACK 00000000');
    expect(unknown.status).toBe(200);
    await ctx.flushOutbox();
    const unknownReply = sentTo(PHONES.primary).slice(before + replies.length);
    expect(replies).toEqual([unknownReply[0].replace('00000000', created.ref)]);
    const after = await ctx.api('get', `/api/cases/${created.ref}`);
    expect(after.body.assignee.id).toBe(team.supervisor.id);
    expect(after.body.status).toBe('assigned');

    const beforeList = sentTo(PHONES.primary).length;
    const listed = await ctx.sms(PHONES.primary, 'CASES');
    expect(listed.status).toBe(200);
    await ctx.flushOutbox();
    const listReply = sentTo(PHONES.primary).slice(beforeList);
    expect(listReply).toHaveLength(1);
    expect(listReply[0]).not.toContain(created.ref);
  });

  it('of normal priority does not close on "satisfied" until a supervisor signs it off', async () => {
    const created = await logConductCase(team.primary.id);
    const resolved = await ctx
      .api('post', `/api/cases/${created.ref}/result`, supervisorToken)
      .send({ text: 'We apologised; the officer has been spoken to' });
    expect(resolved.status).toBe(200);
    await ctx.flushOutbox();

    await ctx.sms(PHONES.citizen, '1');
    const waiting = await ctx.api('get', `/api/cases/${created.ref}`, supervisorToken);
    expect(waiting.body.satisfaction.answer).toBe('satisfied');
    expect(waiting.body.status).toBe('resolved');
    // The duty-gap report lists it among the cases awaiting a sign-off, normal priority as it is.
    const window = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-02T00:00:00+08:00' };
    const report = await ctx.api('get', '/api/reports/duty-gaps', supervisorToken).query(window);
    expect(report.body.awaitingSignOff).toEqual([
      expect.objectContaining({ ref: created.ref, priority: 'normal' }),
    ]);

    const signed = await ctx.api('post', `/api/cases/${created.ref}/sign-off`, supervisorToken);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('closed');
  });

  it('held by a supervisor who reports sick, goes to another supervisor, never to the officer it names on duty', async () => {
    const deputy = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'en',
    });
    const created = await logConductCase(team.primary.id);
    expect(created.assignee?.id).toBe(team.supervisor.id);

    expect((await ctx.sms(PHONES.supervisor, 'SICK')).status).toBe(200);
    await ctx.flushOutbox();

    const after = await ctx.api('get', `/api/cases/${created.ref}`);
    expect(after.body.assignee.id).toBe(deputy.id);
    expect(sentTo(PHONES.primary)).toEqual([]);
    expect(sentTo('+8613800000009').some((body) => body.includes(created.ref))).toBe(true);
  });

  it('cannot be merged into a case the officer it names holds', async () => {
    const created = await logConductCase(team.primary.id);
    const theirs = await ctx.api('post', '/api/cases').send({
      phone: PHONES.neighbour,
      description: 'Noise from the night market',
      category: 'noise',
      channel: 'letter',
    });
    expect(theirs.body.assignee.id).toBe(team.primary.id);
    const merged = await ctx
      .api('post', `/api/cases/${created.ref}/merge`, supervisorToken)
      .send({ into: theirs.body.ref });
    expect(merged.status).toBe(409);
    expect(merged.body.error.code).toBe('case.assignee_concerned');
  });

  it('naming the supervisor on duty: its escalation and its sign-off request go to another supervisor, never to them', async () => {
    const deputyPhone = '+8613800000009';
    const deputy = await addStaff(ctx, {
      name: 'Sun Li',
      phone: deputyPhone,
      role: 'supervisor',
      language: 'en',
    });
    const deputyToken = await issueToken(ctx, deputy.id);
    const created = await logConductCase(team.supervisor.id);
    expect(created.assignee?.id).toBe(deputy.id);

    // Past the acknowledgement deadline (4 h for staff-conduct): sla-watch escalates.
    ctx.clock.advance(5 * 3_600_000);
    expect((await ctx.api('post', '/api/jobs/sla-watch/run')).status).toBe(200);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.supervisor)).toEqual([]);
    expect(sentTo(deputyPhone).filter((body) => body.includes(created.ref)).length).toBeGreaterThan(1);

    const resolved = await ctx
      .api('post', `/api/cases/${created.ref}/result`, deputyToken)
      .send({ text: 'We apologised to the citizen' });
    expect(resolved.status).toBe(200);
    await ctx.sms(PHONES.citizen, '1');
    const before = sentTo(deputyPhone).length;
    expect((await ctx.api('post', '/api/jobs/satisfaction/run')).status).toBe(200);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.supervisor)).toEqual([]);
    expect(sentTo(deputyPhone).slice(before)).toEqual([expect.stringContaining(created.ref)]);
  });

  it('stays out of the duty-gap report the supervisor it names reads, its petition too; another supervisor sees both', async () => {
    const deputy = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'en',
    });
    const deputyToken = await issueToken(ctx, deputy.id);
    const created = await logConductCase(team.supervisor.id);
    const petition = await ctx.api('post', `/api/cases/${created.ref}/petition`, deputyToken).send({
      headcount: 3,
      representatives: [{ name: 'Liu Yang', phone: '+8613911110001' }],
      demands: 'An apology',
    });
    expect(petition.status).toBe(201);
    // Past its result deadline (120 h for staff-conduct) with no result: a gap in the report.
    ctx.clock.advance(121 * 3_600_000);
    const window = `from=${encodeURIComponent('2027-03-01T00:00:00Z')}&to=${encodeURIComponent('2027-03-07T00:00:00Z')}`;
    const listsIn = async (token: string) => {
      const res = await ctx.api('get', `/api/reports/duty-gaps?${window}`, token);
      expect(res.status).toBe(200);
      return { cases: JSON.stringify(res.body.cases), petitions: JSON.stringify(res.body.petitions) };
    };
    expect(await listsIn(deputyToken)).toEqual({
      cases: expect.stringContaining(created.ref),
      petitions: expect.stringContaining(created.ref),
    });
    const named = await listsIn(supervisorToken);
    expect(named.cases).not.toContain(created.ref);
    expect(named.petitions).not.toContain(created.ref);
  });

  it('is not a service on Open311, whose requests are public', async () => {
    const services = await open311Get(ctx, 'services.json');
    expect(services.status).toBe(200);
    expect(services.body.map((service: { service_code: string }) => service.service_code)).not.toContain(
      'staff-conduct',
    );
    expect((await open311Get(ctx, 'services/staff-conduct.json')).status).toBe(404);

    // A case of a public category, once marked as naming an officer, is no longer published.
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'The inspector took money to ignore the noise',
      category: 'noise',
      channel: 'letter',
    });
    expect((await open311Get(ctx, `requests/${logged.body.ref}.json`)).status).toBe(200);
    await ctx.api('patch', `/api/cases/${logged.body.ref}`).send({ concernsStaffId: team.backup.id });
    expect((await open311Get(ctx, `requests/${logged.body.ref}.json`)).status).toBe(404);
    const listed = await open311Get(ctx, 'requests.json');
    expect(JSON.stringify(listed.body)).not.toContain(logged.body.ref);
  });
});

// The console's session cookie is Secure unless the hotline is served over plain http, as in tests.
describe('a complaint about a staff member on the console', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });

  it('is not in the console lists of the officer it names, nor theirs to take on /console/my', async () => {
    const { ctx, team } = hotline;
    const logConductCase = async (concernsStaffId: number) => {
      const res = await ctx.api('post', '/api/cases').send({
        phone: PHONES.citizen,
        description: 'The officer at the window was rude',
        category: 'staff-conduct',
        channel: 'visit',
        concernsStaffId,
      });
      expect(res.status).toBe(201);
      return res.body as { ref: string; assignee: { id: number } | null };
    };
    const held = await logConductCase(team.primary.id);
    const unheld = await logConductCase(team.supervisor.id);
    expect(unheld.assignee).toBeNull();

    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));
    const mine = await officer.get('/console/my');
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain(held.ref);
    expect(mine.text).not.toContain(unheld.ref);
    expect((await officer.get(`/console/cases/${held.ref}`)).status).toBe(404);

    const supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
    const list = await supervisor.get('/console/cases');
    expect(list.status).toBe(200);
    expect(list.text).toContain(held.ref);
    expect(list.text).not.toContain(unheld.ref);
    expect((await supervisor.get(`/console/cases/${unheld.ref}`)).status).toBe(404);
  });

  it('a supervisor marks a case from its page; it leaves the officer it names, who no longer finds it', async () => {
    const { ctx, team } = hotline;
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Rubbish left outside building 3 for a week',
      category: 'sanitation',
      channel: 'letter',
    });
    const { ref } = logged.body as { ref: string };
    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));
    expect((await officer.get(`/console/cases/${ref}`)).status).toBe(200);
    // A duty officer's page offers no such form, and the route refuses them.
    expect((await officer.get(`/console/cases/${ref}`)).text).not.toContain('name="concernsStaffId"');
    expect(
      (await officer.post(`/console/cases/${ref}/concerns`, { concernsStaffId: String(team.backup.id) }))
        .status,
    ).toBe(403);

    const supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
    const page = await supervisor.get(`/console/cases/${ref}`);
    expect(page.text).toContain('name="concernsStaffId"');
    const marked = await supervisor.post(`/console/cases/${ref}/concerns`, {
      concernsStaffId: String(team.primary.id),
    });
    expect(marked.status).toBe(303);
    const after = await supervisor.get(`/console/cases/${ref}`);
    expect(after.text).toContain('Marked as a complaint about Wang Fang');
    expect(after.text).toContain('Assigned to Zhao Min: a complaint about staff goes to a supervisor');
    expect((await officer.get(`/console/cases/${ref}`)).status).toBe(404);
    expect((await officer.get('/console/my')).text).not.toContain(ref);
  });
});
