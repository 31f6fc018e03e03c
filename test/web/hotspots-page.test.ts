import request from 'supertest';
import { ADMIN_TOKEN, type TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';
import { FEBRUARY, seedHotspotCases } from '../reports/hotspots.fixtures';

// /console/reports/hotspots over HTTP: who may open it, that it shows what the API's use case
// answers (the CSV is the API's, byte for byte), in English and Chinese.

interface Agent {
  get(path: string): request.Test;
}

const cookieOf = (res: request.Response, name: string) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`));

/** Cookies carried by hand: the test app's public URL is https, so they say Secure. */
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

const textOf = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
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

/** February in the page's form: wall-clock times in the hotline's zone. */
const WINDOW = { from: '2027-02-01T00:00', to: '2027-03-01T00:00' };

describe('/console/reports/hotspots', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    await seedHotspotCases(ctx.container.db);
  });

  it('is for supervisors and admins: a duty officer gets the 403 page, and for the CSV', async () => {
    const officer = await signIn(ctx, await issueToken(ctx, team.primary.id));
    for (const path of ['/console/reports/hotspots', '/console/reports/hotspots.csv']) {
      const res = await officer.get(path);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Your role cannot do this.');
    }
  });

  it('shows a supervisor the places and categories with their trends, the repeats and the open cases per place', async () => {
    const supervisor = await signIn(ctx, await issueToken(ctx, team.supervisor.id));
    const res = await supervisor.get('/console/reports/hotspots').query(WINDOW);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/console/reports/hotspots" aria-current="page">Hotspots</a>');
    const text = textOf(res.text);
    // 13 complaints in February (merged ones once), 7 in the 28 days before; one repeat; 8 open.
    expect(text).toContain('13 Complaints');
    expect(text).toContain('7 Previous window');
    expect(text).toContain('1 Repeat hotspots');
    expect(text).toContain('8 Open cases');
    expect(tableAfter(res.text, 'Complaints by place and category')).toEqual([
      ['Dali Road', 'Sanitation', '3', '1', '+2', '▲ Up', 'Repeat'],
      ['Minzhu Road', 'Noise', '2', '3', '−1', '▼ Down', '–'],
      ['Xiangshan Road', 'Noise', '2', '1', '+1', '▲ Up', '–'],
      ['Place not known', 'Sanitation', '2', '0', '+2', '● New', '–'],
      ['Fuhui Road', 'Roads and street lights', '1', '1', '0', '= Flat', '–'],
      ['old-market', 'Other', '1', '0', '+1', '● New', '–'],
      ['Yuquan Road', 'Water and drains', '1', '0', '+1', '● New', '–'],
      ['Place not known', 'Other', '1', '0', '+1', '● New', '–'],
      ["Xi'an Road", 'Sanitation', '0', '1', '−1', '▼ Down', '–'],
    ]);
    const repeats = tableAfter(res.text, 'Repeat complaints');
    expect(repeats).toHaveLength(1);
    expect(repeats[0].slice(0, 3)).toEqual(['Dali Road', 'Sanitation', '3']);
    expect(repeats[0][4].split(/\s*,\s*/)).toEqual(['20270201', '20270202', '20270203']);
    expect(res.text).toContain('<a href="/console/cases/20270202">20270202</a>');
    expect(tableAfter(res.text, 'Open cases by place')).toEqual([
      ['Dali Road', '3'],
      ['Place not known', '2'],
      ['Minzhu Road', '1'],
      ['Xiangshan Road', '1'],
      ['Yuquan Road', '1'],
    ]);

    const href = /href="(\/console\/reports\/hotspots\.csv\?[^"]+)"/.exec(res.text)?.[1];
    const csv = await supervisor.get(href!.replace(/&amp;/g, '&'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="hotspots-2027-02-01-2027-03-01.csv"',
    );
    const api = await ctx.api('get', '/api/reports/hotspots').query({ ...FEBRUARY, format: 'csv' });
    expect(csv.text).toBe(api.text);
  });

  it('reads in Chinese for a Chinese reader', async () => {
    // The admin token signs in with the language chosen at the login form.
    const supervisor = await signIn(ctx, ADMIN_TOKEN, 'zh-CN');
    const res = await supervisor.get('/console/reports/hotspots').query(WINDOW);
    expect(res.status).toBe(200);
    expect(tableAfter(res.text, '按地点和类别统计的诉求')[0]).toEqual([
      '大理路',
      '环境卫生',
      '3',
      '1',
      '+2',
      '▲ 上升',
      '重复投诉',
    ]);
    expect(tableAfter(res.text, '按地点统计的未办结案件')[1]).toEqual(['地点不详', '2']);
  });

  it('refuses a window the use case refuses, beside the form', async () => {
    const supervisor = await signIn(ctx, await issueToken(ctx, team.supervisor.id));
    const res = await supervisor
      .get('/console/reports/hotspots')
      .query({ from: '2027-03-01T00:00', to: '2027-02-01T00:00' });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('The window must end after it starts');
  });
});
