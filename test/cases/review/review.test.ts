import { HOUR, MINUTE } from '../../../src/shared/clock';
import { expectError } from '../../api/api-helpers';
import type { TestContext } from '../../helpers/context';
import type { FakeTwilio } from '../../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../../helpers/hotline';
import { addStaff, issueToken, PHONES } from '../../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day. The
// leadership team: Zhao Min (the supervisor on duty), Sun Li (supervisor) and Zhou Wei (admin,
// reading Chinese).
const SUN_PHONE = '+8613800000005';
const ZHOU_PHONE = '+8613800000006';

describe('collective review of an important case’s sign-off', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let sun: { id: number };
  let zhou: { id: number };
  let supervisorToken: string;
  let sunToken: string;
  let staffToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    sun = await addStaff(ctx, { name: 'Sun Li', phone: SUN_PHONE, role: 'supervisor', language: 'en' });
    zhou = await addStaff(ctx, { name: 'Zhou Wei', phone: ZHOU_PHONE, role: 'admin', language: 'zh-CN' });
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    sunToken = await issueToken(ctx, sun.id);
    staffToken = await issueToken(ctx, team.primary.id);
  });

  const getCase = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const textsTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  };
  const requestReview = (ref: string, body: unknown, token = supervisorToken) =>
    ctx.api('post', `/api/cases/${ref}/review`, token).send(body as object);
  const giveOpinion = (ref: string, body: unknown, token?: string) =>
    ctx.api('post', `/api/cases/${ref}/review/opinions`, token).send(body as object);
  const leadership = () => [team.supervisor.id, sun.id, zhou.id];

  /** A letter logged with the citizen's phone and resolved by the primary, Wang Fang. */
  async function resolvedLetter(priority: 'normal' | 'important' = 'important'): Promise<string> {
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter: the river bank is collapsing near the school',
      category: 'water',
      channel: 'letter',
      priority,
      language: 'en',
    });
    expect(created.status).toBe(201);
    expect(created.body.assignee).toMatchObject({ id: team.primary.id });
    ctx.clock.advance(2 * HOUR);
    const resolved = await ctx.api('post', `/api/cases/${created.body.ref}/result`, staffToken).send({
      text: 'The bank was shored up with sandbags',
    });
    expect(resolved.status).toBe(200);
    return created.body.ref;
  }

  it('three reviewers, quorum 2: the second AGREE (by SMS) signs the case off, and it closes as the citizen said satisfied', async () => {
    const ref = await resolvedLetter();
    await ctx.sms(PHONES.citizen, '1');
    expect((await getCase(ref)).status).toBe('resolved');

    ctx.clock.advance(10 * MINUTE);
    const requested = await requestReview(ref, { reviewers: leadership(), quorum: 2 });
    expect(requested.status).toBe(201);
    // The answer is the case (SPEC §10), its review with it.
    expect(requested.body).toMatchObject({ ref, status: 'resolved', priority: 'important' });
    expect(requested.body.assignee).toMatchObject({ id: expect.any(Number) });
    expect(requested.body.review).toMatchObject({
      open: true,
      quorum: 2,
      agree: 0,
      disagree: 0,
      outcome: null,
    });

    // Each reviewer is asked in their language, with the ref, category, result and how to answer.
    expect((await textsTo(SUN_PHONE)).at(-1)).toBe(
      `Review case ${ref} (Water and drains): result "The bank was shored up with sandbags". 2 of 3 agreeing sign it off. Reply AGREE ${ref} opinion or DISAGREE ${ref} opinion`,
    );
    expect((await textsTo(ZHOU_PHONE)).at(-1)).toBe(
      `请审议案件${ref}（供水排水）：办理结果“The bank was shored up with sandbags”。3人中2人同意即审签。回复“同意 ${ref} 意见”或“不同意 ${ref} 意见”`,
    );

    // Only the reviewers sign off now.
    expectError(
      await ctx.api('post', `/api/cases/${ref}/sign-off`, supervisorToken),
      409,
      'case.review_open',
    );

    const first = await giveOpinion(ref, { verdict: 'agree', opinion: 'Handled well' }, supervisorToken);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'resolved', review: { open: true, agree: 1 } });

    ctx.clock.advance(5 * MINUTE);
    await ctx.sms(SUN_PHONE, `AGREE ${ref} Sandbags are the right first step`);
    expect((await textsTo(SUN_PHONE)).at(-1)).toBe(`Your opinion on case ${ref} is recorded.`);

    const found = await getCase(ref);
    expect(found.status).toBe('closed');
    expect(found.signOff).toMatchObject({
      at: '2027-03-01T12:15:00.000+08:00',
      by: { id: sun.id, name: 'Sun Li' },
    });
    expect(found.review).toMatchObject({
      open: false,
      outcome: 'signed_off',
      quorum: 2,
      agree: 2,
      disagree: 0,
      reviewers: [
        {
          id: team.supervisor.id,
          name: 'Zhao Min',
          verdict: 'agree',
          opinion: 'Handled well',
          channel: 'api',
        },
        {
          id: sun.id,
          name: 'Sun Li',
          verdict: 'agree',
          opinion: 'Sandbags are the right first step',
          channel: 'sms',
        },
        { id: zhou.id, name: 'Zhou Wei', verdict: null, opinion: null },
      ],
    });
    const trail = found.events.filter((event: { type: string }) =>
      ['review_requested', 'review_opinion', 'review_decided', 'signed_off', 'closed'].includes(event.type),
    );
    expect(
      trail.map((event: { type: string; actor: { staff: { name: string } | null } }) => [
        event.type,
        event.actor.staff?.name,
      ]),
    ).toEqual([
      ['review_requested', 'Zhao Min'],
      ['review_opinion', 'Zhao Min'],
      ['review_opinion', 'Sun Li'],
      ['review_decided', 'Sun Li'],
      ['signed_off', 'Sun Li'],
      ['closed', 'Sun Li'],
    ]);
    expect(trail[0].data).toEqual({ reviewers: leadership(), quorum: 2 });
    expect(trail[2]).toMatchObject({
      actor: { channel: 'sms' },
      data: { verdict: 'agree', opinion: 'Sandbags are the right first step' },
    });
    expect(trail[3].data).toEqual({ outcome: 'signed_off', agree: 2, disagree: 0 });

    // The review has ended: a later opinion is refused, by API and by SMS.
    expectError(
      await giveOpinion(ref, { verdict: 'disagree', opinion: 'Too late' }, await issueToken(ctx, zhou.id)),
      409,
      'review.not_open',
    );
    await ctx.sms(ZHOU_PHONE, `不同意 ${ref} 太晚了`);
    expect((await textsTo(ZHOU_PHONE)).at(-1)).toBe(`案件${ref}没有待审议的事项。`);
  });

  it('a majority DISAGREE (2 of 3, one as 不同意 by SMS) reopens the case to its assignee, who is told why', async () => {
    const ref = await resolvedLetter();
    expect((await requestReview(ref, { reviewers: leadership(), quorum: 2 })).status).toBe(201);

    const first = await giveOpinion(
      ref,
      { verdict: 'disagree', opinion: 'No photo of the repair' },
      supervisorToken,
    );
    expect(first.body).toMatchObject({ status: 'resolved', review: { open: true, disagree: 1 } });
    await ctx.sms(ZHOU_PHONE, `不同意 ${ref} 回复过于简单`);
    expect((await textsTo(ZHOU_PHONE)).at(-1)).toBe(`已记录您对案件${ref}的审议意见。`);

    const found = await getCase(ref);
    expect(found.status).toBe('reopened');
    expect(found.assignee).toMatchObject({ id: team.primary.id });
    expect(found.signOff.at).toBeNull();
    expect(found.review).toMatchObject({ open: false, outcome: 'reopened', agree: 0, disagree: 2 });
    expect(found.events.find((event: { type: string }) => event.type === 'review_decided').data).toEqual({
      outcome: 'reopened',
      agree: 0,
      disagree: 2,
    });
    expect(found.events.find((event: { type: string }) => event.type === 'reopened').data).toEqual({
      reason: 'review: No photo of the repair; 回复过于简单',
    });
    expect((await textsTo(PHONES.primary)).at(-1)).toBe(
      `Case ${ref} was sent back by the review and is reopened: No photo of the repair; 回复过于简单`,
    );
    // The last reviewer's opinion comes too late.
    expectError(
      await giveOpinion(ref, { verdict: 'agree', opinion: 'Fine by me' }, sunToken),
      409,
      'review.not_open',
    );
  });

  it('an opinion is given once, by a reviewer only', async () => {
    const ref = await resolvedLetter();
    await requestReview(ref, { reviewers: [team.supervisor.id, sun.id], quorum: 2 });
    expect((await giveOpinion(ref, { verdict: 'agree', opinion: 'Good' }, sunToken)).status).toBe(201);
    expectError(
      await giveOpinion(ref, { verdict: 'disagree', opinion: 'Changed my mind' }, sunToken),
      409,
      'review.already_answered',
    );
    await ctx.sms(SUN_PHONE, `DISAGREE ${ref} changed my mind`);
    expect((await textsTo(SUN_PHONE)).at(-1)).toBe(
      `You already gave your opinion on case ${ref}; it cannot be changed.`,
    );
    expectError(await giveOpinion(ref, { verdict: 'agree', opinion: 'Me too' }), 403, 'review.not_reviewer');
    await ctx.sms(ZHOU_PHONE, `同意 ${ref} 我也同意`);
    expect((await textsTo(ZHOU_PHONE)).at(-1)).toBe(`您不是案件${ref}的审议人。`);
    expect((await getCase(ref)).review).toMatchObject({ agree: 1, disagree: 0, open: true });
  });

  it('refuses bad requests with 400 and wrong states with 409', async () => {
    const ref = await resolvedLetter();
    const bad = (body: unknown, code: string) =>
      requestReview(ref, body).then((res) => expectError(res, 400, code));
    await bad({ reviewers: [], quorum: 1 }, 'request.invalid');
    await bad({ reviewers: [sun.id], quorum: 0 }, 'request.invalid');
    await bad({ reviewers: [sun.id, zhou.id], quorum: 3 }, 'review.invalid_quorum');
    await bad({ reviewers: [sun.id, sun.id], quorum: 1 }, 'review.duplicate_reviewer');
    await bad({ reviewers: [sun.id, team.backup.id], quorum: 1 }, 'review.reviewer_not_leader');
    await bad({ reviewers: [sun.id, 9999], quorum: 1 }, 'review.reviewer_not_found');
    await bad({ reviewers: ['x'], quorum: 1 }, 'request.invalid');
    expectError(
      await requestReview(ref, { reviewers: [sun.id], quorum: 1 }, staffToken),
      403,
      'auth.forbidden',
    );
    expectError(
      await giveOpinion(ref, { verdict: 'maybe', opinion: 'Hm' }, sunToken),
      400,
      'request.invalid',
    );
    expectError(
      await giveOpinion(ref, { verdict: 'agree', opinion: 'Nothing to review' }, sunToken),
      409,
      'review.not_open',
    );

    expect((await requestReview(ref, { reviewers: [sun.id], quorum: 1 })).status).toBe(201);
    expectError(await requestReview(ref, { reviewers: [zhou.id], quorum: 1 }), 409, 'review.already_open');

    const normal = await resolvedLetter('normal');
    expectError(
      await requestReview(normal, { reviewers: [sun.id], quorum: 1 }),
      409,
      'case.sign_off_not_needed',
    );

    const open = await ctx.api('post', '/api/cases').send({
      description: 'Gas smell in the stairwell',
      category: 'other',
      channel: 'visit',
      priority: 'important',
    });
    expectError(
      await requestReview(open.body.ref, { reviewers: [sun.id], quorum: 1 }),
      409,
      'case.invalid_transition',
    );
  });

  it('a supervisor may withdraw an open review, after which a plain sign-off is possible again', async () => {
    const ref = await resolvedLetter();
    await requestReview(ref, { reviewers: [sun.id, zhou.id], quorum: 2 });
    const withdrawn = await ctx.api('delete', `/api/cases/${ref}/review`, supervisorToken);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.review).toMatchObject({ open: false, outcome: 'withdrawn' });
    expectError(
      await giveOpinion(ref, { verdict: 'agree', opinion: 'Ok' }, sunToken),
      409,
      'review.not_open',
    );
    expect((await ctx.api('post', `/api/cases/${ref}/sign-off`, supervisorToken)).status).toBe(200);
  });

  it('a review whose case was made normal meanwhile still decides: the agreement is kept, no sign-off is due', async () => {
    const ref = await resolvedLetter();
    await ctx.sms(PHONES.citizen, '1');
    await requestReview(ref, { reviewers: [sun.id, zhou.id], quorum: 2 });
    const triaged = await ctx.api('patch', `/api/cases/${ref}`, supervisorToken).send({ priority: 'normal' });
    expect(triaged.status).toBe(200);

    expect((await giveOpinion(ref, { verdict: 'agree', opinion: 'Fine' }, sunToken)).status).toBe(201);
    const last = await giveOpinion(
      ref,
      { verdict: 'agree', opinion: '同意' },
      await issueToken(ctx, zhou.id),
    );
    expect(last.status).toBe(201);
    expect(last.body.review).toMatchObject({ open: false, outcome: 'signed_off' });
    // A normal case needs no sign-off: the citizen said satisfied, so the satisfaction job closes it.
    expect(last.body).toMatchObject({ status: 'resolved', signOff: { required: false } });
  });

  it('a review judges one result: the citizen reopening the case ends it, and the next result gets a new review', async () => {
    const ref = await resolvedLetter();
    await requestReview(ref, { reviewers: leadership(), quorum: 2 });
    await ctx.sms(PHONES.citizen, '2');
    const reopened = await getCase(ref);
    expect(reopened.status).toBe('reopened');
    expect(reopened.review).toMatchObject({ open: false, outcome: 'superseded' });
    expectError(
      await giveOpinion(ref, { verdict: 'agree', opinion: 'Fine' }, supervisorToken),
      409,
      'review.not_open',
    );

    ctx.clock.advance(HOUR);
    await ctx.api('post', `/api/cases/${ref}/result`, staffToken).send({ text: 'Rebuilt the bank' });
    const again = await requestReview(ref, { reviewers: [sun.id], quorum: 1 });
    expect(again.status).toBe(201);
    expect(again.body.review).toMatchObject({ open: true, quorum: 1, reviewers: [{ id: sun.id }] });
  });

  it('sla-watch reminds each reviewer who has not answered once a day, and never after they answered', async () => {
    const ref = await resolvedLetter();
    await requestReview(ref, { reviewers: leadership(), quorum: 3 });
    await giveOpinion(ref, { verdict: 'agree', opinion: 'Good' }, supervisorToken);
    const reminders = async (phone: string) =>
      (await textsTo(phone)).filter(
        (body) => body.includes('awaits your review') || body.includes('待您审议'),
      );

    ctx.clock.advance(23 * HOUR);
    await ctx.container.jobs.runNow('sla-watch');
    expect(await reminders(SUN_PHONE)).toHaveLength(0);

    ctx.clock.advance(HOUR);
    const run = await ctx.container.jobs.runNow('sla-watch');
    expect(run).toMatchObject({ reviewReminders: 2 });
    expect(await reminders(SUN_PHONE)).toEqual([
      `Reminder: case ${ref} awaits your review. Reply AGREE ${ref} opinion or DISAGREE ${ref} opinion`,
    ]);
    expect(await reminders(ZHOU_PHONE)).toEqual([
      `提醒：案件${ref}待您审议。回复“同意 ${ref} 意见”或“不同意 ${ref} 意见”`,
    ]);
    expect(await reminders(PHONES.supervisor)).toHaveLength(0);

    // Running again in the same period sends nothing more.
    ctx.clock.advance(30 * MINUTE);
    await ctx.container.jobs.runNow('sla-watch');
    expect(await reminders(SUN_PHONE)).toHaveLength(1);

    await ctx.sms(ZHOU_PHONE, `同意 ${ref} 同意`);
    ctx.clock.advance(24 * HOUR);
    await ctx.container.jobs.runNow('sla-watch');
    expect(await reminders(SUN_PHONE)).toHaveLength(2);
    expect(await reminders(ZHOU_PHONE)).toHaveLength(1);
    const reminded = (await getCase(ref)).events.filter(
      (event: { type: string }) => event.type === 'review_reminded',
    );
    expect(reminded.map((event: { data: unknown }) => event.data)).toEqual([
      { staffIds: [sun.id, zhou.id] },
      { staffIds: [sun.id] },
    ]);
  });
});
