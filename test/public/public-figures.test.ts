import request from 'supertest';
import type { presentPublicFigures } from '../../src/public/public.presenter';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';

// /public and /public/figures.json on seeded months. The test clock stands at 2027-03-01T02:00Z, 10:00
// on 1 March in Shanghai: the months shown run from March 2026 to March 2027 (so far), and the page
// shows February 2027 in detail by default: [2027-01-31T16:00Z, 2027-02-28T16:00Z).

type PublicFiguresJson = ReturnType<typeof presentPublicFigures>;

type CaseSeed = {
  category: string;
  placeId?: string | null;
  created: string;
  due?: string;
  resolved?: string;
  feedback?: 'sms' | 'call';
  answer?: 'satisfied' | 'unsatisfied';
};

const DUE = '2027-02-20T00:00:00.000Z';
const ON_TIME = '2027-02-19T00:00:00.000Z';
const LATE = '2027-02-21T00:00:00.000Z';
const CREATED = '2027-02-10T02:00:00.000Z';
const ANSWERED = '2027-02-25T00:00:00.000Z';

// February by category: sanitation 5, noise 3, roads 2 and water 2 (merged into "other").
// By place: dali-road 5, minzhu-road 4, fuhui-road 2 and one with no gazetteer place ("other").
const FEBRUARY: CaseSeed[] = [
  // S1–S5, Dali Road: resolved S1–S4, on time S1 and S4, result told S1, S2 and S4, answers S1–S3.
  {
    category: 'sanitation',
    placeId: 'dali-road',
    resolved: ON_TIME,
    feedback: 'sms',
    answer: 'satisfied',
    created: CREATED,
  },
  {
    category: 'sanitation',
    placeId: 'dali-road',
    resolved: LATE,
    feedback: 'call',
    answer: 'satisfied',
    created: CREATED,
  },
  { category: 'sanitation', placeId: 'dali-road', resolved: LATE, answer: 'unsatisfied', created: CREATED },
  { category: 'sanitation', placeId: 'dali-road', resolved: ON_TIME, feedback: 'sms', created: CREATED },
  { category: 'sanitation', placeId: 'dali-road', created: CREATED },
  // N1–N3, Minzhu Road: resolved N1, N2 (on time, told), one answer.
  {
    category: 'noise',
    placeId: 'minzhu-road',
    resolved: ON_TIME,
    feedback: 'sms',
    answer: 'satisfied',
    created: CREATED,
  },
  { category: 'noise', placeId: 'minzhu-road', resolved: ON_TIME, feedback: 'sms', created: CREATED },
  { category: 'noise', placeId: 'minzhu-road', created: CREATED },
  // R1 at Minzhu Road, resolved on time, told, satisfied; R2 nowhere in the gazetteer, open.
  {
    category: 'roads',
    placeId: 'minzhu-road',
    resolved: ON_TIME,
    feedback: 'sms',
    answer: 'satisfied',
    created: CREATED,
  },
  { category: 'roads', placeId: null, created: CREATED },
  // W1 late and untold; W2 on time, told, unsatisfied. Both at Fuhui Road.
  { category: 'water', placeId: 'fuhui-road', resolved: LATE, created: CREATED },
  {
    category: 'water',
    placeId: 'fuhui-road',
    resolved: ON_TIME,
    feedback: 'sms',
    answer: 'unsatisfied',
    created: CREATED,
  },
  // At the edges: 23:59 on 31 January in Shanghai (January), and 00:00 on 1 March (March).
  { category: 'sanitation', placeId: 'dali-road', created: '2027-01-31T15:59:00.000Z' },
  { category: 'sanitation', placeId: 'dali-road', created: '2027-02-28T16:00:00.000Z' },
];

describe('the public supervision page and its JSON', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;
  let sequence = 0;

  beforeEach(() => {
    ({ ctx, team } = hotline);
  });

  async function seedCase(seed: CaseSeed) {
    sequence += 1;
    await ctx.container.db
      .insertInto('cases')
      .values({
        ref: String(40_000_000 + sequence),
        status: seed.resolved ? 'resolved' : 'assigned',
        channel: 'sms',
        phone: '+8613912345678',
        language: 'en',
        category: seed.category,
        priority: 'normal',
        description: `seeded ${sequence}`,
        on_duty: '{}',
        place: seed.placeId ? `typed ${seed.placeId}` : null,
        place_id: seed.placeId ?? null,
        assignee_id: team.primary.id,
        result: seed.resolved ? 'done' : null,
        resolved_at: seed.resolved ?? null,
        due_at: seed.due ?? DUE,
        feedback_delivered_at: seed.feedback === 'sms' ? seed.resolved! : null,
        feedback_via: seed.feedback ?? null,
        satisfaction_answer: seed.answer ?? null,
        satisfaction_answered_at: seed.answer ? ANSWERED : null,
        created_at: seed.created,
        updated_at: seed.created,
      })
      .execute();
  }

  const figures = async (): Promise<PublicFiguresJson> => {
    const res = await request(ctx.app).get('/public/figures.json');
    expect(res.status).toBe(200);
    return res.body;
  };
  const monthOf = (body: PublicFiguresJson, month: string) =>
    body.months.find((each) => each.month === month)!;

  it('lists the last twelve full months and the current one so far, in the hotline zone', async () => {
    const body = await figures();
    expect(body.months.map((each: { month: string }) => each.month)).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(monthOf(body, '2027-02')).toMatchObject({
      from: '2027-01-31T16:00:00.000Z',
      to: '2027-02-28T16:00:00.000Z',
      complete: true,
    });
    expect(monthOf(body, '2027-03').complete).toBe(false);
    expect(body.minimumCount).toBe(3);
  });

  it("a month's figures by category and place merge the small ones into other, with rates computed by hand", async () => {
    for (const seed of FEBRUARY) await seedCase(seed);
    const february = monthOf(await figures(), '2027-02');

    // Twelve complaints; nine resolved, six on time, seven told; six answers, four satisfied.
    expect(february.total).toEqual({
      volume: 12,
      onTimeRate: 6 / 9,
      feedbackRate: 7 / 9,
      satisfactionRate: 4 / 6,
    });
    // Roads (2) and water (2) appear only inside "other": 4 complaints, R1, W1, W2 resolved (R1 and
    // W2 on time and told), two answers: too few for a rate.
    expect(february.byCategory).toEqual([
      {
        id: 'sanitation',
        name: { 'zh-CN': '环境卫生', en: 'Sanitation' },
        volume: 5,
        onTimeRate: 2 / 4,
        feedbackRate: 3 / 4,
        satisfactionRate: 2 / 3,
      },
      // Two resolved and one answer: no rate over fewer than three.
      {
        id: 'noise',
        name: { 'zh-CN': '噪音扰民', en: 'Noise' },
        volume: 3,
        onTimeRate: null,
        feedbackRate: null,
        satisfactionRate: null,
      },
      {
        id: 'other',
        name: { 'zh-CN': '其他', en: 'Other' },
        volume: 4,
        onTimeRate: 2 / 3,
        feedbackRate: 2 / 3,
        satisfactionRate: null,
      },
    ]);
    // Fuhui Road (2) and the complaint with no gazetteer place make "other": 3 complaints, W1 and W2
    // resolved, too few for a rate. Minzhu Road: N1, N2 and R1 resolved, all on time and told.
    expect(february.byPlace).toEqual([
      {
        id: 'dali-road',
        name: { 'zh-CN': '大理路', en: 'Dali Road' },
        volume: 5,
        onTimeRate: 2 / 4,
        feedbackRate: 3 / 4,
        satisfactionRate: 2 / 3,
      },
      {
        id: 'minzhu-road',
        name: { 'zh-CN': '民主路', en: 'Minzhu Road' },
        volume: 4,
        onTimeRate: 1,
        feedbackRate: 1,
        satisfactionRate: null,
      },
      {
        id: 'other',
        name: { 'zh-CN': '其他', en: 'Other' },
        volume: 3,
        onTimeRate: null,
        feedbackRate: null,
        satisfactionRate: null,
      },
    ]);
    // The complaints either side of February count in their own months, merged there as single ones.
    for (const month of ['2027-01', '2027-03']) {
      expect(monthOf(await figures(), month)).toMatchObject({
        total: { volume: 1, onTimeRate: null },
        byCategory: [{ id: 'other', volume: 1 }],
        byPlace: [{ id: 'other', volume: 1 }],
      });
    }
  });

  it('the page shows the same figures in English and Chinese, the small categories only inside other', async () => {
    for (const seed of FEBRUARY) await seedCase(seed);
    const en = await request(ctx.app).get('/public?lang=en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Details for February 2027');
    const section = (html: string, id: string) => html.split(`id="${id}"`)[1].split('</table>')[0];
    const rows = (html: string) =>
      [...html.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map(
        ([, name, cells]) =>
          `${name} ${[...cells.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]).join(' ')}`,
      );
    const dash =
      '<span aria-hidden="true">–</span><span class="visually-hidden">fewer than 3, not shown</span>';
    expect(rows(section(en.text, 'by-category'))).toEqual([
      'Sanitation 5 50.0% 75.0% 66.7%',
      `Noise 3 ${dash} ${dash} ${dash}`,
      `Other 4 66.7% 66.7% ${dash}`,
    ]);
    expect(rows(section(en.text, 'by-place'))).toEqual([
      'Dali Road 5 50.0% 75.0% 66.7%',
      `Minzhu Road 4 100.0% 100.0% ${dash}`,
      `Other 3 ${dash} ${dash} ${dash}`,
    ]);
    expect(section(en.text, 'by-category')).not.toContain('Roads');
    expect(section(en.text, 'by-category')).not.toContain('Water');
    expect(section(en.text, 'by-place')).not.toContain('Fuhui');

    const zh = await request(ctx.app).get('/public?lang=zh-CN');
    expect(zh.text).toContain('<html lang="zh-Hans">');
    expect(zh.text).toContain('2027年2月明细');
    const zhDash = '<span aria-hidden="true">–</span><span class="visually-hidden">不足3件，不显示</span>';
    expect(rows(section(zh.text, 'by-category'))).toEqual([
      '环境卫生 5 50.0% 75.0% 66.7%',
      `噪音扰民 3 ${zhDash} ${zhDash} ${zhDash}`,
      `其他 4 66.7% 66.7% ${zhDash}`,
    ]);
    // The switch goes to the same month in the other language.
    expect(en.text).toContain('href="/public?lang=zh-CN&amp;month=2027-02" lang="zh-Hans"');
    expect(zh.text).toContain('href="/public?lang=en&amp;month=2027-02" lang="en"');
  });

  it('states each category’s commitments in words', async () => {
    const en = await request(ctx.app).get('/public?lang=en');
    // Noise: 2 h and 72 h normal, 1 h and 24 h important, 15 min and 4 h urgent (categories.json).
    expect(en.text).toContain(
      '<th scope="row">Noise</th>' +
        '<td data-label="Normal">We take it up within 2 hours and tell you the result within 3 days.</td>' +
        '<td data-label="Important">We take it up within 1 hour and tell you the result within 24 hours.</td>' +
        '<td data-label="Urgent">We take it up within 15 minutes and tell you the result within 4 hours.</td>',
    );
    const zh = await request(ctx.app).get('/public?lang=zh-CN');
    expect(zh.text).toContain('<td data-label="一般">2小时内受理，3天内答复办理结果。</td>');
    const json = await figures();
    expect(json.commitments[0]).toEqual({
      category: 'noise',
      name: { 'zh-CN': '噪音扰民', en: 'Noise' },
      normal: { acknowledgeHours: 2, resultHours: 72 },
      important: { acknowledgeHours: 1, resultHours: 24 },
      urgent: { acknowledgeHours: 0.25, resultHours: 4 },
    });
  });

  it('is public and cheap: cacheable, no cookie, this month counted every five minutes and past ones hourly', async () => {
    const thisMonth = { category: 'noise', placeId: 'dali-road', created: '2027-03-01T01:00:00.000Z' };
    await seedCase(thisMonth);
    const first = await request(ctx.app).get('/public?lang=en&month=2027-02');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['set-cookie']).toBeUndefined();
    const json = await request(ctx.app).get('/public/figures.json');
    expect(json.headers['cache-control']).toBe('public, max-age=300');
    expect(json.headers['set-cookie']).toBeUndefined();
    expect(monthOf(json.body, '2027-03').total.volume).toBe(1);

    // Three more complaints this month and one dated February are not counted at once.
    for (let index = 0; index < 3; index += 1) await seedCase(thisMonth);
    await seedCase(FEBRUARY[0]);
    const volumes = async () => {
      const body = await figures();
      return [monthOf(body, '2027-02').total.volume, monthOf(body, '2027-03').total.volume];
    };
    ctx.clock.advance(60_000);
    await expect(volumes()).resolves.toEqual([0, 1]);
    ctx.clock.advance(4 * 60_000);
    await expect(volumes()).resolves.toEqual([0, 4]);
    ctx.clock.advance(55 * 60_000);
    await expect(volumes()).resolves.toEqual([1, 4]);
  });

  it('refuses a month it does not show with 400 and a code', async () => {
    const outside = await request(ctx.app).get('/public?month=2025-01');
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('public.month_unknown');
    const unreadable = await request(ctx.app).get('/public?month=February');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.code).toBe('request.invalid');
  });
});

describe('the public page under load from one address', () => {
  const hotline = useHotline({
    online: false,
    team: false,
    env: { API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '2' },
  });

  it('is rate-limited per address like the API without a token', async () => {
    const { ctx } = hotline;
    // The stylesheet a page view loads is not counted.
    for (let index = 0; index < 3; index += 1) {
      expect((await request(ctx.app).get('/public/assets/public.css')).status).toBe(200);
    }
    expect((await request(ctx.app).get('/public')).status).toBe(200);
    expect((await request(ctx.app).get('/public/figures.json')).status).toBe(200);
    const third = await request(ctx.app).get('/public');
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('request.rate_limited');
  });
});
