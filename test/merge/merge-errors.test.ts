import { expectError, logLetter } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// A valid reference (its check digit is right) that no case has.
const UNKNOWN_REF = '10000004';

describe('POST /api/cases/:ref/merge refuses what cannot be merged, and who may not merge', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;
  let primaryToken: string;
  let colleagueToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    primaryToken = await issueToken(ctx, team.primary.id);
    colleagueToken = await issueToken(ctx, team.colleague.id);
  });

  const merge = (ref: string, into: unknown, token = supervisorToken) =>
    ctx.api('post', `/api/cases/${ref}/merge`, token).send({ into });
  const statusOf = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body.status;

  it('into itself is a 400; into a merged case, or a merged case again, is a 409; nothing changes', async () => {
    const a = await logLetter(ctx);
    const b = await logLetter(ctx, { phone: PHONES.neighbour });
    const c = await logLetter(ctx, { phone: '+8613911112222' });

    expectError(await merge(a.ref, a.ref), 400, 'case.merge_into_self');
    expect(await statusOf(a.ref)).toBe('assigned');

    expect((await merge(a.ref, b.ref)).status).toBe(200);
    expectError(await merge(c.ref, a.ref), 409, 'case.merge_target_merged');
    expectError(await merge(a.ref, c.ref), 409, 'case.already_merged');
    expect(await statusOf(c.ref)).toBe('assigned');
    expect((await ctx.api('get', `/api/cases/${a.ref}`)).body.mergedInto).toBe(b.ref);
  });

  it('an unknown case or target is a 404 case.not_found; a malformed target is a 400', async () => {
    const a = await logLetter(ctx);
    expectError(await merge(UNKNOWN_REF, a.ref), 404, 'case.not_found');
    expectError(await merge(a.ref, UNKNOWN_REF), 404, 'case.not_found');
    expectError(await merge(a.ref, '1234'), 400, 'request.invalid');
    expectError(await merge(a.ref, undefined), 400, 'request.invalid');
  });

  it('a case that already has its result cannot be merged away (409)', async () => {
    const a = await logLetter(ctx);
    const b = await logLetter(ctx, { phone: PHONES.neighbour });
    await ctx.api('post', `/api/cases/${a.ref}/result`).send({ text: 'Lamp replaced' });
    expectError(await merge(a.ref, b.ref), 409, 'case.invalid_transition');
  });

  it('staff merge only cases that are both theirs: a case not theirs, as case or target, is not found', async () => {
    // Letters go to the primary on duty, Wang Fang; one is reassigned to Chen Jie.
    const a = await logLetter(ctx);
    const b = await logLetter(ctx, { phone: PHONES.neighbour });
    const theirs = await logLetter(ctx, { phone: '+8613911112222' });
    await ctx.api('post', `/api/cases/${theirs.ref}/assign`).send({ staffId: team.colleague.id });

    expectError(await merge(a.ref, b.ref, colleagueToken), 404, 'case.not_found');
    expectError(await merge(theirs.ref, a.ref, primaryToken), 404, 'case.not_found');
    expectError(await merge(a.ref, theirs.ref, primaryToken), 404, 'case.not_found');
    expect(await statusOf(a.ref)).toBe('assigned');

    const own = await merge(a.ref, b.ref, primaryToken);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'merged', mergedInto: b.ref });
  });
});
