import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { expectError, logLetter } from './api-helpers';

describe('complaints staff log from a letter, a visit or the web keep the four haves', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let primaryToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    primaryToken = await issueToken(ctx, team.primary.id);
  });

  it('a visit logged with a place: recorded with who logged it and how, assigned, and the place kept', async () => {
    const res = await ctx.api('post', '/api/cases', primaryToken).send({
      phone: PHONES.citizen,
      description: 'Came in to say the bins on Xinhua Street are overflowing',
      category: 'sanitation',
      channel: 'visit',
      place: '  Xinhua Street, Gulou District ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      channel: 'visit',
      place: 'Xinhua Street, Gulou District',
      status: 'assigned',
      assignee: { id: team.primary.id, name: 'Wang Fang' },
    });
    const page = await ctx.api('get', `/api/cases/${res.body.ref}`);
    expect(page.body.place).toBe('Xinhua Street, Gulou District');
    expect(page.body.events[0]).toMatchObject({
      type: 'created',
      actor: { type: 'staff', staff: { id: team.primary.id, name: 'Wang Fang' }, channel: 'visit' },
    });
    await ctx.flushOutbox();
    expect(fake.messages.map((message) => message.to)).toEqual([PHONES.citizen, PHONES.primary]);
  });

  it('place is optional: absent or blank is null; longer than 200 characters is refused', async () => {
    expect((await logLetter(ctx)).place).toBeNull();
    expect((await logLetter(ctx, { place: '   ' })).place).toBeNull();
    expect((await logLetter(ctx, { place: null })).place).toBeNull();
    expect((await logLetter(ctx, { place: 'x'.repeat(200) })).place).toHaveLength(200);
    const long = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter',
      category: 'roads',
      channel: 'letter',
      place: 'x'.repeat(201),
    });
    expectError(long, 400, 'request.invalid');
    expect(long.body.error.message).toMatch(/^place: /);
  });

  it('a web complaint goes from record to result to feedback like a text, and counts in the KPIs by place', async () => {
    const logged = await logLetter(ctx, { channel: 'web', place: 'Renmin Road', language: 'en' });
    const resolved = await ctx
      .api('post', `/api/cases/${logged.ref}/result`, primaryToken)
      .send({ text: 'The lamp was replaced' });
    expect(resolved.body).toMatchObject({ status: 'resolved', result: 'The lamp was replaced' });
    await ctx.flushOutbox();
    const result = fake.messages.find(
      (message) => message.body === `Case ${logged.ref} result: The lamp was replaced`,
    )!;
    expect(result.to).toBe(PHONES.citizen);
    await ctx.signedPost('/twilio/sms/status', {
      MessageSid: result.sid,
      MessageStatus: 'delivered',
      AccountSid: fake.accountSid,
    });
    const page = await ctx.api('get', `/api/cases/${logged.ref}`);
    expect(page.body.feedback).toMatchObject({ via: 'sms' });
    expect(page.body.feedback.deliveredAt).not.toBeNull();

    const kpis = await ctx
      .api('get', '/api/reports/kpis')
      .query({ from: '2027-03-01T00:00:00+08:00', to: '2027-03-02T00:00:00+08:00' });
    expect(kpis.body).toMatchObject({ onTimeCompletionRate: 1, feedbackRate: 1, reopenRate: 0 });
    expect(kpis.body.volumes).toMatchObject({
      total: 1,
      byChannel: { web: 1 },
      byPlace: [{ place: 'Renmin Road', count: 1 }],
    });
  });
});
