import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

// The clock starts at 10:00 Shanghai on Monday 1 March 2027, in Wang Fang's primary shift; she is
// the only member of the primary rotation, which has run since 1 February.
const MORNING = { from: '2027-03-01T09:00:00+08:00', to: '2027-03-01T11:00:00+08:00' };

describe('a deactivated officer still on a rotation', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    const res = await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false });
    expect(res.status).toBe(200);
  });

  const report = (query: Record<string, string>) =>
    ctx.api('get', '/api/reports/duty-gaps', supervisorToken).query(query);
  const primaryAt = async (at: string) => {
    const res = await ctx.api('get', '/api/roster/on-duty', supervisorToken).query({ at });
    expect(res.status).toBe(200);
    return res.body.primary?.name ?? null;
  };

  it('leaves a gap in the duty-gap report from the moment of deactivation, naming them', async () => {
    expect(await primaryAt('2027-03-01T09:59:59.999+08:00')).toBe('Wang Fang');
    expect(await primaryAt('2027-03-01T10:00:00+08:00')).toBeNull();

    const res = await report(MORNING);
    expect(res.status).toBe(200);
    expect(res.body.coverage).toEqual({ percent: 50 });
    expect(res.body.gaps).toEqual([
      {
        position: 'primary',
        from: '2027-03-01T10:00:00.000+08:00',
        to: '2027-03-01T11:00:00.000+08:00',
        cause: 'member_inactive',
        overrideId: null,
        staff: { id: team.primary.id, name: 'Wang Fang' },
      },
    ]);
    // Her hours end when she left: the hour before still counts, as it did before.
    expect(res.body.hours).toContainEqual({ staff: { id: team.primary.id, name: 'Wang Fang' }, hours: 1 });
    expect(
      res.body.slots
        .filter((slot: { position: string }) => slot.position === 'primary')
        .map((slot: { staff: { name: string } | null; from: string }) => [
          slot.staff?.name ?? null,
          slot.from,
        ]),
    ).toEqual([
      ['Wang Fang', '2027-03-01T09:00:00.000+08:00'],
      [null, '2027-03-01T10:00:00.000+08:00'],
    ]);
  });

  it('names the cause and the person in the CSV', async () => {
    const res = await report({ ...MORNING, format: 'csv' });
    expect(res.status).toBe(200);
    const gapRows = res.text.split('\n').filter((line) => line.startsWith('gap,'));
    expect(gapRows).toEqual([
      `gap,primary,${team.primary.id},Wang Fang,2027-03-01T10:00:00.000+08:00,2027-03-01T11:00:00.000+08:00,member_inactive,,,,,,,,,,,,,,,,,,,,,`,
    ]);
  });

  it('is no gap in the shifts of a day the rotation had them on duty before the deactivation', async () => {
    const res = await report({ from: '2027-02-27T08:00:00+08:00', to: '2027-02-28T08:00:00+08:00' });
    expect(res.body.coverage).toEqual({ percent: 100 });
    expect(res.body.gaps).toEqual([]);
  });
});
