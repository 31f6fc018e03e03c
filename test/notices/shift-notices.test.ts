import { createTestContext, type TestContext } from '../helpers/context';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { PHONES, seedDutyTeam } from '../helpers/seed';

const THIRD_CITIZEN = '+8613911112222';

describe('shift-notices', () => {
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: Awaited<ReturnType<typeof seedDutyTeam>>;

  afterEach(async () => {
    await ctx.close();
    await fake.close();
  });

  // The clock starts at 10:00 Shanghai time on 1 March 2027; every shift hands off at 08:00.
  async function setUp(env: Record<string, string> = {}) {
    fake = await startFakeTwilio();
    ctx = await createTestContext({ fake, env });
    team = await seedDutyTeam(ctx);
  }

  const run = async () => {
    const res = await ctx.api('post', '/api/jobs/shift-notices/run');
    expect(res.status).toBe(200);
    return res.body.result as { reminders: number; handovers: number };
  };
  const noticesTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages
      .filter((message) => message.to === phone && /^(Shift reminder|Handover)/.test(message.body))
      .map((message) => message.body);
  };

  it('reminds everyone an hour before their next shift, once, even when they stay on across the handoff', async () => {
    await setUp();
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });
    ctx.clock.set('2027-03-02T06:59:00+08:00');
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });

    ctx.clock.set('2027-03-02T07:00:00+08:00');
    expect(await run()).toEqual({ reminders: 3, handovers: 1 });
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });
    ctx.clock.set('2027-03-02T07:05:00+08:00');
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });
    ctx.clock.set('2027-03-02T08:05:00+08:00');
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });

    expect(await noticesTo(PHONES.primary)).toEqual([
      'Shift reminder: you are primary, 2 Mar 08:00–3 Mar 08:00.',
      'Handover: 0 open cases, 0 yours. None unassigned or overdue.',
    ]);
    expect(await noticesTo(PHONES.backup)).toEqual([
      'Shift reminder: you are backup, 2 Mar 08:00–3 Mar 08:00.',
    ]);
    expect(await noticesTo(PHONES.supervisor)).toEqual([
      'Shift reminder: you are supervisor, 2 Mar 08:00–3 Mar 08:00.',
    ]);
    expect(await noticesTo(PHONES.colleague)).toEqual([]);

    // The next day's shift is a new one.
    ctx.clock.set('2027-03-03T07:10:00+08:00');
    expect(await run()).toEqual({ reminders: 3, handovers: 1 });
  });

  it('follows the configured lead time', async () => {
    await setUp({ SHIFT_REMINDER_MINUTES: '30' });
    ctx.clock.set('2027-03-02T07:29:00+08:00');
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });
    ctx.clock.set('2027-03-02T07:30:00+08:00');
    expect(await run()).toEqual({ reminders: 3, handovers: 1 });
  });

  it('the incoming primary gets the handover with the open unassigned and overdue cases; the outgoing one nothing', async () => {
    await setUp();
    const rotations = (await ctx.api('get', '/api/roster/rotations')).body.items as {
      id: number;
      position: string;
    }[];
    const primaryRotation = rotations.find((rotation) => rotation.position === 'primary')!;
    // From now on the desk alternates: the shift from 2 March 08:00 is the colleague's.
    const patched = await ctx
      .api('patch', `/api/roster/rotations/${primaryRotation.id}`)
      .send({ members: [team.primary.id, team.colleague.id] });
    expect(patched.status).toBe(200);
    expect((await ctx.api('get', '/api/roster/on-duty').send()).body.primary.name).toBe('Wang Fang');

    await ctx.sms(PHONES.citizen, 'The pavement on Lane 3 is broken');
    await ctx.sms(PHONES.neighbour, 'Loud music every night at number 12');
    await ctx.sms(THIRD_CITIZEN, 'A tree has fallen across the cycle path');
    const cases = await ctx.container.db.selectFrom('cases').selectAll().orderBy('id').execute();
    expect(cases).toHaveLength(3);
    const [onTime, unassigned, overdue] = cases.map((found) => found.ref);
    await ctx.container.db
      .updateTable('cases')
      .set({ assignee_id: null, status: 'received' })
      .where('ref', '=', unassigned)
      .execute();
    await ctx.container.db
      .updateTable('cases')
      .set({ due_at: '2027-03-01T12:00:00.000Z', assignee_id: team.colleague.id })
      .where('ref', '=', overdue)
      .execute();

    ctx.clock.set('2027-03-02T07:00:00+08:00');
    await run();

    expect(await noticesTo(PHONES.colleague)).toEqual([
      'Shift reminder: you are primary, 2 Mar 08:00–3 Mar 08:00.',
      `Handover: 3 open cases, 1 yours. Unassigned or overdue: ${unassigned} ${overdue}`,
    ]);
    expect(await noticesTo(PHONES.primary)).toEqual([]);
    expect((await noticesTo(PHONES.colleague)).join(' ')).not.toContain(onTime);
    expect(await run()).toEqual({ reminders: 0, handovers: 0 });
  });

  it('caps the handover list and says how many more there are', async () => {
    await setUp();
    for (let i = 0; i < 6; i += 1) {
      await ctx.sms(`+86139000000${10 + i}`, `Complaint number ${i}`);
    }
    await ctx.container.db.updateTable('cases').set({ assignee_id: null, status: 'received' }).execute();

    ctx.clock.set('2027-03-02T07:00:00+08:00');
    await run();

    const [, handover] = await noticesTo(PHONES.primary);
    expect(handover).toMatch(/^Handover: 6 open cases, 0 yours\. Unassigned or overdue: (\d{8} ){4}\+2$/);
  });

  it('a colleague who covers from now is reminded of the shift and gets the handover', async () => {
    await setUp();
    await ctx.sms(PHONES.primary, 'SICK');
    ctx.clock.advance(20 * 60_000);
    await ctx.sms(PHONES.colleague, 'COVER');
    ctx.clock.advance(5 * 60_000);

    expect(await run()).toEqual({ reminders: 1, handovers: 1 });

    expect(await noticesTo(PHONES.colleague)).toEqual([
      'Shift reminder: you are primary, 1 Mar 10:20–2 Mar 08:00.',
      'Handover: 0 open cases, 0 yours. None unassigned or overdue.',
    ]);
  });
});
