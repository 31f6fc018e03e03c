import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

describe('history in the duty-gap report and the shifts', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const lastWeek = { from: '2027-03-01T08:00:00+08:00', to: '2027-03-08T08:00:00+08:00' };
  const nextWeek = { from: '2027-03-09T08:00:00+08:00', to: '2027-03-16T08:00:00+08:00' };
  const get = async (path: string, query: Record<string, string>) => {
    const res = await ctx.api('get', path, supervisorToken).query(query);
    expect(res.status).toBe(200);
    return res.body;
  };
  const primaryStaff = (shifts: { position: string; staff: { name: string } | null }[]) => [
    ...new Set(shifts.filter((shift) => shift.position === 'primary').map((shift) => shift.staff?.name)),
  ];

  it("editing a rotation's members today leaves last week's report and shifts unchanged", async () => {
    // Last week: a sick afternoon without cover, and an abandoned call on Wednesday.
    await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-02T14:00:00+08:00',
      to: '2027-03-02T20:00:00+08:00',
      reason: 'sick',
    });
    ctx.clock.set('2027-03-03T04:00:00Z');
    await callHotline(ctx, PHONES.citizen, { actions: [{ silence: true }, { hangup: true }] });

    // Today is Monday 8 March, 10:00 Shanghai.
    ctx.clock.set('2027-03-08T02:00:00Z');
    const reportBefore = await get('/api/reports/duty-gaps', lastWeek);
    const csvBefore = (
      await ctx.api('get', '/api/reports/duty-gaps', supervisorToken).query({ ...lastWeek, format: 'csv' })
    ).text;
    const shiftsBefore = await get('/api/roster/shifts', lastWeek);
    expect(primaryStaff(await get('/api/roster/shifts', nextWeek))).toEqual(['Wang Fang']);
    expect(reportBefore.gaps).toHaveLength(1);
    expect(reportBefore.slots.filter((slot: { staff: unknown }) => slot.staff !== null)).toHaveLength(8);

    const rotations = (await ctx.api('get', '/api/roster/rotations')).body.items as {
      id: number;
      position: string;
    }[];
    const primaryRotation = rotations.find((rotation) => rotation.position === 'primary')!;
    const edit = await ctx
      .api('patch', `/api/roster/rotations/${primaryRotation.id}`)
      .send({ members: [team.colleague.id] });
    expect(edit.status).toBe(200);

    expect(await get('/api/reports/duty-gaps', lastWeek)).toEqual(reportBefore);
    expect(
      (await ctx.api('get', '/api/reports/duty-gaps', supervisorToken).query({ ...lastWeek, format: 'csv' }))
        .text,
    ).toBe(csvBefore);
    expect(await get('/api/roster/shifts', lastWeek)).toEqual(shiftsBefore);
    expect(primaryStaff(await get('/api/roster/shifts', nextWeek))).toEqual(['Chen Jie']);
    // From now on, today included: Wang Fang until 10:00, Chen Jie after.
    const today = await get('/api/roster/shifts', {
      from: '2027-03-08T08:00:00+08:00',
      to: '2027-03-09T08:00:00+08:00',
    });
    expect(
      today
        .filter((shift: { position: string }) => shift.position === 'primary')
        .map((shift: { staff: { name: string }; from: string }) => [shift.staff.name, shift.from]),
    ).toEqual([
      ['Wang Fang', '2027-03-08T08:00:00.000+08:00'],
      ['Chen Jie', '2027-03-08T10:00:00.000+08:00'],
    ]);
  });
});
