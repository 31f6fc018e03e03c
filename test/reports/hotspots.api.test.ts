import { parse } from 'csv-parse/sync';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';
import { FEBRUARY, PLACES, seedHotspotCases, TWO_MONTHS } from './hotspots.fixtures';

describe('GET /api/reports/hotspots', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisorToken: string;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    supervisorToken = await issueToken(ctx, team.supervisor.id);
  });

  const report = (query: Record<string, string>, token = supervisorToken) =>
    ctx.api('get', '/api/reports/hotspots', token).query(query);

  it('over a seeded February, counts, trends, repeats and open cases per place equal the values worked out by hand', async () => {
    await seedHotspotCases(ctx.container.db);
    const res = await report(FEBRUARY);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      window: { from: '2027-02-01T00:00:00.000+08:00', to: '2027-03-01T00:00:00.000+08:00' },
      // 28 days before February 1.
      previousWindow: { from: '2027-01-04T00:00:00.000+08:00', to: '2027-02-01T00:00:00.000+08:00' },
      generatedAt: '2027-03-01T10:00:00.000+08:00',
      timezone: 'Asia/Shanghai',
      // Most first, then by place id (no place last), then by category.
      hotspots: [
        // 20270201, 0202, 0203; 0204 is merged into 0202 and 0301 arrived at the window's end.
        // January: 20270101.
        {
          place: PLACES.dali,
          category: 'sanitation',
          count: 3,
          previousCount: 1,
          change: 2,
          trend: 'up',
          repeat: true,
        },
        // 20270205, 0206 against January's 0102, 0103, 0104.
        {
          place: PLACES.minzhu,
          category: 'noise',
          count: 2,
          previousCount: 3,
          change: -1,
          trend: 'down',
          repeat: false,
        },
        // 20270207 (at the window's start), 0208 against 0105.
        {
          place: PLACES.xiangshan,
          category: 'noise',
          count: 2,
          previousCount: 1,
          change: 1,
          trend: 'up',
          repeat: false,
        },
        // 20270212 (a place typed as free text is no gazetteer place), 0214.
        {
          place: null,
          category: 'sanitation',
          count: 2,
          previousCount: 0,
          change: 2,
          trend: 'new',
          repeat: false,
        },
        {
          place: PLACES.fuhui,
          category: 'roads',
          count: 1,
          previousCount: 1,
          change: 0,
          trend: 'flat',
          repeat: false,
        },
        {
          place: PLACES.oldMarket,
          category: 'other',
          count: 1,
          previousCount: 0,
          change: 1,
          trend: 'new',
          repeat: false,
        },
        {
          place: PLACES.yuquan,
          category: 'water',
          count: 1,
          previousCount: 0,
          change: 1,
          trend: 'new',
          repeat: false,
        },
        {
          place: null,
          category: 'other',
          count: 1,
          previousCount: 0,
          change: 1,
          trend: 'new',
          repeat: false,
        },
        // January's only: it went away.
        {
          place: PLACES.xian,
          category: 'sanitation',
          count: 0,
          previousCount: 1,
          change: -1,
          trend: 'down',
          repeat: false,
        },
      ],
      // Minzhu Road's three noise cases were in January, outside the window.
      repeats: [
        {
          place: PLACES.dali,
          category: 'sanitation',
          count: 3,
          from: '2027-02-02T10:00:00.000+08:00',
          to: '2027-02-28T23:00:00.000+08:00',
          refs: ['20270201', '20270202', '20270203'],
        },
      ],
      openAsOf: '2027-03-01T10:00:00.000+08:00',
      // Open now, whenever they arrived: Dali 0202 received, 0203 assigned, 0301 received (the
      // merged 0204 and resolved 0201 are not open); no place 0212, 0213; Minzhu's December roads
      // case 1201; Xiangshan 0208 acknowledged; Yuquan 0209 reopened.
      openByPlace: [
        { place: PLACES.dali, count: 3 },
        { place: null, count: 2 },
        { place: PLACES.minzhu, count: 1 },
        { place: PLACES.xiangshan, count: 1 },
        { place: PLACES.yuquan, count: 1 },
      ],
      // No rectification campaign in the seed.
      campaigns: [],
    });
  });

  it('three cases of a place and category within 30 days repeat; three spread over 40 days do not', async () => {
    await seedHotspotCases(ctx.container.db);
    const res = await report(TWO_MONTHS);
    expect(res.status).toBe(200);
    // Dali Road: Jan 20, Feb 2, Feb 16, Feb 28 — any 30 days hold at most three, the earliest such
    // stretch is Jan 20 to Feb 16. Minzhu Road: Jan 5, 15, 25 (then Feb 5, 25). Xiangshan Road:
    // Jan 10, Feb 1, Feb 19 — three cases, but over 40 days, so at most two in any 30.
    expect(res.body.repeats).toEqual([
      {
        place: PLACES.dali,
        category: 'sanitation',
        count: 3,
        from: '2027-01-20T10:00:00.000+08:00',
        to: '2027-02-16T10:00:00.000+08:00',
        refs: ['20270101', '20270201', '20270202'],
      },
      {
        place: PLACES.minzhu,
        category: 'noise',
        count: 3,
        from: '2027-01-05T10:00:00.000+08:00',
        to: '2027-01-25T10:00:00.000+08:00',
        refs: ['20270102', '20270103', '20270104'],
      },
    ]);
    const xiangshan = res.body.hotspots.find(
      (row: { place: { id: string } | null }) => row.place?.id === 'xiangshan-road',
    );
    expect(xiangshan).toMatchObject({ count: 3, repeat: false });
  });

  it('format=csv gives one row per hotspot with the repeats flagged', async () => {
    await seedHotspotCases(ctx.container.db);
    const res = await report({ ...FEBRUARY, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([
      'place_id',
      'place_zh_cn',
      'place_en',
      'category',
      'count',
      'previous_count',
      'change',
      'trend',
      'repeat',
      'repeat_count',
      'repeat_refs',
    ]);
    expect(rows.map((row) => Object.values(row))).toEqual([
      [
        'dali-road',
        '大理路',
        'Dali Road',
        'sanitation',
        '3',
        '1',
        '2',
        'up',
        'true',
        '3',
        '20270201;20270202;20270203',
      ],
      ['minzhu-road', '民主路', 'Minzhu Road', 'noise', '2', '3', '-1', 'down', 'false', '', ''],
      ['xiangshan-road', '象山路', 'Xiangshan Road', 'noise', '2', '1', '1', 'up', 'false', '', ''],
      ['', '', '', 'sanitation', '2', '0', '2', 'new', 'false', '', ''],
      ['fuhui-road', '福慧路', 'Fuhui Road', 'roads', '1', '1', '0', 'flat', 'false', '', ''],
      ['old-market', 'old-market', 'old-market', 'other', '1', '0', '1', 'new', 'false', '', ''],
      ['yuquan-road', '玉泉路', 'Yuquan Road', 'water', '1', '0', '1', 'new', 'false', '', ''],
      ['', '', '', 'other', '1', '0', '1', 'new', 'false', '', ''],
      ['xian-road', '西安路', "Xi'an Road", 'sanitation', '0', '1', '-1', 'down', 'false', '', ''],
    ]);
  });

  it('an empty window answers empty lists, not an error', async () => {
    const res = await report(FEBRUARY);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hotspots: [], repeats: [], openByPlace: [] });
    const csv = await report({ ...FEBRUARY, format: 'csv' });
    expect(csv.text.trim().split('\n')).toHaveLength(1);
  });

  it('the report is for supervisors; staff are refused', async () => {
    const staffToken = await issueToken(ctx, team.primary.id);
    expect((await report(FEBRUARY, staffToken)).status).toBe(403);
    expect((await ctx.api('get', '/api/reports/hotspots').query(FEBRUARY)).status).toBe(200);
  });

  it.each([
    ['no to', { from: FEBRUARY.from }, 'to'],
    ['to before from', { from: FEBRUARY.to, to: FEBRUARY.from }, 'to'],
    ['more than 366 days', { from: '2027-01-01T00:00:00+08:00', to: '2028-01-02T00:00:01+08:00' }, 'to'],
    ['a time without an offset', { from: '2027-02-01T00:00:00', to: FEBRUARY.to }, 'from'],
    ['an unknown format', { ...FEBRUARY, format: 'xlsx' }, 'format'],
  ])('a bad window or format is a 400 naming the field: %s', async (_name, query, field) => {
    const res = await report(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
  });
});
