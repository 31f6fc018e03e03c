import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { copyFlowsWithTwoHourCategory } from './sla-flows';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface EventJson {
  type: string;
  actor: { type: string; channel: string };
  data: Record<string, unknown>;
}

// t0 is 10:00 Shanghai time on 1 March 2027. `burst-main` (a test copy of flows/) commits to an
// acknowledgement within 30 min and a result within 2 h: reminders 15 and 30 min ahead.
describe('sla-watch', () => {
  const flows = copyFlowsWithTwoHourCategory();
  const hotline = useHotline({ env: { FLOWS_DIR: flows.dir } });
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let t0: number;
  let seen: number;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    t0 = ctx.clock.now().getTime();
    seen = 0;
  });

  afterAll(() => flows.remove());

  const at = (ms: number) => ctx.clock.set(new Date(t0 + ms));
  const runSlaWatch = async () => {
    const res = await ctx.api('post', '/api/jobs/sla-watch/run');
    expect(res.status).toBe(200);
    // The case deadlines' notices; the job's reviewer reminders are test/cases/review's.
    const { reminded, escalated } = res.body.result as { reminded: number; escalated: number };
    return { reminded, escalated };
  };
  /** Texts the fake Twilio received since the last call. */
  const newMessages = async () => {
    await ctx.flushOutbox();
    const fresh = fake.messages.slice(seen).map((message) => ({ to: message.to, body: message.body }));
    seen = fake.messages.length;
    return fresh;
  };
  const openBurstMain = async () => {
    const res = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Water is gushing from the road at Renmin Road 12',
      category: 'burst-main',
      channel: 'visit',
    });
    expect(res.status).toBe(201);
    await newMessages();
    return res.body as { ref: string; dueAt: string; ackDueAt: string };
  };
  const eventsOf = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body.events as EventJson[];
  };
  const staffSms = async (from: string, body: string) => {
    expect((await ctx.sms(from, body)).status).toBe(200);
    await newMessages();
  };

  it('a case with a 2 h result commitment: one reminder to the assignee at t0+1h45, one escalation to the supervisor on duty at t0+2h05, then nothing more', async () => {
    const created = await openBurstMain();
    const { ref } = created;
    expect(created.ackDueAt).toBe('2027-03-01T10:30:00.000+08:00');
    expect(created.dueAt).toBe('2027-03-01T12:00:00.000+08:00');
    // The officer acknowledges straight away, so the result deadline is the one left to meet.
    at(5 * MINUTE);
    await staffSms(PHONES.primary, `ACK ${ref}`);

    at(HOUR + 45 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 1, escalated: 0 });
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([
      {
        to: PHONES.primary,
        body: `Reminder: case ${ref} needs a result by 1 Mar 12:00. Reply DONE ${ref} <result>`,
      },
    ]);

    at(2 * HOUR + 5 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 1 });
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    await ctx.container.jobs.runNow('sla-watch');
    expect(await newMessages()).toEqual([
      {
        to: PHONES.supervisor,
        body: `Overdue: case ${ref} result was due 1 Mar 12:00; assignee Wang Fang. Please follow up.`,
      },
    ]);

    at(5 * HOUR);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([]);

    const events = await eventsOf(ref);
    expect(events.filter((event) => event.type === 'escalated')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'system', channel: 'system' }),
        data: { deadline: 'result', dueAt: '2027-03-01T04:00:00.000Z', staffIds: [team.supervisor.id] },
      }),
    ]);
    expect(events.filter((event) => event.type === 'reminded').map((event) => event.data)).toEqual([
      { deadline: 'result', dueAt: '2027-03-01T04:00:00.000Z', staffIds: [team.primary.id] },
    ]);
  });

  it('an unacknowledged case: the assignee is reminded 15 min before the acknowledge deadline, the supervisor told once after it', async () => {
    const { ref } = await openBurstMain();

    at(14 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    at(15 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 1, escalated: 0 });
    at(20 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([
      {
        to: PHONES.primary,
        body: `Reminder: case ${ref} must be acknowledged by 1 Mar 10:30. Reply ACK ${ref}`,
      },
    ]);

    at(31 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 1 });
    at(32 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([
      {
        to: PHONES.supervisor,
        body: `Overdue: case ${ref} acknowledgement was due 1 Mar 10:30; assignee Wang Fang. Please follow up.`,
      },
    ]);
    const escalated = (await eventsOf(ref)).filter((event) => event.type === 'escalated');
    expect(escalated.map((event) => event.data)).toEqual([
      { deadline: 'acknowledge', dueAt: '2027-03-01T02:30:00.000Z', staffIds: [team.supervisor.id] },
    ]);

    // Acknowledged late, the case still owes its result on time.
    at(40 * MINUTE);
    await staffSms(PHONES.primary, `ACK ${ref}`);
    at(HOUR + 30 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 1, escalated: 0 });
    expect((await newMessages()).map((message) => message.to)).toEqual([PHONES.primary]);
  });

  it('a case resolved after its reminder and before its deadline is not escalated', async () => {
    const { ref } = await openBurstMain();
    at(5 * MINUTE);
    await staffSms(PHONES.primary, `ACK ${ref}`);
    at(HOUR + 45 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 1, escalated: 0 });
    await newMessages();

    at(HOUR + 50 * MINUTE);
    await staffSms(PHONES.primary, `DONE ${ref} Valve closed and the main repaired`);
    at(2 * HOUR + 5 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    at(3 * HOUR);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([]);
    expect((await eventsOf(ref)).map((event) => event.type)).not.toContain('escalated');
  });

  it('a case resolved at once hears nothing from sla-watch at all', async () => {
    const { ref } = await openBurstMain();
    at(10 * MINUTE);
    await staffSms(PHONES.primary, `DONE ${ref} Crew sent, main repaired`);
    for (const minutes of [15, 31, 105, 125, 24 * 60]) {
      at(minutes * MINUTE);
      expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    }
    expect(await newMessages()).toEqual([]);
  });

  it('a case nobody could be given is the supervisors’ to assign: they get the reminders and the escalation', async () => {
    for (const member of [team.primary, team.backup, team.supervisor]) {
      const res = await ctx.api('post', '/api/roster/overrides').send({
        absentStaffId: member.id,
        from: '2027-03-01T09:00:00+08:00',
        to: '2027-03-01T18:00:00+08:00',
        reason: 'leave',
      });
      expect(res.status).toBe(201);
    }
    await newMessages();
    const created = await openBurstMain();
    expect(created).toMatchObject({ status: 'received', assignee: null });

    // No supervisor on duty either: every active supervisor hears.
    at(20 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 1, escalated: 0 });
    expect(await newMessages()).toEqual([
      {
        to: PHONES.supervisor,
        body: `Case ${created.ref} has no assignee; acknowledgement due 1 Mar 10:30. Please assign it.`,
      },
    ]);
    at(35 * MINUTE);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 1 });
    expect(await newMessages()).toEqual([
      {
        to: PHONES.supervisor,
        body: `Overdue: case ${created.ref} acknowledgement was due 1 Mar 10:30; assignee nobody. Please follow up.`,
      },
    ]);
  });

  it('looks only at open cases whose deadlines are near or lately past', async () => {
    const { ref } = await openBurstMain();
    // Eight days on, the deadlines are past the escalation look-back: the job has nothing to read.
    at(8 * 24 * HOUR);
    expect(await runSlaWatch()).toEqual({ reminded: 0, escalated: 0 });
    expect(await newMessages()).toEqual([]);
    expect((await eventsOf(ref)).map((event) => event.type)).not.toContain('escalated');
  });
});
