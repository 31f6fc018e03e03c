import request from 'supertest';
import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { open311Get } from '../open311/open311.helpers';

const THIRD = '+8613911112222';
const FOURTH = '+8613911113333';
const WINDOW = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-02T00:00:00+08:00' };

const FIVE_REPRESENTATIVES = [
  { name: 'Liu Yang', phone: '+86 139 1111 0001' },
  { name: 'Sun Li', phone: '+8613911110002' },
  { name: 'Zhou Jun', phone: '+8613911110003' },
  { name: 'Wu Hua', phone: '+8613911110004' },
  { name: 'Zheng Wei', phone: '+8613911110005' },
];

interface EventJson {
  type: string;
  data: Record<string, unknown>;
}

describe('a group petition on a merged complaint', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;
  let primaryToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    primaryToken = await issueToken(ctx, team.primary.id);
  });

  const refOf = async (phone: string) =>
    (
      await ctx.container.db
        .selectFrom('cases')
        .select('ref')
        .where('phone', '=', phone)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).ref;
  const getCase = async (ref: string, token = supervisorToken) =>
    (await ctx.api('get', `/api/cases/${ref}`, token)).body;
  const record = (ref: string, body: Record<string, unknown>, token = supervisorToken) =>
    ctx.api('post', `/api/cases/${ref}/petition`, token).send(body);
  const report = async () => (await ctx.api('get', '/api/reports/duty-gaps').query(WINDOW)).body;
  const reportCsv = async () =>
    (await ctx.api('get', '/api/reports/duty-gaps').query({ ...WINDOW, format: 'csv' })).text;

  /** Four texts about one closed market; the first three are merged into the fourth. */
  async function groupComplaint() {
    const phones = [PHONES.citizen, PHONES.neighbour, THIRD, FOURTH];
    for (const phone of phones)
      await ctx.sms(phone, 'The Renmin Road market stalls were torn down overnight');
    const [a, b, c, survivor] = await Promise.all(phones.map(refOf));
    for (const ref of [a, b, c]) {
      const merged = await ctx
        .api('post', `/api/cases/${ref}/merge`, supervisorToken)
        .send({ into: survivor });
      expect(merged.status).toBe(200);
    }
    await ctx.flushOutbox();
    return { merged: [a, b, c], survivor };
  }

  it('with five representatives over three merged cases, it is listed in the duty-gap report until its result reached the citizen', async () => {
    const { merged, survivor } = await groupComplaint();
    const recorded = await record(survivor, {
      headcount: 40,
      representatives: FIVE_REPRESENTATIVES,
      visitDate: '2027-03-01',
      demands: 'Give the stall holders a place to trade until the market reopens',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      ref: survivor,
      priority: 'important',
      headcount: 40,
      visitDate: '2027-03-01',
      mergedCases: merged,
    });
    expect(recorded.body.representatives[0]).toEqual({ name: 'Liu Yang', phone: '+8613911110001' });

    const listed = {
      ref: survivor,
      headcount: 40,
      representatives: 5,
      visitDate: '2027-03-01',
      mergedCases: merged,
      assignee: { id: team.primary.id, name: 'Wang Fang' },
    };
    expect((await report()).petitions).toEqual([
      expect.objectContaining({ ...listed, missing: ['result', 'feedback'] }),
    ]);
    const csvRow = (missing: string) =>
      expect.stringMatching(
        new RegExp(
          `^petition,,${team.primary.id},Wang Fang,.*,${survivor},${missing},.*,40,5,2027-03-01,${merged.join(';')}$`,
          'm',
        ),
      );
    expect(await reportCsv()).toEqual(csvRow('result;feedback'));

    const resolved = await ctx
      .api('post', `/api/cases/${survivor}/result`, primaryToken)
      .send({ text: 'A temporary market opens on Jiefang Road on Monday' });
    expect(resolved.status).toBe(200);
    expect((await report()).petitions).toEqual([
      expect.objectContaining({ ...listed, missing: ['feedback'] }),
    ]);
    expect(await reportCsv()).toEqual(csvRow('feedback'));

    await ctx.flushOutbox();
    const result = fake.messages.find(
      (message) => message.to === FOURTH && message.body.includes('temporary market'),
    )!;
    expect(result).toBeDefined();
    const delivered = await ctx.signedPost('/twilio/sms/status', {
      MessageSid: result.sid,
      MessageStatus: 'delivered',
      AccountSid: fake.accountSid,
      To: FOURTH,
    });
    expect(delivered.status).toBe(204);
    expect((await report()).petitions).toEqual([]);
    expect(await reportCsv()).not.toMatch(/^petition,/m);
  });

  it('recording a petition on a normal case makes it important, moves its deadline as triage does, and says so', async () => {
    await ctx.sms(PHONES.citizen, 'Forty of us will come about the market');
    const ref = await refOf(PHONES.citizen);
    const before = await getCase(ref);
    expect(before.priority).toBe('normal');

    const recorded = await record(ref, {
      headcount: 40,
      representatives: FIVE_REPRESENTATIVES.slice(0, 2),
      demands: 'Reopen the market',
    });
    expect(recorded.status).toBe(201);
    const after = await getCase(ref);
    expect(after.priority).toBe('important');
    expect(after.signOff.required).toBe(true);
    expect(after.dueAt).not.toBe(before.dueAt);
    const petitionEvent = after.events.find((event: EventJson) => event.type === 'petition_recorded');
    expect(petitionEvent.data).toMatchObject({
      headcount: 40,
      representatives: ['Liu Yang', 'Sun Li'],
      priority: { from: 'normal', to: 'important' },
      dueAt: { from: expect.any(String), to: expect.any(String) },
    });
    expect(after.events.map((event: EventJson) => event.type)).toContain('triaged');
    expect(after.petition).toMatchObject({ headcount: 40, visitDate: null, demands: 'Reopen the market' });
  });

  it('an urgent case stays urgent, and a priority the supervisor chooses is kept', async () => {
    await ctx.sms(PHONES.citizen, 'They are blocking the road now');
    await ctx.sms(PHONES.neighbour, 'We want to talk to the mayor');
    const urgent = await refOf(PHONES.citizen);
    const chosen = await refOf(PHONES.neighbour);
    await ctx.api('patch', `/api/cases/${urgent}`, supervisorToken).send({ priority: 'urgent' });
    const reps = FIVE_REPRESENTATIVES.slice(0, 1);
    expect((await record(urgent, { headcount: 3, representatives: reps, demands: 'x' })).body.priority).toBe(
      'urgent',
    );
    const kept = await record(chosen, {
      headcount: 3,
      representatives: reps,
      demands: 'x',
      priority: 'normal',
    });
    expect(kept.body.priority).toBe('normal');
    const events = (await getCase(chosen)).events.map((event: EventJson) => event.type);
    expect(events).toContain('petition_recorded');
    expect(events).not.toContain('triaged');
  });

  it('bad petitions are refused with a 400 and a code; one petition per case; only supervisors write', async () => {
    await ctx.sms(PHONES.citizen, 'Market closed');
    const ref = await refOf(PHONES.citizen);
    const valid = { headcount: 5, representatives: FIVE_REPRESENTATIVES.slice(0, 1), demands: 'Reopen it' };
    expectError(await record(ref, { ...valid, headcount: 0 }), 400, 'petition.invalid');
    expectError(await record(ref, { ...valid, representatives: [] }), 400, 'petition.invalid');
    expectError(await record(ref, { ...valid, demands: ' ' }), 400, 'petition.invalid');
    expectError(await record(ref, { ...valid, visitDate: '2027-02-30' }), 400, 'petition.invalid');
    expectError(await record(ref, { ...valid, visitDate: '2027-13-45' }), 400, 'petition.invalid');
    expectError(await record(ref, { ...valid, visitDate: 'next week' }), 400, 'petition.invalid');
    expectError(
      await record(ref, { ...valid, representatives: [{ name: 'Liu', phone: '12345' }] }),
      400,
      'petition.invalid_phone',
    );
    expectError(
      await record(ref, { ...valid, headcount: 2, representatives: FIVE_REPRESENTATIVES }),
      400,
      'petition.headcount_below_representatives',
    );
    expectError(await record(ref, valid, primaryToken), 403, 'auth.forbidden');
    expectError(await record('123', valid), 400, 'case.invalid_ref');
    expect((await record(ref, valid)).status).toBe(201);
    expectError(await record(ref, valid), 409, 'petition.exists');
    expectError(
      await ctx.api('patch', `/api/cases/${ref}/petition`, supervisorToken).send({}),
      400,
      'petition.invalid',
    );
  });

  it('a case carrying a petition is never merged into another, which would lose it; others still join it', async () => {
    await ctx.sms(PHONES.citizen, 'The Renmin Road market stalls were torn down overnight');
    await ctx.sms(PHONES.neighbour, 'Renmin Road market gone');
    const [petitioned, other] = await Promise.all([refOf(PHONES.citizen), refOf(PHONES.neighbour)]);
    const recorded = await record(petitioned, {
      headcount: 12,
      representatives: FIVE_REPRESENTATIVES.slice(0, 2),
      demands: 'Reopen the market',
    });
    expect(recorded.status).toBe(201);

    const refused = await ctx
      .api('post', `/api/cases/${petitioned}/merge`, supervisorToken)
      .send({ into: other });
    expectError(refused, 409, 'case.carries_petition');
    expect(refused.body.error.message).toContain(`merge ${other} into it instead`);
    expect((await getCase(petitioned)).status).toBe('assigned');
    expect((await getCase(petitioned)).petition.headcount).toBe(12);

    const joined = await ctx
      .api('post', `/api/cases/${other}/merge`, supervisorToken)
      .send({ into: petitioned });
    expect(joined.status).toBe(200);
    expect((await getCase(petitioned)).petition.mergedCases).toEqual([other]);
  });

  it('a correction records what changed; the officer holding the case reads the petition, others do not', async () => {
    await ctx.sms(PHONES.citizen, 'Market closed');
    const ref = await refOf(PHONES.citizen);
    await record(ref, {
      headcount: 5,
      representatives: FIVE_REPRESENTATIVES.slice(0, 1),
      demands: 'Reopen it',
    });
    const patched = await ctx
      .api('patch', `/api/cases/${ref}/petition`, supervisorToken)
      .send({ headcount: 12, representatives: FIVE_REPRESENTATIVES.slice(0, 2), visitDate: '2027-03-04' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ headcount: 12, visitDate: '2027-03-04', demands: 'Reopen it' });
    const events = (await getCase(ref)).events.filter(
      (event: EventJson) => event.type === 'petition_updated',
    );
    expect(events.map((event: EventJson) => event.data)).toEqual([
      {
        headcount: { from: 5, to: 12 },
        representatives: { from: ['Liu Yang'], to: ['Liu Yang', 'Sun Li'] },
        visitDate: { from: null, to: '2027-03-04' },
      },
    ]);
    // The same again changes nothing and records nothing.
    await ctx.api('patch', `/api/cases/${ref}/petition`, supervisorToken).send({ headcount: 12 });
    expect(
      (await getCase(ref)).events.filter((event: EventJson) => event.type === 'petition_updated'),
    ).toHaveLength(1);

    // The case went to the primary on duty, who sees its petition; a colleague sees neither.
    expect((await getCase(ref, primaryToken)).petition.representatives[1].phone).toBe('+8613911110002');
    const colleagueToken = await issueToken(ctx, team.colleague.id);
    expectError(await ctx.api('get', `/api/cases/${ref}`, colleagueToken), 404, 'case.not_found');
    expect((await ctx.api('get', '/api/petitions', colleagueToken)).body.items).toEqual([]);
    expect((await ctx.api('get', '/api/petitions', primaryToken)).body.items).toHaveLength(1);
    expectError(
      await ctx.api('patch', `/api/cases/${ref}/petition`, primaryToken).send({ headcount: 1 }),
      403,
      'auth.forbidden',
    );
  });

  it('representatives’ names and phones never reach /public or Open311', async () => {
    const { survivor } = await groupComplaint();
    await record(survivor, { headcount: 40, representatives: FIVE_REPRESENTATIVES, demands: 'Reopen' });
    const answers = [
      await request(ctx.app).get('/public/'),
      await request(ctx.app).get('/public/figures.json'),
      await open311Get(ctx, `requests/${survivor}.json`),
      await open311Get(ctx, 'requests.json'),
      await open311Get(ctx, 'requests.xml'),
    ];
    expect(answers[2].status).toBe(200);
    for (const answer of answers) {
      expect(answer.text).not.toContain('+8613911110001');
      expect(answer.text).not.toContain('Liu Yang');
    }
  });

  it('GET /api/petitions lists open cases’ petitions first, and the KPIs count petitions and heads in the window', async () => {
    await ctx.sms(PHONES.citizen, 'Market closed');
    await ctx.sms(PHONES.neighbour, 'Road blocked');
    const older = await refOf(PHONES.citizen);
    const newer = await refOf(PHONES.neighbour);
    const reps = FIVE_REPRESENTATIVES.slice(0, 1);
    await record(older, { headcount: 7, representatives: reps, demands: 'Reopen it' });
    ctx.clock.advance(60_000);
    await record(newer, { headcount: 30, representatives: reps, demands: 'Open the road' });
    await ctx.api('post', `/api/cases/${newer}/result`, primaryToken).send({ text: 'Road opened' });

    const list = await ctx.api('get', '/api/petitions', supervisorToken);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { ref: string }) => item.ref)).toEqual([older, newer]);
    expect(list.body.next).toBeNull();

    const kpis = await ctx.api('get', '/api/reports/kpis').query(WINDOW);
    expect(kpis.body.volumes.petitions).toEqual({ count: 2, headcount: 37 });
    const nextDay = await ctx
      .api('get', '/api/reports/kpis')
      .query({ from: WINDOW.to, to: '2027-03-03T00:00:00+08:00' });
    expect(nextDay.body.volumes.petitions).toEqual({ count: 0, headcount: 0 });
  });
});
