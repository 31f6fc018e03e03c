import { HOUR, MINUTE } from '../../src/shared/clock';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day.
// Feedback is the latest result reaching the citizen: what reached them about an earlier result
// (before a reopen) counts for nothing once a new result is recorded.

interface CaseJson {
  status: string;
  feedback: { sentAt: string | null; deliveredAt: string | null; via: string | null };
  callbacks: { reason: string; errorCode: string | null; doneAt: string | null; outcome: string | null }[];
  events: { type: string }[];
}

const NO_FEEDBACK = { sentAt: null, deliveredAt: null, via: null };
const LANDLINE = { status: 400, code: 21614, message: 'To number is not a mobile number' };

describe('feedback belongs to the latest result', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const getCase = async (ref: string): Promise<CaseJson> => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body as CaseJson;
  };
  const status = (sid: string, MessageStatus: string) =>
    ctx.signedPost('/twilio/sms/status', { MessageSid: sid, MessageStatus });
  /** The Sids of the result texts queued on a case, oldest first. */
  const resultSids = async (ref: string) => {
    const rows = await ctx.container.db
      .selectFrom('outbox')
      .innerJoin('cases', 'cases.id', 'outbox.case_id')
      .select('outbox.twilio_sid')
      .where('cases.ref', '=', ref)
      .where('outbox.purpose', '=', 'result')
      .orderBy('outbox.id')
      .execute();
    return rows.map((row) => row.twilio_sid);
  };
  const resolve = async (ref: string, text: string) => {
    expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text })).status).toBe(200);
    await ctx.flushOutbox();
  };
  const reopen = async (ref: string) => {
    const res = await ctx
      .api('post', `/api/cases/${ref}/reopen`)
      .send({ reason: 'the light went out again' });
    expect(res.status).toBe(200);
  };
  async function letterFrom(phone: string): Promise<string> {
    const created = await ctx.api('post', '/api/cases').send({
      phone,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(created.status).toBe(201);
    await ctx.flushOutbox();
    return created.body.ref as string;
  }

  it('resolve, deliver, reopen, resolve again undeliverable: the case shows no feedback and owes a call', async () => {
    const ref = await letterFrom(PHONES.citizen);
    await resolve(ref, 'Replaced the bulb');
    const [first] = await resultSids(ref);
    expect((await status(first!, 'delivered')).status).toBe(204);
    expect((await getCase(ref)).feedback.via).toBe('sms');

    await reopen(ref);
    ctx.clock.advance(HOUR);
    fake.failFor(PHONES.citizen, LANDLINE);
    await resolve(ref, 'Replaced the whole lamp');

    const found = await getCase(ref);
    expect(found.status).toBe('resolved');
    expect(found.feedback).toEqual(NO_FEEDBACK);
    expect(found.callbacks).toEqual([
      expect.objectContaining({ reason: 'feedback_undeliverable', errorCode: '21614', doneAt: null }),
    ]);

    // The KPIs and the duty-gap report agree: the latest result never reached the citizen.
    const supervisor = await issueToken(ctx, team.supervisor.id);
    const window = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-08T00:00:00+08:00' };
    const kpis = await ctx.api('get', '/api/reports/kpis', supervisor).query(window);
    expect(kpis.status).toBe(200);
    expect(kpis.body.feedbackRate).toBe(0);
    ctx.clock.advance(6 * 24 * HOUR); // past the 120-hour deadline for a street light
    const report = await ctx.api('get', '/api/reports/duty-gaps', supervisor).query(window);
    expect(report.status).toBe(200);
    expect(report.body.cases).toEqual([expect.objectContaining({ ref, missing: ['feedback'] })]);
  });

  it('a late report about the earlier result text neither completes nor fails the new result', async () => {
    const ref = await letterFrom(PHONES.citizen);
    await resolve(ref, 'Replaced the bulb');
    await reopen(ref);
    await resolve(ref, 'Replaced the whole lamp');
    const [first, second] = await resultSids(ref);

    ctx.clock.advance(5 * MINUTE);
    expect((await status(first!, 'undelivered')).status).toBe(204);
    expect((await status(first!, 'delivered')).status).toBe(204);
    let found = await getCase(ref);
    expect(found.feedback).toEqual(NO_FEEDBACK);
    expect(found.callbacks).toEqual([]);

    expect((await status(second!, 'delivered')).status).toBe(204);
    found = await getCase(ref);
    expect(found.feedback).toEqual({
      sentAt: '2027-03-01T10:05:00.000+08:00',
      deliveredAt: '2027-03-01T10:05:00.000+08:00',
      via: 'sms',
    });
  });

  it('a call-back logged as reached before the new result does not count for it', async () => {
    fake.failFor(PHONES.citizen, LANDLINE);
    const ref = await letterFrom(PHONES.citizen);
    await resolve(ref, 'Replaced the bulb');
    const reached = await ctx
      .api('post', `/api/cases/${ref}/callback`)
      .send({ outcome: 'reached', note: 'Told her about the bulb' });
    expect(reached.status).toBe(200);
    expect(reached.body.feedback.via).toBe('call');

    await reopen(ref);
    ctx.clock.advance(HOUR);
    await resolve(ref, 'Replaced the whole lamp');

    const found = await getCase(ref);
    expect(found.feedback).toEqual(NO_FEEDBACK);
    expect(found.callbacks.filter((task) => task.doneAt === null)).toEqual([
      expect.objectContaining({ reason: 'feedback_undeliverable', errorCode: '21614' }),
    ]);
  });

  it("a merged reporter's feedback is that of the latest result forwarded to them", async () => {
    const target = await letterFrom(PHONES.citizen);
    const joined = await letterFrom(PHONES.neighbour);
    expect((await ctx.api('post', `/api/cases/${joined}/merge`).send({ into: target })).status).toBe(200);
    await resolve(target, 'Replaced the bulb');
    await reopen(target);
    await resolve(target, 'Replaced the whole lamp');
    const [firstForward, secondForward] = await resultSids(joined);
    expect(secondForward).toBeTruthy();

    expect((await status(firstForward!, 'delivered')).status).toBe(204);
    expect((await getCase(joined)).feedback).toEqual(NO_FEEDBACK);

    expect((await status(secondForward!, 'delivered')).status).toBe(204);
    expect((await getCase(joined)).feedback.via).toBe('sms');
  });
});
