import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

const THIRD = '+8613911112222';

describe('a group complaint: three citizens about the same thing, merged into one case', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const bodiesTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  const caseOf = async (phone: string) =>
    ctx.container.db
      .selectFrom('cases')
      .selectAll()
      .where('phone', '=', phone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const merge = (ref: string, into: string, token = supervisorToken) =>
    ctx.api('post', `/api/cases/${ref}/merge`, token).send({ into });

  /** Three texts about one broken lamp, each its own case: [first, second, survivor]. */
  async function threeReports() {
    await ctx.sms(PHONES.citizen, 'The street lamp at Renmin Road and Jiefang Road is out');
    await ctx.sms(PHONES.neighbour, 'Street light broken at the Renmin Road crossing, very dark');
    await ctx.sms(THIRD, 'Lamp out at the Renmin and Jiefang crossing since Monday');
    const refs = [
      (await caseOf(PHONES.citizen)).ref,
      (await caseOf(PHONES.neighbour)).ref,
      (await caseOf(THIRD)).ref,
    ];
    await ctx.flushOutbox();
    return refs;
  }

  it('merging tells each merged citizen their complaint joined the survivor; DONE sends all three the result and the question exactly once', async () => {
    const [first, second, survivor] = await threeReports();

    const merged = await merge(first, survivor);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ ref: first, status: 'merged', mergedInto: survivor });
    expect((await merge(second, survivor)).status).toBe(200);
    await ctx.flushOutbox();

    const notice = (ref: string) =>
      `Hotline: your complaint ${ref} is about the same matter as case ${survivor} and joins it. You will get its result.`;
    expect(bodiesTo(PHONES.citizen).at(-1)).toBe(notice(first));
    expect(bodiesTo(PHONES.neighbour).at(-1)).toBe(notice(second));
    expect(bodiesTo(THIRD)).toHaveLength(1); // only the receipt: the survivor itself was not merged

    const page = await ctx.api('get', `/api/cases/${survivor}`, supervisorToken);
    expect(page.status).toBe(200);
    expect(page.body.status).toBe('assigned');
    expect(page.body.mergedFrom).toEqual([first, second]);
    expect(page.body.reporters).toEqual([
      { ref: survivor, phone: THIRD },
      { ref: first, phone: PHONES.citizen },
      { ref: second, phone: PHONES.neighbour },
    ]);
    expect(
      page.body.events
        .filter((event: { type: string }) => event.type === 'merged_from')
        .map((event: { data: unknown }) => event.data),
    ).toEqual([{ ref: first }, { ref: second }]);
    const firstPage = await ctx.api('get', `/api/cases/${first}`, supervisorToken);
    expect(firstPage.body.events.at(-1)).toMatchObject({
      type: 'merged_into',
      data: { into: survivor, previousStatus: 'assigned' },
      actor: { type: 'staff', staff: { id: team.supervisor.id }, channel: 'api' },
    });

    const sentBefore = fake.messages.length;
    await ctx.sms(PHONES.primary, `DONE ${survivor} Lamp replaced by the lighting bureau`);
    await ctx.flushOutbox();

    const result = `Case ${survivor} result: Lamp replaced by the lighting bureau`;
    const question = `Are you satisfied with case ${survivor}? Reply 1 satisfied, 2 not satisfied.`;
    for (const phone of [THIRD, PHONES.citizen, PHONES.neighbour]) {
      const after = fake.messages.slice(sentBefore).filter((message) => message.to === phone);
      expect(after.map((message) => message.body)).toEqual([result, question]);
    }
    // The three citizens and the primary's confirmation: nothing else, nothing twice.
    expect(fake.messages.length - sentBefore).toBe(7);

    // Each reporter's result is tracked on their own case, so its delivery is their feedback.
    for (const phone of [PHONES.citizen, PHONES.neighbour]) {
      const row = await caseOf(phone);
      expect(row).toMatchObject({ status: 'merged', satisfaction_answer: null });
      expect(row.satisfaction_asked_at).not.toBeNull();
      const outbox = await ctx.container.db
        .selectFrom('outbox')
        .select(['purpose', 'to_phone'])
        .where('case_id', '=', row.id)
        .where('purpose', 'in', ['result', 'satisfaction'])
        .execute();
      expect(outbox).toEqual([
        { purpose: 'result', to_phone: phone },
        { purpose: 'satisfaction', to_phone: phone },
      ]);
    }
    expect(await caseOf(THIRD)).toMatchObject({ status: 'resolved', satisfaction_answer: null });
  });

  it('each reporter answers for themselves: a merged 1 is recorded, the survivor closes on its own citizen, and a later 2 reopens it', async () => {
    const [first, second, survivor] = await threeReports();
    await merge(first, survivor);
    await merge(second, survivor);
    await ctx.api('post', `/api/cases/${survivor}/result`, supervisorToken).send({ text: 'Lamp replaced' });
    await ctx.flushOutbox();

    await ctx.sms(PHONES.citizen, '1');
    await ctx.flushOutbox();
    expect(bodiesTo(PHONES.citizen).at(-1)).toBe(
      `Thank you. Your answer about case ${survivor} is recorded.`,
    );
    expect(await caseOf(PHONES.citizen)).toMatchObject({
      status: 'merged',
      satisfaction_answer: 'satisfied',
    });
    expect(await caseOf(THIRD)).toMatchObject({ status: 'resolved', satisfaction_answer: null });

    await ctx.sms(THIRD, '1');
    expect(await caseOf(THIRD)).toMatchObject({ status: 'closed', satisfaction_answer: 'satisfied' });

    await ctx.sms(PHONES.neighbour, '2');
    await ctx.flushOutbox();
    expect(await caseOf(PHONES.neighbour)).toMatchObject({
      status: 'merged',
      satisfaction_answer: 'unsatisfied',
    });
    expect(await caseOf(THIRD)).toMatchObject({ status: 'reopened' });
    expect(bodiesTo(PHONES.neighbour).at(-1)).toBe(
      `Noted. Case ${survivor} is reopened and a supervisor will follow up.`,
    );
    expect(bodiesTo(PHONES.supervisor)).toEqual([
      `Citizen unsatisfied with case ${survivor}; it is reopened. Please follow up.`,
    ]);

    const page = await ctx.api('get', `/api/cases/${survivor}`, supervisorToken);
    const types = page.body.events.map((event: { type: string }) => event.type);
    expect(types.slice(-5)).toEqual([
      'reporter_answered',
      'satisfaction_answered',
      'closed',
      'reporter_answered',
      'reopened',
    ]);
    // Three answers were texted, and no new case came of them.
    expect(await ctx.container.db.selectFrom('cases').select('id').execute()).toHaveLength(3);
  });

  it("a merged reporter's answer counts within the satisfaction window (72 h), not after it", async () => {
    const [first, second, survivor] = await threeReports();
    await merge(first, survivor);
    await merge(second, survivor);
    await ctx.api('post', `/api/cases/${survivor}/result`, supervisorToken).send({ text: 'Lamp replaced' });
    ctx.clock.advance(71 * 3_600_000);
    await ctx.sms(PHONES.citizen, '2');
    expect(await caseOf(PHONES.citizen)).toMatchObject({
      status: 'merged',
      satisfaction_answer: 'unsatisfied',
    });
    expect(await caseOf(THIRD)).toMatchObject({ status: 'reopened' });

    ctx.clock.advance(2 * 3_600_000);
    await ctx.sms(PHONES.neighbour, '2');
    expect(await caseOf(PHONES.neighbour)).toMatchObject({ status: 'assigned', description: '2' });
    expect((await ctx.container.casesRepository.findByRef(second))!.satisfactionAnswer).toBeNull();
  });

  it('STATUS of a merged reference tells its reporter the surviving case; other numbers learn nothing', async () => {
    const [first, , survivor] = await threeReports();
    await merge(first, survivor);
    await ctx.sms(PHONES.citizen, `STATUS ${first}`);
    await ctx.flushOutbox();
    expect(bodiesTo(PHONES.citizen).at(-1)).toBe(`Case ${first} joined case ${survivor}: assigned.`);

    await ctx.sms(PHONES.primary, `DONE ${survivor} Lamp replaced`);
    await ctx.sms(PHONES.citizen, `STATUS ${first}`);
    await ctx.sms(PHONES.citizen, `STATUS ${survivor}`);
    await ctx.sms(PHONES.neighbour, `STATUS ${first}`);
    await ctx.flushOutbox();
    expect(bodiesTo(PHONES.citizen).slice(-2)).toEqual([
      `Case ${first} joined case ${survivor}: answered. Result: Lamp replaced`,
      `Case ${survivor}: answered. Result: Lamp replaced`,
    ]);
    expect(bodiesTo(PHONES.neighbour).at(-1)).toBe(`No case ${first} was reported from this number.`);
  });

  it('a follow-up text within 30 minutes of a merged complaint goes to the surviving case', async () => {
    const [first, , survivor] = await threeReports();
    await merge(first, survivor);
    ctx.clock.advance(10 * 60_000);
    await ctx.sms(PHONES.citizen, 'It is still dark tonight');
    const cases = await ctx.container.db.selectFrom('cases').select('ref').execute();
    expect(cases).toHaveLength(3);
    const page = await ctx.api('get', `/api/cases/${survivor}`, supervisorToken);
    expect(page.body.events.at(-1)).toMatchObject({
      type: 'citizen_message',
      data: { text: 'It is still dark tonight' },
    });
  });

  it('a case merged into one already answered gets its result and the question at once', async () => {
    const [first, , survivor] = await threeReports();
    await ctx.api('post', `/api/cases/${survivor}/result`, supervisorToken).send({ text: 'Lamp replaced' });
    await ctx.flushOutbox();
    expect((await merge(first, survivor)).status).toBe(200);
    await ctx.flushOutbox();
    expect(bodiesTo(PHONES.citizen).slice(-3)).toEqual([
      `Hotline: your complaint ${first} is about the same matter as case ${survivor} and joins it. You will get its result.`,
      `Case ${survivor} result: Lamp replaced`,
      `Are you satisfied with case ${survivor}? Reply 1 satisfied, 2 not satisfied.`,
    ]);
  });

  it('merging a case that has its own merged cases moves them to the new survivor', async () => {
    const [first, second, survivor] = await threeReports();
    await merge(first, second);
    await merge(second, survivor);
    const page = await ctx.api('get', `/api/cases/${survivor}`, supervisorToken);
    expect(page.body.mergedFrom).toEqual([first, second]);
    const firstPage = await ctx.api('get', `/api/cases/${first}`, supervisorToken);
    expect(firstPage.body.mergedInto).toBe(survivor);

    await ctx.sms(PHONES.primary, `DONE ${survivor} Lamp replaced`);
    await ctx.flushOutbox();
    for (const phone of [PHONES.citizen, PHONES.neighbour, THIRD]) {
      expect(bodiesTo(phone).filter((body) => body.includes('result: Lamp replaced'))).toHaveLength(1);
    }
  });

  it('one number that reported twice hears the result once', async () => {
    await ctx.sms(PHONES.citizen, 'The lamp on Renmin Road is out');
    const earlier = (await caseOf(PHONES.citizen)).ref;
    ctx.clock.advance(2 * 3_600_000);
    await ctx.sms(PHONES.citizen, 'Still no light on Renmin Road');
    const later = (await caseOf(PHONES.citizen)).ref;
    expect(later).not.toBe(earlier);
    await merge(later, earlier);
    await ctx.sms(PHONES.primary, `DONE ${earlier} Lamp replaced`);
    await ctx.flushOutbox();
    expect(bodiesTo(PHONES.citizen).filter((body) => body.includes('result: Lamp replaced'))).toHaveLength(1);
    expect(bodiesTo(PHONES.citizen).filter((body) => body.startsWith('Are you satisfied'))).toHaveLength(1);
  });
});
