import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface EventJson {
  type: string;
  actor: { type: string; staff: { id: number } | null; channel: string };
  data: Record<string, unknown>;
}

// The clock stands at 10:00 Shanghai time on 1 March 2027: Wang Fang is the primary, Li Qiang the
// backup and Zhao Min the supervisor on duty; Chen Jie holds no rotation.
describe('SICK hands the sick officer’s open cases to whoever takes over', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const bodiesTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  };
  const caseFromText = async (phone: string, text: string) => {
    expect((await ctx.sms(phone, text)).status).toBe(200);
    return ctx.container.db
      .selectFrom('cases')
      .selectAll()
      .where('phone', '=', phone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  };
  const caseByRef = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body as { status: string; assignee: { id: number } | null; events: EventJson[] };
  };
  const absent = async (staffId: number, extra: Record<string, unknown> = {}) => {
    const res = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: staffId,
      from: '2027-03-01T09:00:00+08:00',
      to: '2027-03-01T18:00:00+08:00',
      reason: 'leave',
      ...extra,
    });
    expect(res.status).toBe(201);
  };

  it('a primary who texts SICK: their open cases go to the backup on duty, who gets the alert, with an assigned event saying why', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');
    const drain = await caseFromText(PHONES.neighbour, 'The drain on Lane 6 is blocked');
    expect([lamp.assignee_id, drain.assignee_id]).toEqual([team.primary.id, team.primary.id]);
    await ctx.sms(PHONES.primary, `ACK ${drain.ref}`);
    const alertsBefore = (await bodiesTo(PHONES.backup)).length;

    await ctx.sms(PHONES.primary, 'SICK');

    for (const ref of [lamp.ref, drain.ref]) {
      const found = await caseByRef(ref);
      expect(found.assignee).toMatchObject({ id: team.backup.id });
      expect(found.events.at(-1)).toMatchObject({
        type: 'assigned',
        actor: { type: 'staff', staff: { id: team.primary.id }, channel: 'sms' },
        data: { staffId: team.backup.id, previousStaffId: team.primary.id, reason: 'handover_sick' },
      });
    }
    // An acknowledged case stays acknowledged: the work on it goes on under its new assignee.
    expect((await caseByRef(drain.ref)).status).toBe('acknowledged');
    expect((await caseByRef(lamp.ref)).status).toBe('assigned');

    const backupTexts = (await bodiesTo(PHONES.backup)).slice(alertsBefore);
    expect(backupTexts.filter((body) => body.startsWith('New case')).sort()).toEqual(
      [
        `New case ${lamp.ref} (SMS) ${PHONES.citizen}: The street lamp on Renmin Road is out Reply ACK ${lamp.ref}`,
        `New case ${drain.ref} (SMS) ${PHONES.neighbour}: The drain on Lane 6 is blocked Reply ACK ${drain.ref}`,
      ].sort(),
    );
    await ctx.sms(PHONES.primary, 'CASES');
    expect((await bodiesTo(PHONES.primary)).at(-1)).toBe('You have no open cases.');
  });

  it('after a SICK, sla-watch reminds the new assignee, not the sick person', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');
    await ctx.sms(PHONES.primary, 'SICK');
    await ctx.flushOutbox();
    const seen = fake.messages.length;

    // `other`, normal: acknowledge within 4 h; the reminder goes an hour ahead.
    ctx.clock.advance(3 * HOUR + 15 * MINUTE);
    const res = await ctx.api('post', '/api/jobs/sla-watch/run');
    // No collective review is open, so sla-watch reminds no reviewer.
    expect(res.body.result).toEqual({ reminded: 1, escalated: 0, reviewReminders: 0 });
    await ctx.flushOutbox();

    const reminders = fake.messages.slice(seen).filter((message) => message.body.startsWith('Reminder'));
    expect(reminders.map((message) => message.to)).toEqual([PHONES.backup]);
    expect(reminders[0].body).toContain(lamp.ref);
  });

  it('with the backup and the supervisor away too, the cases go to nobody and every supervisor is told', async () => {
    await absent(team.backup.id);
    await absent(team.supervisor.id);
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');
    expect(lamp.assignee_id).toBe(team.primary.id);

    await ctx.sms(PHONES.primary, 'SICK');

    const found = await caseByRef(lamp.ref);
    expect(found).toMatchObject({ status: 'received', assignee: null });
    expect(found.events.at(-1)).toMatchObject({
      type: 'assigned',
      data: { staffId: null, previousStaffId: team.primary.id, reason: 'handover_sick' },
    });
    // No supervisor is on duty, so every active supervisor hears (one rule for that, everywhere).
    expect((await bodiesTo(PHONES.supervisor)).at(-1)).toBe(
      `Wang Fang is away and nobody on duty can take their cases: ${lamp.ref}. Please assign them.`,
    );
    expect((await bodiesTo(PHONES.primary)).filter((body) => body.startsWith('New case'))).toHaveLength(1);
  });

  it('a long absence with many cases left with nobody: the supervisors’ text names the ten due soonest and counts the rest', async () => {
    await absent(team.backup.id);
    await absent(team.supervisor.id);
    const refs: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const phone = `+86139000001${String(i).padStart(2, '0')}`;
      refs.push((await caseFromText(phone, `Street lamp ${i + 1} on Renmin Road is out`)).ref);
    }

    await ctx.sms(PHONES.primary, 'SICK');

    expect((await bodiesTo(PHONES.supervisor)).at(-1)).toBe(
      `Wang Fang is away and nobody on duty can take their cases: ${refs.slice(0, 10).join(' ')} +2. Please assign them.`,
    );
    for (const ref of refs) expect((await caseByRef(ref)).assignee).toBeNull();
  });

  it('a case left with nobody, acknowledged before, is taken by the next officer on duty who texts ACK', async () => {
    await absent(team.backup.id);
    await absent(team.supervisor.id);
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');
    await ctx.sms(PHONES.primary, `ACK ${lamp.ref}`);
    await ctx.sms(PHONES.primary, 'SICK');
    expect(await caseByRef(lamp.ref)).toMatchObject({ status: 'acknowledged', assignee: null });

    // 18:00: the backup's leave is over.
    ctx.clock.set(new Date('2027-03-01T10:00:00Z'));
    await ctx.sms(PHONES.backup, `ACK ${lamp.ref}`);

    const found = await caseByRef(lamp.ref);
    expect(found).toMatchObject({ status: 'acknowledged', assignee: { id: team.backup.id } });
    expect(found.events.at(-1)).toMatchObject({
      type: 'assigned',
      data: { staffId: team.backup.id, previousStaffId: null, reason: 'claimed' },
    });
    expect((await bodiesTo(PHONES.backup)).at(-1)).toBe(`Case ${lamp.ref} acknowledged.`);
  });

  it('an absence with a cover hands the absent person’s cases to the cover, not to the primary on duty', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');

    // The colleague already covers the backup's afternoon; the backup then falls ill for the rest.
    await absent(team.backup.id, {
      coverStaffId: team.colleague.id,
      from: '2027-03-01T10:00:00+08:00',
      to: '2027-03-02T08:00:00+08:00',
      reason: 'sick',
    });
    // A supervisor then gives the backup the case anyway, and the backup texts SICK.
    const assigned = await ctx.api('post', `/api/cases/${lamp.ref}/assign`).send({ staffId: team.backup.id });
    expect(assigned.status).toBe(200);
    await ctx.sms(PHONES.backup, 'SICK');

    const found = await caseByRef(lamp.ref);
    expect(found.assignee).toMatchObject({ id: team.colleague.id });
    expect(found.events.at(-1)).toMatchObject({
      type: 'assigned',
      data: { staffId: team.colleague.id, previousStaffId: team.backup.id, reason: 'handover_sick' },
    });
    expect(
      (await bodiesTo(PHONES.colleague)).filter((body) => body.startsWith(`New case ${lamp.ref}`)),
    ).not.toEqual([]);
  });

  it('an absence recorded through the API that has begun hands the cases over the same way', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');

    await absent(team.primary.id, { reason: 'sick' });

    const found = await caseByRef(lamp.ref);
    expect(found.assignee).toMatchObject({ id: team.backup.id });
    expect(found.events.at(-1)).toMatchObject({
      type: 'assigned',
      actor: { type: 'staff', channel: 'api' },
      data: { staffId: team.backup.id, previousStaffId: team.primary.id, reason: 'handover_absence' },
    });
    expect(
      (await bodiesTo(PHONES.backup)).filter((body) => body.startsWith(`New case ${lamp.ref}`)),
    ).toHaveLength(1);
  });

  it('an absence recorded through the API for later leaves the cases where they are', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');

    await absent(team.primary.id, { from: '2027-03-03T08:00:00+08:00', to: '2027-03-04T08:00:00+08:00' });

    expect((await caseByRef(lamp.ref)).assignee).toMatchObject({ id: team.primary.id });
  });

  it('an absence whose hand-over fails is not recorded either: the override and the hand-over commit together', async () => {
    const lamp = await caseFromText(PHONES.citizen, 'The street lamp on Renmin Road is out');
    jest
      .spyOn(ctx.container.casesRepository, 'listOpenByAssignee')
      .mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));

    const res = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-01T09:00:00+08:00',
      to: '2027-03-01T18:00:00+08:00',
      reason: 'sick',
    });

    expect(res.status).toBe(500);
    expect(await ctx.container.db.selectFrom('overrides').selectAll().execute()).toEqual([]);
    const onDuty = await ctx.api('get', '/api/roster/on-duty');
    expect(onDuty.body.primary).toMatchObject({ id: team.primary.id });
    expect((await caseByRef(lamp.ref)).assignee).toMatchObject({ id: team.primary.id });
  });
});
