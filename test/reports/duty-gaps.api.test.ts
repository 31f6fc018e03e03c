import { DateTime } from 'luxon';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The test clock starts at 2027-03-01 10:00 Shanghai time (02:00 UTC), in Wang Fang's primary shift.
const DAY = { from: '2027-03-01T08:00:00+08:00', to: '2027-03-02T08:00:00+08:00' };

describe('GET /api/reports/duty-gaps and GET /api/roster/shifts', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const report = (query: Record<string, string>, token = supervisorToken) =>
    ctx.api('get', '/api/reports/duty-gaps', token).query(query);
  const shifts = (query: Record<string, string>, token = supervisorToken) =>
    ctx.api('get', '/api/roster/shifts', token).query(query);
  const wang = () => ({ id: team.primary.id, name: 'Wang Fang' });

  async function reportSick(from: string, to: string) {
    const res = await ctx
      .api('post', '/api/roster/overrides')
      .send({ absentStaffId: team.primary.id, from, to, reason: 'sick' });
    expect(res.status).toBe(201);
    return res.body as { id: number; position: string };
  }

  it('a primary off sick with no cover is a gap caused by the absence, listed uncovered, and costs coverage', async () => {
    const sick = await reportSick('2027-03-01T12:00:00+08:00', '2027-03-01T18:00:00+08:00');
    expect(sick.position).toBe('primary');

    const res = await report(DAY);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2027-03-01T08:00:00.000+08:00',
      to: '2027-03-02T08:00:00.000+08:00',
      // 6 of 24 hours without a primary: 18 / 24 = 75 %.
      coverage: { percent: 75 },
      gaps: [
        {
          position: 'primary',
          from: '2027-03-01T12:00:00.000+08:00',
          to: '2027-03-01T18:00:00.000+08:00',
          cause: 'absence_without_cover',
          overrideId: sick.id,
        },
      ],
      noBackup: [],
      absences: [
        {
          staff: wang(),
          from: '2027-03-01T12:00:00.000+08:00',
          to: '2027-03-01T18:00:00.000+08:00',
          reason: 'sick',
          covered: false,
        },
      ],
      cases: [],
      hours: [
        { staff: { id: team.backup.id, name: 'Li Qiang' }, hours: 24 },
        { staff: { id: team.supervisor.id, name: 'Zhao Min' }, hours: 24 },
        { staff: wang(), hours: 18 },
      ],
      // Mean 22 hours, most 24: 24 / 22 = 1.09.
      balance: 1.09,
    });
    expect(
      res.body.slots.map((slot: { staff: unknown; from: string; to: string }) => [
        slot.staff,
        slot.from,
        slot.to,
      ]),
    ).toEqual([
      [wang(), '2027-03-01T08:00:00.000+08:00', '2027-03-01T12:00:00.000+08:00'],
      [null, '2027-03-01T12:00:00.000+08:00', '2027-03-01T18:00:00.000+08:00'],
      [wang(), '2027-03-01T18:00:00.000+08:00', '2027-03-02T08:00:00.000+08:00'],
    ]);
  });

  it('a window before any rotation began is one gap with no rotation, no backup, and nobody’s hours', async () => {
    const res = await report({ from: '2027-01-30T08:00:00+08:00', to: '2027-02-01T08:00:00+08:00' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      coverage: { percent: 0 },
      gaps: [
        {
          position: 'primary',
          from: '2027-01-30T08:00:00.000+08:00',
          to: '2027-02-01T08:00:00.000+08:00',
          cause: 'no_rotation',
        },
      ],
      noBackup: [{ from: '2027-01-30T08:00:00.000+08:00', to: '2027-02-01T08:00:00.000+08:00' }],
      hours: [],
      balance: null,
    });
    expect(res.body.slots).toHaveLength(1);
  });

  it('a case past its deadline with no result and no feedback is listed with what it misses', async () => {
    await ctx.sms(PHONES.citizen, 'The street lamp outside number 5 is broken');
    const row = await ctx.container.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    const dueAt = new Date(row.due_at!);
    const window = { from: DAY.from, to: '2027-03-15T08:00:00+08:00' };

    expect((await report(window)).body.cases).toEqual([]);
    ctx.clock.set(new Date(dueAt.getTime() + 60_000));
    expect((await report(window)).body.cases).toEqual([
      {
        ref: row.ref,
        missing: ['result', 'feedback'],
        dueAt: DateTime.fromJSDate(dueAt).setZone('Asia/Shanghai').toISO(),
        status: 'assigned',
        assignee: wang(),
      },
    ]);
  });

  it('format=csv answers text/csv with a header and one row per finding', async () => {
    await reportSick('2027-03-01T12:00:00+08:00', '2027-03-01T18:00:00+08:00');
    const res = await report({ ...DAY, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^kind,position,staff_id,staff,from,to,cause,reason,covered,offered,/);
    // coverage, balance, 1 gap, 1 absence, 3 slots, 3 people's hours.
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      'coverage',
      'balance',
      'gap',
      'absence',
      'slot',
      'slot',
      'slot',
      'hours',
      'hours',
      'hours',
    ]);
    expect(lines[3]).toBe(
      `gap,primary,${team.primary.id},Wang Fang,2027-03-01T12:00:00.000+08:00,2027-03-01T18:00:00.000+08:00,absence_without_cover,,,,,,,,,,,,,,,,,,,,,`,
    );
    expect(lines[4]).toBe(
      `absence,primary,${team.primary.id},Wang Fang,2027-03-01T12:00:00.000+08:00,2027-03-01T18:00:00.000+08:00,,sick,false,,,,,,,,,,,,,,,,,,,`,
    );
  });

  it('the report is for supervisors; staff are refused', async () => {
    const staffToken = await issueToken(ctx, team.backup.id);
    expect((await report(DAY, staffToken)).status).toBe(403);
    expect((await ctx.api('get', '/api/reports/duty-gaps').query(DAY)).status).toBe(200);
  });

  it.each([
    ['no to', { from: DAY.from }, 'to'],
    ['to before from', { from: DAY.to, to: DAY.from }, 'to'],
    ['an empty window', { from: DAY.from, to: DAY.from }, 'to'],
    ['more than 366 days', { from: '2027-01-01T00:00:00+08:00', to: '2028-01-02T00:00:01+08:00' }, 'to'],
    ['a time without an offset', { from: '2027-03-01T08:00:00', to: DAY.to }, 'from'],
    ['not a time', { from: 'yesterday', to: DAY.to }, 'from'],
    ['an unknown format', { ...DAY, format: 'xlsx' }, 'format'],
  ])('a bad window or format is a 400 naming the field: %s', async (_name, query, field) => {
    const res = await report(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
  });

  it('366 days exactly is allowed', async () => {
    expect(
      (await report({ from: '2027-01-01T00:00:00+08:00', to: '2028-01-02T00:00:00+08:00' })).status,
    ).toBe(200);
  });

  it('GET /api/roster/shifts gives every staff member the resolved segments with their source', async () => {
    const sick = await reportSick('2027-03-01T12:00:00+08:00', '2027-03-01T18:00:00+08:00');
    const staffToken = await issueToken(ctx, team.colleague.id);
    const res = await shifts(DAY, staffToken);
    expect(res.status).toBe(200);
    const rotations = (await ctx.api('get', '/api/roster/rotations')).body.items as {
      id: number;
      position: string;
    }[];
    const rotationOf = (position: string) => rotations.find((rotation) => rotation.position === position)!.id;
    expect(res.body).toEqual([
      {
        position: 'primary',
        staff: wang(),
        from: '2027-03-01T08:00:00.000+08:00',
        to: '2027-03-01T12:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: rotationOf('primary'), name: 'primary desk' },
      },
      {
        position: 'primary',
        staff: null,
        from: '2027-03-01T12:00:00.000+08:00',
        to: '2027-03-01T18:00:00.000+08:00',
        source: { kind: 'override', overrideId: sick.id, reason: 'sick' },
      },
      {
        position: 'primary',
        staff: wang(),
        from: '2027-03-01T18:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: rotationOf('primary'), name: 'primary desk' },
      },
      {
        position: 'backup',
        staff: { id: team.backup.id, name: 'Li Qiang' },
        from: '2027-03-01T08:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: rotationOf('backup'), name: 'backup desk' },
      },
      {
        position: 'supervisor',
        staff: { id: team.supervisor.id, name: 'Zhao Min' },
        from: '2027-03-01T08:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        source: { kind: 'rotation', rotationId: rotationOf('supervisor'), name: 'supervisor desk' },
      },
    ]);
  });

  it('GET /api/roster/shifts refuses a bad window with a 400', async () => {
    for (const query of [
      { from: DAY.from },
      { from: DAY.to, to: DAY.from },
      { from: '2027-01-01T00:00:00+08:00', to: '2028-01-03T00:00:00+08:00' },
      { from: '2027-03-01', to: DAY.to },
    ]) {
      const res = await shifts(query as Record<string, string>);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
    expect((await ctx.api('get', '/api/roster/shifts', 'not-a-token').query(DAY)).status).toBe(401);
  });
});
