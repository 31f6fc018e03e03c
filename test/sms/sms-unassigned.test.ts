import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, PHONES } from '../helpers/seed';

const MINUTE = 60_000;

interface EventJson {
  type: string;
  actor: { type: string; staff: { id: number } | null; channel: string };
  data: Record<string, unknown>;
}

// The clock stands at 10:00 Shanghai time on 1 March 2027. Everyone on a rotation is away until
// 10:30, so a text from a citizen at 10:00 becomes a case nobody holds.
describe('a case nobody holds, over SMS: references are not an authorisation', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let ref: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    for (const member of [team.primary, team.backup, team.supervisor]) {
      const res = await ctx.api('post', '/api/roster/overrides').send({
        absentStaffId: member.id,
        from: '2027-03-01T09:00:00+08:00',
        to: '2027-03-01T10:30:00+08:00',
        reason: 'leave',
      });
      expect(res.status).toBe(201);
    }
    await ctx.sms(PHONES.citizen, 'The street lamp on Renmin Road is out');
    const created = await ctx.container.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(created.assignee_id).toBeNull();
    ref = created.ref;
    ctx.clock.advance(30 * MINUTE);
  });

  const lastTextTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).at(-1)?.body;
  };
  const caseByRef = async () => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body as {
      status: string;
      result: string | null;
      assignee: { id: number } | null;
      events: EventJson[];
    };
  };

  it('the officer on duty who texts DONE takes the case first, then resolves it', async () => {
    await ctx.sms(PHONES.primary, `DONE ${ref} Lamp replaced`);

    const found = await caseByRef();
    expect(found).toMatchObject({ status: 'resolved', result: 'Lamp replaced' });
    expect(found.assignee).toMatchObject({ id: team.primary.id });
    const [claimed, resolved] = found.events.slice(-3);
    expect(claimed).toMatchObject({
      type: 'assigned',
      actor: { type: 'staff', staff: { id: team.primary.id }, channel: 'sms' },
      data: { staffId: team.primary.id, previousStaffId: null, reason: 'claimed' },
    });
    expect(resolved.type).toBe('resolved');
    expect(await lastTextTo(PHONES.primary)).toBe(
      `Case ${ref} resolved; the result is on its way to the citizen.`,
    );
  });

  it('ACK and NOTE from the backup on duty take the case too', async () => {
    await ctx.sms(PHONES.backup, `NOTE ${ref} On my way`);
    let found = await caseByRef();
    expect(found.assignee).toMatchObject({ id: team.backup.id });
    expect(found.events.slice(-2).map((event) => [event.type, event.data.reason])).toEqual([
      ['assigned', 'claimed'],
      ['note', undefined],
    ]);

    await ctx.sms(PHONES.backup, `ACK ${ref}`);
    found = await caseByRef();
    expect(found).toMatchObject({ status: 'acknowledged', assignee: { id: team.backup.id } });
    expect(found.events.filter((event) => event.type === 'assigned')).toHaveLength(1);
  });

  it('a colleague who is not on duty is told there is no such case of theirs, and the case stays unresolved', async () => {
    await ctx.sms(PHONES.colleague, `DONE ${ref} Sorted it out myself`);
    await ctx.sms(PHONES.colleague, `ACK ${ref}`);
    await ctx.sms(PHONES.colleague, `NOTE ${ref} Looking`);

    expect(await lastTextTo(PHONES.colleague)).toBe(`No case ${ref} assigned to you.`);
    const found = await caseByRef();
    expect(found).toMatchObject({ status: 'received', result: null, assignee: null });
    expect(found.events.map((event) => event.type)).toEqual(['created']);
  });

  it('a supervisor who is not on duty may still take it', async () => {
    const other = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'en',
    });
    await ctx.sms(other.phone, `ACK ${ref}`);

    expect(await caseByRef()).toMatchObject({ status: 'acknowledged', assignee: { id: other.id } });
  });
});

describe('a result for a case nobody holds', () => {
  const hotline = useHotline();

  it('is refused by the API with 409 case.unassigned, and nothing changes', async () => {
    const { ctx, team } = hotline;
    for (const member of [team.primary, team.backup, team.supervisor]) {
      await ctx.api('post', '/api/roster/overrides').send({
        absentStaffId: member.id,
        from: '2027-03-01T09:00:00+08:00',
        to: '2027-03-01T18:00:00+08:00',
        reason: 'leave',
      });
    }
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Letter about the broken lamp on Renmin Road',
      category: 'roads',
      channel: 'letter',
    });
    expect(created.body).toMatchObject({ status: 'received', assignee: null });

    const res = await ctx
      .api('post', `/api/cases/${created.body.ref}/result`)
      .send({ text: 'Lamp replaced' });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('case.unassigned');
    const after = await ctx.api('get', `/api/cases/${created.body.ref}`);
    expect(after.body).toMatchObject({ status: 'received', result: null, assignee: null });
  });
});
