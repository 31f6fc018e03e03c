import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

const THIRD = '+8613911112222';

describe('STATUS of a group complaint’s references, by SMS', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const refOf = async (phone: string) =>
    (
      await ctx.container.db
        .selectFrom('cases')
        .select('ref')
        .where('phone', '=', phone)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).ref;
  const lastTextTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).at(-1)?.body;
  };

  it('the surviving case’s own citizen may check a reference merged into it; a stranger learns nothing', async () => {
    await ctx.sms(PHONES.citizen, 'The street lamp at Renmin Road and Jiefang Road is out');
    await ctx.sms(THIRD, 'Lamp out at the Renmin and Jiefang crossing since Monday');
    const [first, survivor] = [await refOf(PHONES.citizen), await refOf(THIRD)];
    const token = await issueToken(ctx, team.supervisor.id);
    expect((await ctx.api('post', `/api/cases/${first}/merge`, token).send({ into: survivor })).status).toBe(
      200,
    );
    await ctx.sms(PHONES.primary, `DONE ${survivor} Lamp replaced`);

    await ctx.sms(THIRD, `STATUS ${first}`);
    expect(await lastTextTo(THIRD)).toBe(
      `Case ${first} joined case ${survivor}: answered. Result: Lamp replaced`,
    );
    await ctx.sms(PHONES.neighbour, `STATUS ${first}`);
    expect(await lastTextTo(PHONES.neighbour)).toBe(`No case ${first} was reported from this number.`);
  });
});
