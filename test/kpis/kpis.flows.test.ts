import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The test clock starts at 2027-03-01 10:00 Shanghai time; the window is that day.
const DAY = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-02T00:00:00+08:00' };
const CALLERS = ['+8613700000001', '+8613700000002', '+8613700000003'];

describe('KPIs from the hotline used for real: calls, texts, a result, a merge and answers', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const refOf = async (phone: string) =>
    (
      await ctx.container.db
        .selectFrom('cases')
        .select('ref')
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow()
    ).ref;

  it('the figures follow from what happened', async () => {
    // A call the primary accepts after the caller presses 0.
    await callHotline(
      ctx,
      CALLERS[0],
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
      { fake },
    );
    ctx.clock.advance(60_000);
    // A call asking for the officer that nobody accepts; the caller leaves a message.
    await callHotline(
      ctx,
      CALLERS[1],
      {
        actions: [{ press: '0' }, { record: { seconds: 10 } }],
        dial: {
          [PHONES.primary]: 'no-answer',
          [PHONES.backup]: 'no-answer',
          [PHONES.supervisor]: 'no-answer',
        },
      },
      { fake },
    );
    ctx.clock.advance(60_000);
    // A caller who hangs up at the menu: abandoned, with a call-back case.
    await callHotline(ctx, CALLERS[2], { actions: [{ silence: true }, { hangup: true }] }, { fake });
    ctx.clock.advance(60_000);

    // Two texts about one thing, merged; the survivor's result goes to both, and delivery to its
    // own citizen is its feedback. One reporter is satisfied, the other is not.
    await ctx.sms(PHONES.citizen, 'Rubbish not collected on Xinhua Street for a week');
    await ctx.sms(PHONES.neighbour, 'Bins overflowing on Xinhua Street');
    const survivor = await refOf(PHONES.citizen);
    const merged = await refOf(PHONES.neighbour);
    await ctx.api('post', `/api/cases/${merged}/merge`, supervisorToken).send({ into: survivor });
    await ctx.sms(PHONES.primary, `DONE ${survivor} Collected and the schedule fixed`);
    await ctx.flushOutbox();
    const resultText = fake.messages.find(
      (message) => message.to === PHONES.citizen && message.body.includes('result:'),
    )!;
    await ctx.signedPost('/twilio/sms/status', {
      MessageSid: resultText.sid,
      MessageStatus: 'delivered',
      AccountSid: fake.accountSid,
    });
    await ctx.sms(PHONES.citizen, '1');
    await ctx.sms(PHONES.neighbour, '2');

    const res = await ctx.api('get', '/api/reports/kpis', supervisorToken).query(DAY);
    expect(res.status).toBe(200);
    // Calls: 3, one abandoned → 1/3. Two asked for the officer, one was accepted → 1/2.
    // The test clock does not move during a call, so the speed of answer is 0 s.
    // Resolved: the survivor alone (the merged case has no resolution of its own) → 1 case,
    //   on time (due in days), its result delivered, reopened by the neighbour's 2 → 1, 1, 1.
    // Answers: the citizen's 1 and the neighbour's 2 → 1/2.
    // No deadline has passed yet → null.
    // Arrivals: three voice cases (accepted call, message, call-back) and two texts → 5.
    expect(res.body).toMatchObject({
      answerRate: 1 / 2,
      abandonmentRate: 1 / 3,
      averageSpeedOfAnswerSeconds: 0,
      onTimeCompletionRate: 1,
      feedbackRate: 1,
      satisfactionRate: 1 / 2,
      reopenRate: 1,
      fourHavesCompliance: null,
    });
    expect(res.body.volumes).toMatchObject({
      total: 5,
      byChannel: { voice: 3, sms: 2, letter: 0, visit: 0, web: 0, open311: 0 },
      byPlace: [{ place: 'unknown', count: 5 }],
    });
    expect(res.body.volumes.byCategory.callback).toBe(1);
  });
});
