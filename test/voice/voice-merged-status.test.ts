import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

const THIRD = '+8613911112222';
const STRANGER = '+8613955556666';

describe('checking a merged reference by phone', () => {
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
  const spell = (ref: string) => ref.split('').join(' ');
  const checkByPhone = async (from: string, ref: string) => {
    const call = await callHotline(
      ctx,
      from,
      { actions: [{ press: '9' }, { press: '2' }, { press: `${ref}#` }] },
      { fake },
    );
    return call.transcript.map((line) => line.say).join(' | ');
  };

  /** Three citizens report one broken lamp; the first two cases join the third, which is then answered. */
  async function answeredGroupComplaint() {
    await ctx.sms(PHONES.citizen, 'The street lamp at Renmin Road and Jiefang Road is out');
    await ctx.sms(PHONES.neighbour, 'Street light broken at the Renmin Road crossing, very dark');
    await ctx.sms(THIRD, 'Lamp out at the Renmin and Jiefang crossing since Monday');
    const [first, second, survivor] = [
      await refOf(PHONES.citizen),
      await refOf(PHONES.neighbour),
      await refOf(THIRD),
    ];
    const token = await issueToken(ctx, team.supervisor.id);
    for (const ref of [first, second]) {
      const res = await ctx.api('post', `/api/cases/${ref}/merge`, token).send({ into: survivor });
      expect(res.status).toBe(200);
    }
    await ctx.sms(PHONES.primary, `DONE ${survivor} Lamp replaced`);
    return { first, second, survivor };
  }

  it('the reporter of a merged case hears the surviving case’s status and result', async () => {
    const { first } = await answeredGroupComplaint();

    const heard = await checkByPhone(PHONES.citizen, first);

    expect(heard).toContain(`Case ${spell(first)} is answered. The result: Lamp replaced`);
  });

  it('every reporter of the group complaint may check any of its references, the survivor’s citizen too', async () => {
    const { first, second, survivor } = await answeredGroupComplaint();

    expect(await checkByPhone(THIRD, first)).toContain(
      `Case ${spell(first)} is answered. The result: Lamp replaced`,
    );
    expect(await checkByPhone(PHONES.neighbour, survivor)).toContain(
      `Case ${spell(survivor)} is answered. The result: Lamp replaced`,
    );
    expect(await checkByPhone(PHONES.citizen, second)).toContain('The result: Lamp replaced');
  });

  it('a number that reported none of them hears only the status, never the result', async () => {
    const { first, survivor } = await answeredGroupComplaint();

    const merged = await checkByPhone(STRANGER, first);
    expect(merged).toContain(`Case ${spell(first)} is merged.`);
    expect(merged).not.toContain('Lamp replaced');
    const answered = await checkByPhone(STRANGER, survivor);
    expect(answered).toContain(`Case ${spell(survivor)} is answered.`);
    expect(answered).not.toContain('Lamp replaced');
  });
});
