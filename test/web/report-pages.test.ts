import request from 'supertest';
import { callHotline } from '../helpers/calls';
import { ADMIN_TOKEN, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The supervisor's reading pages over HTTP: who may open them, what they show, and that they
// show what the API's use cases answer (the CSV is the API's, byte for byte).

/** A signed-in console session. The test app's public URL is https, so its cookies say Secure and
 * are carried here by hand rather than by a cookie jar that would keep them from plain http. */
interface Agent {
  get(path: string): request.Test;
}

const cookieOf = (res: request.Response, name: string) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`));

async function signIn(ctx: TestContext, token: string, language = 'en'): Promise<Agent> {
  const login = await request(ctx.app).get(`/console/login?lang=${language}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1];
  const res = await request(ctx.app)
    .post('/console/login/token')
    .set('Cookie', cookieOf(login, 'dutyline_login_csrf') ?? '')
    .type('form')
    .send({ _csrf: csrf, token, language });
  expect(res.status).toBe(303);
  const session = cookieOf(res, 'dutyline_session');
  if (!session) throw new Error('no session cookie');
  return { get: (path) => request(ctx.app).get(path).set('Cookie', session) };
}

/** The page's text without tags, spaces collapsed, for reading what a person sees. */
const textOf = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** The rows of the table under a heading, each as its cells' text. */
function tableAfter(html: string, heading: string): string[][] {
  const start = html.indexOf(`>${heading}</h2>`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]).trim()),
  );
}

describe('the report pages', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let fake: FakeTwilio;
  let team: DutyTeam;
  let supervisor: Agent;

  beforeEach(async () => {
    ({ ctx, fake, team } = hotline);
    supervisor = await signIn(ctx, await issueToken(ctx, team.supervisor.id));
  });

  it('are for supervisors and admins: a duty officer gets the 403 page on each, and the CSV', async () => {
    const officer = await signIn(ctx, await issueToken(ctx, team.primary.id));
    for (const path of ['/console/duty-gaps', '/console/duty-gaps.csv', '/console/kpis', '/console/calls']) {
      const res = await officer.get(path);
      expect(res.status).toBe(403);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('Your role cannot do this.');
    }
    const admin = await signIn(ctx, ADMIN_TOKEN);
    for (const path of ['/console/duty-gaps', '/console/kpis', '/console/calls']) {
      expect((await admin.get(path)).status).toBe(200);
    }
  });

  describe('/console/duty-gaps', () => {
    // Tuesday 2 March, 08:00 to 20:00 Shanghai: the primary is off sick and nobody covers.
    const absence = { from: '2027-03-02T00:00:00Z', to: '2027-03-02T12:00:00Z' };
    const window = { from: '2027-03-01T08:00', to: '2027-03-04T08:00' };

    beforeEach(async () => {
      const res = await ctx
        .api('post', '/api/roster/overrides')
        .send({ absentStaffId: team.primary.id, ...absence, reason: 'sick' });
      expect(res.status).toBe(201);
    });

    it('shows the uncovered absence as a gap with its cause, in the timeline and the tables', async () => {
      const res = await supervisor.get('/console/duty-gaps').query(window);
      expect(res.status).toBe(200);

      // The window is read in the hotline's zone and said back.
      expect(textOf(res.text)).toContain('Window: 1 Mar 08:00 – 4 Mar 08:00 (Asia/Shanghai)');
      expect(tableAfter(res.text, 'Gaps')).toEqual([
        ['Primary', '2 Mar 08:00', '2 Mar 20:00', 'Wang Fang absent, no cover', 'Wang Fang'],
      ]);
      expect(tableAfter(res.text, 'Absences')).toEqual([
        ['Wang Fang', 'Primary', '2 Mar 08:00', '2 Mar 20:00', 'sick', 'Not covered'],
      ]);
      // 72 hours less the 12-hour gap.
      expect(textOf(res.text)).toContain('83.3% Coverage');

      // The timeline: an image with a name and a summary, the gap hatched and labelled with its cause.
      const svg = res.text.slice(res.text.indexOf('<svg class="timeline"'), res.text.indexOf('</svg>'));
      expect(svg).toContain('role="img"');
      expect(svg).toContain('1 gaps in the primary, 1 absences (1 without cover)');
      expect(svg).toMatch(/<title>Gap, 2 Mar 08:00 – 2 Mar 20:00: Wang Fang absent, no cover<\/title>/);
      expect(svg).toMatch(/class="tl-gap"/);
      // The full cause does not fit in a 12-hour stretch of a 3-day window: the short one does.
      expect(svg).toContain('class="tl-gap-text">Absent: Wang Fang</text>');
      expect(svg).toMatch(/<rect[^>]*class="tl-absence"/);
      // Day ticks at midnight in Shanghai, and the names of who is on duty in each lane.
      expect(svg).toContain('>Tue 2 Mar</text>');
      expect(svg).toContain('>Li Qiang</text>');
      expect(svg).toContain('>Zhao Min</text>');
      expect(svg).toContain('patternUnits="userSpaceOnUse"');
      expect(svg).toContain('text-anchor="end"');
    });

    it('offers the same CSV as the API for the window shown', async () => {
      const res = await supervisor.get('/console/duty-gaps').query(window);
      const href = /<a href="([^"]+)" download>Download CSV<\/a>/.exec(res.text)?.[1].replace(/&amp;/g, '&');
      expect(href).toBe('/console/duty-gaps.csv?from=2027-03-01T08%3A00&to=2027-03-04T08%3A00');

      const csv = await supervisor.get(href!);
      expect(csv.status).toBe(200);
      expect(csv.type).toBe('text/csv');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="duty-gaps-2027-03-01-2027-03-04.csv"',
      );
      const api = await ctx
        .api('get', '/api/reports/duty-gaps')
        .query({ from: '2027-03-01T08:00:00+08:00', to: '2027-03-04T08:00:00+08:00', format: 'csv' });
      expect(csv.text).toBe(api.text);
      expect(csv.text).toContain('gap,primary');
    });

    it('by default shows the last 7 days and the next 7', async () => {
      const res = await supervisor.get('/console/duty-gaps');
      expect(res.status).toBe(200);
      // The test clock stands at 1 March 10:00 Shanghai.
      expect(res.text).toContain('name="from" value="2027-02-22T10:00"');
      expect(res.text).toContain('name="to" value="2027-03-08T10:00"');
      expect(tableAfter(res.text, 'Gaps')[0]).toContain('Wang Fang absent, no cover');
    });

    it('says why it cannot show a window it cannot read or the report refuses, with the form to fix it', async () => {
      const backwards = await supervisor
        .get('/console/duty-gaps')
        .query({ from: window.to, to: window.from });
      expect(backwards.status).toBe(400);
      expect(textOf(backwards.text)).toContain(
        'The window must end after it starts and span at most 366 days.',
      );
      expect(backwards.text).toContain('name="from" value="2027-03-04T08:00"');
      expect(backwards.text).not.toContain('<svg class="timeline"');

      const tooLong = await supervisor
        .get('/console/duty-gaps')
        .query({ from: '2027-01-01T00:00', to: '2028-03-01T00:00' });
      expect(tooLong.status).toBe(400);

      const unreadable = await supervisor
        .get('/console/duty-gaps')
        .query({ from: 'yesterday', to: window.to });
      expect(unreadable.status).toBe(400);
      expect(textOf(unreadable.text)).toContain('A time could not be read.');

      const csv = await supervisor.get('/console/duty-gaps.csv').query({ from: window.to, to: window.from });
      expect(csv.status).toBe(400);
    });

    it('marks missed and abandoned calls on the slot they fell in, and counts them in the slots table', async () => {
      ctx.clock.set('2027-03-01T03:00:00Z');
      await callHotline(
        ctx,
        PHONES.citizen,
        {
          actions: [{ press: '0' }, { record: { seconds: 10 } }],
          dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'busy' },
        },
        { fake },
      );
      await callHotline(ctx, PHONES.neighbour, { actions: [{ silence: true }, { hangup: true }] }, { fake });
      ctx.clock.set('2027-03-04T03:00:00Z');
      // Three days on, the session has long gone idle: sign in again.
      supervisor = await signIn(ctx, ADMIN_TOKEN);

      const res = await supervisor.get('/console/duty-gaps').query(window);
      expect(res.status).toBe(200);
      const slots = tableAfter(res.text, 'Shift slots and their calls');
      expect(slots[0]).toEqual([
        'Primary',
        'Wang Fang',
        '1 Mar 08:00',
        '2 Mar 08:00',
        '2',
        '0',
        '1',
        '1',
        '1',
        '1',
        '0',
      ]);
      expect(res.text).toContain(
        '<title>Wang Fang, 1 Mar 08:00 – 2 Mar 08:00: 1 missed, 1 abandoned</title>',
      );
      expect(res.text).toMatch(/class="tl-missed"/);
      expect(res.text).toMatch(/class="tl-abandoned"/);
    });

    it('reads in Chinese for a Chinese reader', async () => {
      const zh = await signIn(ctx, ADMIN_TOKEN, 'zh-CN');
      const res = await zh.get('/console/duty-gaps').query(window);
      expect(res.status).toBe(200);
      expect(tableAfter(res.text, '缺口')).toEqual([
        ['主班', '3月2日 08:00', '3月2日 20:00', 'Wang Fang缺勤，无人顶班', 'Wang Fang'],
      ]);
      expect(res.text).toContain('>3月2日 周二</text>');
    });
  });

  describe('/console/kpis', () => {
    it('says "not measured" when nothing happened, rather than 0', async () => {
      const res = await supervisor.get('/console/kpis');
      expect(res.status).toBe(200);
      expect(textOf(res.text)).toContain('not measured Answer rate');
      expect(textOf(res.text)).toContain('0 Complaints');
      expect(res.text).toContain('name="from" value="2027-01-30T11:00"');
      expect(res.text).toContain('name="to" value="2027-03-01T11:00"');
    });

    it('shows the figures of the use case, and the volumes as charts with tables beside them', async () => {
      await callHotline(
        ctx,
        '+8613700000001',
        { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
        { fake },
      );
      ctx.clock.advance(60_000);
      await callHotline(ctx, '+8613700000002', { actions: [{ silence: true }, { hangup: true }] }, { fake });
      await ctx.sms(PHONES.citizen, 'Rubbish not collected on Xinhua Street');
      const created = await ctx.api('post', '/api/cases').send({
        phone: PHONES.neighbour,
        description: 'Street light out',
        category: 'roads',
        channel: 'letter',
      });
      expect(created.status).toBe(201);
      ctx.clock.advance(60 * 60_000);

      const window = { from: '2027-03-01T00:00', to: '2027-03-02T00:00' };
      const res = await supervisor.get('/console/kpis').query(window);
      expect(res.status).toBe(200);
      const api = await ctx
        .api('get', '/api/reports/kpis')
        .query({ from: '2027-03-01T00:00:00+08:00', to: '2027-03-02T00:00:00+08:00' });
      const text = textOf(res.text);
      expect(api.body.answerRate).toBe(1);
      expect(text).toContain('100.0% Answer rate');
      expect(text).toContain(`${(api.body.abandonmentRate * 100).toFixed(1)}% Abandonment rate`);
      expect(text).toContain(`${api.body.volumes.total} Complaints`);

      const channels = tableAfter(
        res.text.replace('<h3 id="by-channel-heading">By channel</h3>', '<h2>By channel</h2>'),
        'By channel',
      );
      expect(channels).toEqual(
        Object.entries(api.body.volumes.byChannel as Record<string, number>).map(([key, count]) => [
          { voice: 'Call', sms: 'Text', letter: 'Letter', visit: 'Visit', web: 'Web', open311: 'Open311' }[
            key
          ],
          String(count),
          `${((count / api.body.volumes.total) * 100).toFixed(1)}%`,
        ]),
      );
      expect(res.text).toMatch(
        /<svg class="bar-chart"[^>]*role="img"[^>]*aria-labelledby="by-category-title by-category-desc"/,
      );
      expect(res.text).toContain('<title id="by-category-title">By category</title>');
      expect(text).toContain('Roads and street lights');
      // Calls and texts carry no place: the hotspots say so in words.
      expect(text).toContain('Place not known');
    });

    it('refuses a window the use case refuses, beside the form', async () => {
      const res = await supervisor
        .get('/console/kpis')
        .query({ from: '2027-03-02T00:00', to: '2027-03-01T00:00' });
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('The window must end after it starts');
    });
  });

  describe('/console/calls', () => {
    it('lists a call with whom the hunt rang, who accepted, and its case', async () => {
      await callHotline(
        ctx,
        PHONES.citizen,
        {
          actions: [{ press: '0' }],
          dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'accept' },
        },
        { fake },
      );
      ctx.clock.advance(5 * 60_000);
      await callHotline(ctx, PHONES.neighbour, { actions: [{ silence: true }, { hangup: true }] }, { fake });
      ctx.clock.advance(60_000);

      const res = await supervisor.get('/console/calls');
      expect(res.status).toBe(200);
      const rows = tableAfter(res.text, 'Call log');
      expect(rows).toHaveLength(2);
      // Newest first: the abandoned call, then the one the backup took.
      expect(rows[0][1]).toBe(PHONES.neighbour);
      expect(rows[0][3]).toBe('Abandoned');
      expect(rows[0][5]).toBe('Nobody');
      expect(rows[0][6]).toMatch(/^call-back \S+$/);
      expect(rows[1][1]).toBe(PHONES.citizen);
      expect(rows[1][3]).toBe('Connected');
      expect(rows[1][4]).toBe('Wang Fang (Primary): no answer Li Qiang (Backup): accepted');
      expect(rows[1][5]).toMatch(/^Li Qiang at 1 Mar 10:0\d$/);

      // Each row links to its case.
      const refs = await ctx.container.db.selectFrom('cases').select('ref').execute();
      for (const { ref } of refs) expect(res.text).toContain(`href="/console/cases/${ref}"`);

      const abandoned = await supervisor.get('/console/calls').query({ outcome: 'abandoned' });
      expect(tableAfter(abandoned.text, 'Call log').map((row) => row[1])).toEqual([PHONES.neighbour]);
      expect(abandoned.text).toMatch(/<option value="abandoned" selected/);

      // A window before the calls shows none.
      const before = await supervisor
        .get('/console/calls')
        .query({ from: '2027-02-27T00:00', to: '2027-02-28T00:00' });
      expect(textOf(before.text)).toContain('No calls in this window.');
    });

    it('pages through the log with a link to older calls', async () => {
      const at = (minute: number) =>
        new Date(Date.parse('2027-03-01T01:00:00Z') + minute * 60_000).toISOString();
      await ctx.container.db
        .insertInto('calls')
        .values(
          Array.from({ length: 53 }, (_, i) => ({
            call_sid: `CA${String(i).padStart(32, '0')}`,
            from_phone: `+86137000${String(i).padStart(5, '0')}`,
            to_phone: '+8610012345',
            language: 'zh-CN',
            status: 'completed',
            on_duty: JSON.stringify({
              primary: team.primary.id,
              backup: team.backup.id,
              supervisor: team.supervisor.id,
            }),
            outcome: 'status' as const,
            started_at: at(i),
            created_at: at(i),
            updated_at: at(i),
          })),
        )
        .execute();
      const first = await supervisor.get('/console/calls');
      expect(tableAfter(first.text, 'Call log')).toHaveLength(50);
      expect(tableAfter(first.text, 'Call log')[0][1]).toBe('+8613700000052');
      const older = /<a href="([^"]+)">Older calls/.exec(first.text)?.[1].replace(/&amp;/g, '&');
      expect(older).toMatch(/cursor=\d+/);
      expect(first.text).not.toContain('Back to the newest');

      const second = await supervisor.get(older!);
      expect(tableAfter(second.text, 'Call log').map((row) => row[1])).toEqual([
        '+8613700000002',
        '+8613700000001',
        '+8613700000000',
      ]);
      expect(second.text).not.toContain('Older calls');
      expect(second.text).toContain('Back to the newest');
    });
  });
});
