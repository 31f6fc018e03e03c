import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { fakeSid } from '../helpers/twilio-signing';

describe('the SMS hotline, through the app and a fake Twilio', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const sentTo = (phone: string) => fake.messages.filter((message) => message.to === phone);
  const caseRows = () => ctx.container.db.selectFrom('cases').selectAll().execute();
  const latestCase = async () => (await caseRows()).at(-1)!;

  it("a citizen's text becomes one case for the primary, with one receipt and one officer alert", async () => {
    const sid = fakeSid('SM');
    const res = await ctx.sms(
      PHONES.citizen,
      'The street lamp on Jiefang Road has been out for three days',
      sid,
    );
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toContain('<Response/>');
    await ctx.flushOutbox();

    const cases = await caseRows();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      channel: 'sms',
      status: 'assigned',
      assignee_id: team.primary.id,
      phone: PHONES.citizen,
    });
    const ref = cases[0].ref;

    const receipts = sentTo(PHONES.citizen);
    expect(receipts).toHaveLength(1);
    expect(receipts[0].body).toContain(ref);
    expect(receipts[0].body).toContain('STATUS');
    expect(receipts[0].statusCallback).toBe('https://hotline.example.org/twilio/sms/status');
    const alerts = sentTo(PHONES.primary);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain(ref);
    expect(fake.messages).toHaveLength(2);

    const eventsBefore = await ctx.container.db.selectFrom('case_events').selectAll().execute();
    expect(eventsBefore.map((event) => event.type)).toEqual(['created', 'assigned']);

    // Twilio retries the same MessageSid: nothing changes.
    const again = await ctx.sms(
      PHONES.citizen,
      'The street lamp on Jiefang Road has been out for three days',
      sid,
    );
    expect(again.status).toBe(200);
    await ctx.flushOutbox();
    expect(await caseRows()).toHaveLength(1);
    expect(fake.messages).toHaveLength(2);
    const inbound = await ctx.container.db.selectFrom('inbound_messages').selectAll().execute();
    expect(inbound).toHaveLength(1);
    expect(await ctx.container.db.selectFrom('case_events').selectAll().execute()).toEqual(eventsBefore);
  });

  it('a follow-up within 30 minutes joins the open case; a later text opens a new one', async () => {
    await ctx.sms(PHONES.citizen, 'Rubbish has not been collected on Lane 5');
    ctx.clock.advance(20 * 60_000);
    await ctx.sms(PHONES.citizen, 'It is starting to smell');
    expect(await caseRows()).toHaveLength(1);
    const events = await ctx.container.db
      .selectFrom('case_events')
      .selectAll()
      .where('type', '=', 'citizen_message')
      .execute();
    expect(JSON.parse(events[0].data)).toEqual({ text: 'It is starting to smell' });

    ctx.clock.advance(31 * 60_000);
    await ctx.sms(PHONES.citizen, 'Also the drain on Lane 6 is blocked');
    expect(await caseRows()).toHaveLength(2);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toHaveLength(2);
  });

  it('a flood from one number makes a handful of cases, not thousands', async () => {
    for (let i = 0; i < 30; i += 1) {
      ctx.clock.advance((31 * 60_000) / 10);
      await ctx.sms(PHONES.citizen, `complaint number ${i}`);
    }
    const cases = await caseRows();
    expect(cases.length).toBeLessThanOrEqual(5);
    const inbound = await ctx.container.db.selectFrom('inbound_messages').selectAll().execute();
    expect(inbound).toHaveLength(30);
    expect(inbound.every((message) => message.case_id !== null)).toBe(true);
  });

  it('STATUS tells the reporting number the status and result, and tells any other number nothing', async () => {
    await ctx.sms(PHONES.citizen, 'Noise from the construction site at night');
    const { ref } = await latestCase();
    await ctx.sms(PHONES.primary, `DONE ${ref} Site told to stop work after 22:00`);
    await ctx.sms(PHONES.citizen, `STATUS ${ref}`);
    await ctx.sms(PHONES.neighbour, `查询 ${ref}`);
    await ctx.sms(PHONES.neighbour, `status ${ref.slice(0, 7)}${(Number(ref[7]) + 1) % 10}`);
    await ctx.flushOutbox();

    const toCitizen = sentTo(PHONES.citizen).map((message) => message.body);
    expect(toCitizen.at(-1)).toBe(`Case ${ref}: answered. Result: Site told to stop work after 22:00`);
    const toNeighbour = sentTo(PHONES.neighbour).map((message) => message.body);
    expect(toNeighbour[0]).toBe(`本号码没有编号为${ref}的案件。`);
    expect(toNeighbour[0]).not.toContain('22:00');
    expect(toNeighbour[1]).toContain('not valid');
  });

  it('STATUS with no reference lists the open cases of the sender', async () => {
    await ctx.sms(PHONES.citizen, 'Broken bench in the park');
    const { ref } = await latestCase();
    await ctx.sms(PHONES.citizen, 'STATUS');
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen).at(-1)!.body).toBe(`Your open cases: ${ref} assigned`);
  });

  it('DONE by SMS sends the citizen the result and the satisfaction question, and 1 closes the case', async () => {
    await ctx.sms(PHONES.citizen, 'Water pipe leaking at Building 3');
    const { ref } = await latestCase();
    await ctx.sms(PHONES.primary, `ACK ${ref}`);
    expect((await latestCase()).status).toBe('acknowledged');
    await ctx.sms(PHONES.primary, `DONE ${ref} Pipe repaired by the water company`);
    await ctx.flushOutbox();

    const resolved = await latestCase();
    expect(resolved).toMatchObject({ status: 'resolved', result: 'Pipe repaired by the water company' });
    const toCitizen = sentTo(PHONES.citizen).map((message) => message.body);
    expect(toCitizen).toEqual([
      expect.stringContaining(ref),
      `Case ${ref} result: Pipe repaired by the water company`,
      `Are you satisfied with case ${ref}? Reply 1 satisfied, 2 not satisfied.`,
    ]);
    expect(sentTo(PHONES.primary).map((message) => message.body)).toEqual([
      expect.stringContaining(`New case ${ref}`),
      `Case ${ref} acknowledged.`,
      `Case ${ref} resolved; the result is on its way to the citizen.`,
    ]);

    await ctx.sms(PHONES.citizen, '１');
    const closed = await latestCase();
    expect(closed).toMatchObject({ status: 'closed', satisfaction_answer: 'satisfied' });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen).at(-1)!.body).toBe(`Thank you. Case ${ref} is closed.`);
    expect(await caseRows()).toHaveLength(1);
  });

  it('2 reopens the case and alerts the supervisor on duty', async () => {
    await ctx.sms(PHONES.citizen, 'Potholes on Xinhua Street');
    const { ref } = await latestCase();
    await ctx.sms(PHONES.primary, `办结 ${ref} 已修补`);
    await ctx.sms(PHONES.citizen, '不满意');
    expect(await latestCase()).toMatchObject({ status: 'reopened', satisfaction_answer: 'unsatisfied' });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.supervisor).map((message) => message.body)).toEqual([
      `Citizen unsatisfied with case ${ref}; it is reopened. Please follow up.`,
    ]);
  });

  it('staff commands: NOTE, WHO, CASES, and help for anything else; staff texts never open cases', async () => {
    await ctx.sms(PHONES.citizen, 'Dog barking all night');
    const { ref, id } = await latestCase();
    await ctx.sms(PHONES.primary, `note ${ref} called the owner`);
    await ctx.sms(PHONES.primary, 'WHO');
    await ctx.sms(PHONES.primary, '案件');
    await ctx.sms(PHONES.primary, 'the lift is broken in my building');
    await ctx.sms(PHONES.colleague, `DONE ${ref} not mine to close`);
    await ctx.flushOutbox();

    expect(await caseRows()).toHaveLength(1);
    const notes = await ctx.container.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', id)
      .where('type', '=', 'note')
      .execute();
    expect(JSON.parse(notes[0].data)).toEqual({ text: 'called the owner' });
    expect(
      sentTo(PHONES.primary)
        .slice(1)
        .map((message) => message.body),
    ).toEqual([
      `Note added to case ${ref}.`,
      'On duty: primary Wang Fang, backup Li Qiang, supervisor Zhao Min.',
      `Your open cases: ${ref} assigned`,
      'Commands: ACK ref | DONE ref result | NOTE ref text | CALLED ref note | NOANSWER ref | AGREE/DISAGREE ref opinion | WHO | CASES | SICK | COVER',
    ]);
    expect(sentTo(PHONES.colleague).map((message) => message.body)).toEqual([
      `No case ${ref} assigned to you.`,
    ]);
    expect((await latestCase()).status).toBe('assigned');
  });

  it('STOP keeps the number from any further SMS; START lets them through again', async () => {
    await ctx.sms(PHONES.citizen, 'Illegal parking on the pavement');
    await ctx.flushOutbox();
    const { ref } = await latestCase();
    await ctx.sms(PHONES.citizen, 'stop');
    await ctx.sms(PHONES.primary, `DONE ${ref} Cars towed`);
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toHaveLength(1);
    const held = await ctx.container.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_phone', '=', PHONES.citizen)
      .where('purpose', '=', 'result')
      .execute();
    expect(held[0]).toMatchObject({ status: 'opted_out', error_code: '21610' });

    await ctx.sms(PHONES.citizen, 'START');
    await ctx.sms(PHONES.citizen, 'HELP');
    await ctx.flushOutbox();
    expect(
      sentTo(PHONES.citizen)
        .slice(1)
        .map((message) => message.body),
    ).toEqual([
      'You will receive hotline texts again.',
      '24-hour complaint hotline. Text your complaint; STATUS <ref> to check; STOP to opt out.',
    ]);
  });

  it('Twilio Advanced Opt-Out is honoured even for a word the hotline does not know', async () => {
    await ctx.signedPost('/twilio/sms', {
      MessageSid: fakeSid('SM'),
      From: PHONES.citizen,
      To: '+8610012345',
      Body: 'ARRET',
      OptOutType: 'STOP',
    });
    const optOuts = await ctx.container.db.selectFrom('opt_outs').selectAll().execute();
    expect(optOuts.map((row) => row.phone)).toEqual([PHONES.citizen]);
    expect(await caseRows()).toHaveLength(0);
  });

  it('with the primary absent and uncovered, the backup gets the case and the supervisor is told', async () => {
    const override = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-01T00:00:00Z',
      to: '2027-03-02T00:00:00Z',
      reason: 'sick',
    });
    expect(override.status).toBe(201);
    await ctx.sms(PHONES.citizen, 'Flooded underpass');
    const created = await latestCase();
    expect(created).toMatchObject({ status: 'assigned', assignee_id: team.backup.id });
    expect(JSON.parse(created.on_duty)).toEqual({
      primary: null,
      backup: team.backup.id,
      supervisor: team.supervisor.id,
    });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.primary)).toHaveLength(0);
    expect(sentTo(PHONES.backup)[0].body).toContain(`New case ${created.ref}`);
    expect(sentTo(PHONES.supervisor).map((message) => message.body)).toEqual([
      `No primary on duty: case ${created.ref} went to Li Qiang. Please arrange cover.`,
    ]);
  });

  it('with nobody on duty at all, the case is still recorded and the citizen still gets a receipt', async () => {
    ctx.clock.set('2027-01-15T02:00:00Z'); // before any rotation starts
    await ctx.sms(PHONES.citizen, 'Flooded underpass');
    expect(await latestCase()).toMatchObject({ status: 'received', assignee_id: null });
    await ctx.flushOutbox();
    expect(sentTo(PHONES.citizen)).toHaveLength(1);
  });
});
