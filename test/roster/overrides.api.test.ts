import { useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

const HOUR = 3_600_000;

// The clock stands at 10:00 Shanghai time on 1 March 2027; Wang Fang is the primary all day
// (24-hour shifts handing off at 08:00), Chen Jie is on no rotation.
describe('overrides over the API: listed, cancelled from now on, recorded by supervisors', () => {
  const hotline = useHotline({ online: false });

  const onDutyAt = async (at: string) => {
    const res = await hotline.ctx.api('get', `/api/roster/on-duty?at=${encodeURIComponent(at)}`);
    expect(res.status).toBe(200);
    return res.body.primary?.name ?? null;
  };

  async function recordCover(from: string, to: string, token?: string) {
    const { team } = hotline;
    const res = await hotline.ctx
      .api('post', '/api/roster/overrides', token)
      .send({ absentStaffId: team.primary.id, coverStaffId: team.colleague.id, from, to, reason: 'leave' });
    expect(res.status).toBe(201);
    return res.body as { id: number; cancelledAt: string | null };
  }

  const cancel = (id: number | string, token?: string) =>
    hotline.ctx.api('delete', `/api/roster/overrides/${id}`, token);

  const list = (from: string, to: string, token?: string) =>
    hotline.ctx.api(
      'get',
      `/api/roster/overrides?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      token,
    );

  it('a supervisor records and cancels; a duty officer may list but do neither', async () => {
    const { ctx, team } = hotline;
    const supervisorToken = await issueToken(ctx, team.supervisor.id);
    const staffToken = await issueToken(ctx, team.backup.id);

    const cover = await recordCover(
      '2027-03-02T08:00:00+08:00',
      '2027-03-03T08:00:00+08:00',
      supervisorToken,
    );
    const refused = await ctx.api('post', '/api/roster/overrides', staffToken).send({
      absentStaffId: team.backup.id,
      from: '2027-03-02T08:00:00+08:00',
      to: '2027-03-02T20:00:00+08:00',
      reason: 'sick',
    });
    expect(refused.status).toBe(403);
    expect((await cancel(cover.id, staffToken)).status).toBe(403);

    const listed = await list('2027-03-01T00:00:00+08:00', '2027-03-08T00:00:00+08:00', staffToken);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: cover.id,
        absentStaffId: team.primary.id,
        coverStaffId: team.colleague.id,
        createdBy: team.supervisor.id,
        cancelledAt: null,
      }),
    ]);

    const cancelled = await cancel(cover.id, supervisorToken);
    expect(cancelled.status).toBe(204);
    expect(cancelled.text).toBe('');
  });

  it('cancelling an override not yet begun keeps it listed, marked, and it never counts', async () => {
    const cover = await recordCover('2027-03-02T08:00:00+08:00', '2027-03-03T08:00:00+08:00');
    expect(await onDutyAt('2027-03-02T12:00:00+08:00')).toBe('Chen Jie');

    hotline.ctx.clock.advance(HOUR);
    expect((await cancel(cover.id)).status).toBe(204);

    expect(await onDutyAt('2027-03-02T12:00:00+08:00')).toBe('Wang Fang');
    const listed = await list('2027-03-02T00:00:00+08:00', '2027-03-03T00:00:00+08:00');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: cover.id, cancelledAt: '2027-03-01T11:00:00.000+08:00' }),
    ]);
  });

  it('cancelling an override under way ends it now and leaves its past as it was', async () => {
    const cover = await recordCover('2027-03-01T09:00:00+08:00', '2027-03-01T18:00:00+08:00');
    hotline.ctx.clock.set('2027-03-01T12:00:00+08:00');
    expect(await onDutyAt('2027-03-01T12:30:00+08:00')).toBe('Chen Jie');

    expect((await cancel(cover.id)).status).toBe(204);

    // History: who covered this morning still did; from the cancellation on, the rotation stands.
    expect(await onDutyAt('2027-03-01T11:00:00+08:00')).toBe('Chen Jie');
    expect(await onDutyAt('2027-03-01T12:00:00+08:00')).toBe('Wang Fang');
    expect(await onDutyAt('2027-03-01T15:00:00+08:00')).toBe('Wang Fang');
    const shifts = await hotline.ctx.api(
      'get',
      `/api/roster/shifts?from=${encodeURIComponent('2027-03-01T09:00:00+08:00')}&to=${encodeURIComponent('2027-03-01T18:00:00+08:00')}`,
    );
    expect(
      shifts.body
        .filter((shift: { position: string }) => shift.position === 'primary')
        .map((shift: { staff: { name: string }; from: string; to: string }) => [
          shift.staff.name,
          shift.from,
          shift.to,
        ]),
    ).toEqual([
      ['Chen Jie', '2027-03-01T09:00:00.000+08:00', '2027-03-01T12:00:00.000+08:00'],
      ['Wang Fang', '2027-03-01T12:00:00.000+08:00', '2027-03-01T18:00:00.000+08:00'],
    ]);
  });

  it('a second cancellation changes nothing; an unknown override is 404, one already over 409', async () => {
    const cover = await recordCover('2027-03-02T08:00:00+08:00', '2027-03-03T08:00:00+08:00');
    expect((await cancel(cover.id)).status).toBe(204);
    hotline.ctx.clock.advance(HOUR);
    expect((await cancel(cover.id)).status).toBe(204);
    const listed = await list('2027-03-02T00:00:00+08:00', '2027-03-03T00:00:00+08:00');
    expect(listed.body.items[0].cancelledAt).toBe('2027-03-01T10:00:00.000+08:00');

    for (const id of ['999', 'abc']) {
      const missing = await cancel(id);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('override.not_found');
    }

    const past = await recordCover('2027-03-01T08:00:00+08:00', '2027-03-01T09:00:00+08:00');
    const over = await cancel(past.id);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('override.ended');
    expect(await onDutyAt('2027-03-01T08:30:00+08:00')).toBe('Chen Jie');
  });

  it('lists at most 1000, by start, and says when more were left out', async () => {
    const { ctx, team } = hotline;
    await ctx.container.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1001; i += 1) {
        const start = Date.parse('2027-04-01T00:00:00Z') + i * 3_600_000;
        await trx
          .insertInto('overrides')
          .values({
            position: 'primary',
            absent_staff_id: team.primary.id,
            cover_staff_id: team.colleague.id,
            starts_at: new Date(start).toISOString(),
            ends_at: new Date(start + 1_800_000).toISOString(),
            reason: 'swap',
            created_by: null,
            created_at: '2027-03-01T02:00:00.000Z',
          })
          .execute();
      }
    });
    const listed = await list('2027-04-01T00:00:00Z', '2027-06-01T00:00:00Z');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1000);
    expect(listed.body.truncated).toBe(true);
    expect(listed.body.items[0].from).toBe('2027-04-01T08:00:00.000+08:00');
    const few = await list('2027-04-01T00:00:00Z', '2027-04-01T03:00:00Z');
    expect(few.body).toMatchObject({ truncated: false });
    expect(few.body.items).toHaveLength(3);
  });

  it('refuses a window without both ends, or one longer than a year and a day', async () => {
    for (const query of [
      'from=2027-03-01T00:00:00Z',
      'from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z',
      'from=2027-01-01T00:00:00Z&to=2028-06-01T00:00:00Z',
    ]) {
      const res = await hotline.ctx.api('get', `/api/roster/overrides?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
  });
});
