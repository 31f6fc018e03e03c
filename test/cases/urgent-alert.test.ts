import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, PHONES } from '../helpers/seed';

interface EventJson {
  type: string;
  actor: { type: string; channel: string };
  data: Record<string, unknown>;
}

// The clock stands at 10:00 Shanghai time on 1 March 2027.
describe('an urgent case', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const logCase = async (priority: string) => {
    const res = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Gas smell in the stairwell of building 4, Heping Lane',
      category: 'noise',
      channel: 'visit',
      priority,
    });
    expect(res.status).toBe(201);
    await ctx.flushOutbox();
    return res.body as { ref: string; dueAt: string; ackDueAt: string; createdAt: string };
  };
  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((m) => m.body);
  const eventsOf = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body.events as EventJson[];
  };
  const override = async (body: Record<string, unknown>) => {
    const res = await ctx
      .api('post', '/api/roster/overrides')
      .send({ from: '2027-03-01T09:00:00+08:00', to: '2027-03-01T18:00:00+08:00', ...body });
    expect(res.status).toBe(201);
  };

  it('alerts the supervisor on duty at once, in the same breath as the case, with an event', async () => {
    const created = await logCase('urgent');
    const { ref } = created;
    // noise, urgent: acknowledge within 15 min, a result within 4 h.
    expect(created.createdAt).toBe('2027-03-01T10:00:00.000+08:00');
    expect(created.ackDueAt).toBe('2027-03-01T10:15:00.000+08:00');
    expect(created.dueAt).toBe('2027-03-01T14:00:00.000+08:00');

    expect(sentTo(PHONES.supervisor)).toEqual([
      `URGENT case ${ref} (Noise), assignee Wang Fang: Gas smell in the stairwell of…`,
    ]);
    expect(sentTo(PHONES.primary)).toHaveLength(1);
    expect(sentTo(PHONES.backup)).toEqual([]);
    const alerted = (await eventsOf(ref)).filter((event) => event.type === 'urgent_alerted');
    expect(alerted).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'system', channel: 'system' }),
        data: { recipients: 'supervisor', staffIds: [team.supervisor.id] },
      }),
    ]);
  });

  it('a normal or important case does not alert the supervisor', async () => {
    for (const priority of ['normal', 'important']) {
      const { ref } = await logCase(priority);
      expect((await eventsOf(ref)).map((event) => event.type)).not.toContain('urgent_alerted');
    }
    expect(sentTo(PHONES.supervisor)).toEqual([]);
  });

  it('when the supervisor on duty is the assignee, the backup on duty is alerted instead', async () => {
    // The supervisor covers the primary desk today.
    await override({ absentStaffId: team.primary.id, coverStaffId: team.supervisor.id, reason: 'swap' });
    const { ref } = await logCase('urgent');

    expect(sentTo(PHONES.backup)).toEqual([
      `URGENT case ${ref} (Noise), assignee Zhao Min: Gas smell in the stairwell of…`,
    ]);
    expect(sentTo(PHONES.supervisor).filter((body) => body.startsWith('URGENT'))).toEqual([]);
    const alerted = (await eventsOf(ref)).filter((event) => event.type === 'urgent_alerted');
    expect(alerted.map((event) => event.data)).toEqual([
      { recipients: 'backup', staffIds: [team.backup.id] },
    ]);
  });

  it('with no supervisor on duty, every active supervisor is alerted, in their own language', async () => {
    const other = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'zh-CN',
    });
    await override({ absentStaffId: team.supervisor.id, reason: 'sick' });
    const { ref } = await logCase('urgent');

    expect(sentTo(PHONES.supervisor)).toEqual([
      `URGENT case ${ref} (Noise), assignee Wang Fang: Gas smell in the stairwell of…`,
    ]);
    const chinese = sentTo('+8613800000009');
    expect(chinese).toEqual([`紧急案件${ref}（噪音扰民），承办人Wang Fang：Gas smell in the stairwell of…`]);
    expect(chinese[0].length).toBeLessThanOrEqual(70);
    const alerted = (await eventsOf(ref)).filter((event) => event.type === 'urgent_alerted');
    expect(alerted.map((event) => event.data)).toEqual([
      { recipients: 'all_supervisors', staffIds: [team.supervisor.id, other.id] },
    ]);
  });
});
