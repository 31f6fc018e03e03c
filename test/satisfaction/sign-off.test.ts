import { HOUR, MINUTE } from '../../src/shared/clock';
import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The clock starts at 10:00 Shanghai time on 1 March 2027; the duty team is on all day.

describe('supervisor sign-off on important and urgent cases', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;
  let staffToken: string;

  beforeEach(async () => {
    ({ fake, ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    staffToken = await issueToken(ctx, team.primary.id);
  });

  const getCase = async (ref: string) => {
    const res = await ctx.api('get', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const eventTypes = async (ref: string) =>
    ((await getCase(ref)).events as { type: string }[]).map((event) => event.type);
  const lastTextTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).at(-1)?.body;
  };
  const signOff = (ref: string, token = supervisorToken) =>
    ctx.api('post', `/api/cases/${ref}/sign-off`, token);

  /** A letter logged by staff with the citizen's phone, resolved, the result and question texted. */
  async function resolvedLetter(priority: 'normal' | 'important' | 'urgent'): Promise<string> {
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter: the river bank is collapsing near the school',
      category: 'water',
      channel: 'letter',
      priority,
      language: 'en',
    });
    expect(created.status).toBe(201);
    const { ref } = created.body;
    ctx.clock.advance(2 * HOUR);
    const resolved = await ctx.api('post', `/api/cases/${ref}/result`, staffToken).send({
      text: 'The bank was shored up',
    });
    expect(resolved.status).toBe(200);
    expect(await lastTextTo(PHONES.citizen)).toBe(
      `Are you satisfied with case ${ref}? Reply 1 satisfied, 2 not satisfied.`,
    );
    return ref;
  }

  it('an important case answered "satisfied" stays resolved until a supervisor signs off, then closes', async () => {
    const ref = await resolvedLetter('important');
    ctx.clock.advance(10 * MINUTE);
    expect((await ctx.sms(PHONES.citizen, '1')).status).toBe(200);
    expect(await lastTextTo(PHONES.citizen)).toBe(
      `Thank you. Case ${ref} closes after a supervisor's review.`,
    );
    const waiting = await getCase(ref);
    expect(waiting.status).toBe('resolved');
    expect(waiting.satisfaction).toMatchObject({ answer: 'satisfied' });
    expect(waiting.signOff).toEqual({ required: true, at: null, by: null });

    // The assignee is staff, not a supervisor: they cannot sign their own work off.
    expectError(await signOff(ref, staffToken), 403, 'auth.forbidden');
    expect((await getCase(ref)).status).toBe('resolved');

    ctx.clock.advance(20 * MINUTE);
    const signed = await signOff(ref);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'closed',
      closedAt: '2027-03-01T12:30:00.000+08:00',
      signOff: {
        required: true,
        at: '2027-03-01T12:30:00.000+08:00',
        by: { id: team.supervisor.id, name: 'Zhao Min' },
      },
    });
    const found = await getCase(ref);
    const signedEvent = found.events.find((event: { type: string }) => event.type === 'signed_off');
    expect(signedEvent.actor.staff).toEqual({ id: team.supervisor.id, name: 'Zhao Min' });
    expect(found.events.at(-1)).toMatchObject({ type: 'closed', data: { reason: 'satisfied' } });

    // Signing off again changes nothing.
    expect((await signOff(ref)).status).toBe(409);
    expect((await eventTypes(ref)).filter((type) => type === 'signed_off')).toHaveLength(1);
  });

  it('a sign-off given before the answer is kept, and the "satisfied" answer then closes the case', async () => {
    const ref = await resolvedLetter('urgent');
    const signed = await signOff(ref);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('resolved');
    expect(signed.body.signOff.at).toBe('2027-03-01T12:00:00.000+08:00');
    // A second sign-off of the same resolution is accepted and changes nothing.
    expect((await signOff(ref)).body.signOff.at).toBe('2027-03-01T12:00:00.000+08:00');
    expect((await eventTypes(ref)).filter((type) => type === 'signed_off')).toHaveLength(1);

    ctx.clock.advance(HOUR);
    await ctx.sms(PHONES.citizen, '满意');
    expect(await lastTextTo(PHONES.citizen)).toBe(`Thank you. Case ${ref} is closed.`);
    expect((await getCase(ref)).status).toBe('closed');
  });

  it('"unsatisfied" still reopens the case and alerts the supervisor, and the next resolution needs its own sign-off', async () => {
    const ref = await resolvedLetter('important');
    await signOff(ref);
    await ctx.sms(PHONES.citizen, '2');
    expect(await lastTextTo(PHONES.supervisor)).toBe(
      `Citizen unsatisfied with case ${ref}; it is reopened. Please follow up.`,
    );
    const reopened = await getCase(ref);
    expect(reopened.status).toBe('reopened');
    expect(reopened.signOff).toEqual({ required: true, at: null, by: null });

    await ctx.api('post', `/api/cases/${ref}/result`, staffToken).send({ text: 'Rebuilt the whole bank' });
    await ctx.sms(PHONES.citizen, '1');
    expect((await getCase(ref)).status).toBe('resolved');
    expect((await signOff(ref)).body.status).toBe('closed');
  });

  it('a normal case needs no sign-off, and an unresolved case cannot be signed off', async () => {
    const normal = await resolvedLetter('normal');
    expectError(await signOff(normal), 409, 'case.sign_off_not_needed');
    expect((await getCase(normal)).signOff).toEqual({ required: false, at: null, by: null });
    await ctx.sms(PHONES.citizen, '1');
    expect((await getCase(normal)).status).toBe('closed');

    const open = await ctx.api('post', '/api/cases').send({
      phone: PHONES.neighbour,
      description: 'Urgent: gas smell in the stairwell',
      category: 'other',
      channel: 'visit',
      priority: 'urgent',
    });
    expectError(await signOff(open.body.ref), 409, 'case.invalid_transition');
    expectError(await ctx.api('post', '/api/cases/1234/sign-off', supervisorToken), 400, 'case.invalid_ref');
  });
});
