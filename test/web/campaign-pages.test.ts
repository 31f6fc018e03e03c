import { CAMPAIGN, type SeededCases, seedCampaignCases } from '../campaigns/campaign-seed';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';
import { type ConsoleAgent, signInWithTokenOverHttp } from './console-session';

// The campaign pages over HTTP: the list with its create form, and a campaign's page with its
// figures, cases and forms, through the same use cases as /api/campaigns.

const textOf = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');

/** The rows of the table under a heading, each as its cells' text. */
function tableAfter(html: string, headingId: string): string[][] {
  const start = html.indexOf(`id="${headingId}"`);
  if (start < 0) throw new Error(`no heading ${headingId}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]).trim()),
  );
}

describe('the console’s campaign pages', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });
  let ctx: TestContext;
  let team: DutyTeam;
  let cases: SeededCases;
  let supervisor: ConsoleAgent;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    cases = await seedCampaignCases(ctx);
    ctx.clock.set('2027-03-15T12:00:00+08:00');
    supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
  });

  /** The create form as a browser posts it: each ticked box repeats its field. */
  const postCreate = (fields: [string, string][]) =>
    supervisor.agent
      .post('/console/campaigns')
      .type('form')
      .send(new URLSearchParams([['_csrf', supervisor.csrf], ...fields]).toString());
  const campaignForm: [string, string][] = [
    ['name', CAMPAIGN.name],
    ['places', 'dali-road'],
    ['places', 'minzhu-road'],
    ['categories', 'sanitation'],
    ['from', '2027-03-01T00:00'],
    ['to', '2027-03-11T00:00'],
  ];

  it('a supervisor starts a campaign from the form and reads its figures, by place, and its cases', async () => {
    const list = await supervisor.get('/console/campaigns');
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/console/campaigns" aria-current="page"');
    expect(textOf(list.text)).toContain('No campaigns yet.');

    const created = await postCreate([...campaignForm, ['owner', String(team.supervisor.id)]]);
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/console/campaigns/1?done=done.created');

    const page = await supervisor.get('/console/campaigns/1?done=done.created');
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('The campaign has started.');
    expect(text).toContain('Dali Road、Minzhu Road');
    expect(text).toContain('1 Mar 00:00 – 11 Mar 00:00');
    expect(text).toContain('Before: 3, during: 3, after: 2.');
    expect(text).toMatch(/2 After 11 Mar 00:00 – 21 Mar 00:00, so far \(counted until 15 Mar 12:00\)/);
    expect(tableAfter(page.text, 'by-place')).toEqual([
      ['Dali Road', '2', '1', '1', '1'],
      ['Minzhu Road', '1', '2', '1', '2'],
    ]);
    expect(tableAfter(page.text, 'cases').map((row) => [row[0], row[5]])).toEqual([
      [cases.minzhuLater, 'in scope'],
      [cases.minzhu, 'in scope'],
      [cases.daliAtStart, 'in scope'],
    ]);
    expect((await supervisor.get('/console/campaigns')).text).toContain('href="/console/campaigns/1"');
  });

  it('links and takes out cases by hand, and closes with a result, each form saying what it did', async () => {
    await ctx.api('post', '/api/campaigns').send({ ...CAMPAIGN, owner: team.supervisor.id });

    const linked = await supervisor.post('/console/campaigns/1/cases', { ref: cases.fuhui });
    expect(linked.headers.location).toBe('/console/campaigns/1?done=done.linked');
    const again = await supervisor.post('/console/campaigns/1/cases', { ref: cases.fuhui });
    expect(again.headers.location).toBe('/console/campaigns/1?error=error.campaign.case_linked');
    expect(textOf((await supervisor.get(again.headers.location)).text)).toContain(
      'That case is already linked to the campaign.',
    );
    const unlinked = await supervisor.post(`/console/campaigns/1/cases/${cases.minzhu}/unlink`);
    expect(unlinked.headers.location).toBe('/console/campaigns/1?done=done.unlinked');
    const refs = tableAfter((await supervisor.get('/console/campaigns/1')).text, 'cases').map(
      (row) => row[0],
    );
    expect(refs).toEqual([cases.minzhuLater, cases.fuhui, cases.daliAtStart]);

    expect((await supervisor.post('/console/campaigns/1/close', { result: '' })).headers.location).toBe(
      '/console/campaigns/1?error=error.result',
    );
    const closed = await supervisor.post('/console/campaigns/1/close', { result: 'Bins twice a day' });
    expect(closed.headers.location).toBe('/console/campaigns/1?done=done.closed');
    const page = textOf((await supervisor.get('/console/campaigns/1')).text);
    expect(page).toContain('Result Bins twice a day');
    expect(page).not.toContain('Close the campaign');
    expect((await ctx.api('get', '/api/campaigns/1')).body).toMatchObject({
      status: 'closed',
      result: 'Bins twice a day',
    });
  });

  it('a refused form comes back with the reason, and creates nothing', async () => {
    const noPlaces = await postCreate([
      ...campaignForm.filter(([name]) => name !== 'places'),
      ['owner', String(team.supervisor.id)],
    ]);
    expect(noPlaces.headers.location).toBe('/console/campaigns?error=error.places');
    const backwards = await postCreate([
      ...campaignForm.filter(([name]) => name !== 'to'),
      ['to', '2027-02-01T00:00'],
      ['owner', String(team.supervisor.id)],
    ]);
    expect(backwards.headers.location).toBe('/console/campaigns?error=error.window');
    expect(textOf((await supervisor.get(backwards.headers.location)).text)).toContain(
      'The period must end after it starts, and last at most 366 days.',
    );
    expect((await ctx.api('get', '/api/campaigns')).body.items).toEqual([]);
  });

  it('a form without its token is refused', async () => {
    const res = await supervisor.agent
      .post('/console/campaigns')
      .type('form')
      .send(new URLSearchParams([...campaignForm, ['owner', String(team.supervisor.id)]]).toString());
    expect(res.status).toBe(403);
    expect((await ctx.api('get', '/api/campaigns')).body.items).toEqual([]);
  });

  it('reads in Chinese too', async () => {
    await ctx.api('post', '/api/campaigns').send({ ...CAMPAIGN, owner: team.supervisor.id });
    await supervisor.post('/console/language', { language: 'zh-CN', back: '/console/campaigns' });

    const text = textOf((await supervisor.get('/console/campaigns/1')).text);

    expect(text).toContain('整治前、中、后的投诉量');
    expect(text).toContain('大理路、民主路');
    expect(text).toContain('整治前 3 件，整治中 3 件，整治后 2 件。');
  });

  it('the hotspot page names the campaigns overlapping its window, linked to their page', async () => {
    await ctx.api('post', '/api/campaigns').send({ ...CAMPAIGN, owner: team.supervisor.id });

    const march = await supervisor.get('/console/reports/hotspots?from=2027-03-08T00:00&to=2027-03-15T00:00');
    const february = await supervisor.get(
      '/console/reports/hotspots?from=2027-02-01T00:00&to=2027-03-01T00:00',
    );

    expect(march.status).toBe(200);
    expect(tableAfter(march.text, 'campaigns-in-window')).toEqual([
      [CAMPAIGN.name, 'Dali Road、Minzhu Road', '1 Mar 00:00 – 11 Mar 00:00', 'Open', '3'],
    ]);
    expect(march.text).toContain('href="/console/campaigns/1"');
    expect(tableAfter(february.text, 'campaigns-in-window')).toEqual([['No campaign overlaps this window.']]);
  });

  it('are for supervisors: a duty officer gets the 403 page and no link to them', async () => {
    await ctx.api('post', '/api/campaigns').send({ ...CAMPAIGN, owner: team.supervisor.id });
    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));

    for (const path of ['/console/campaigns', '/console/campaigns/1']) {
      expect((await officer.get(path)).status).toBe(403);
    }
    expect((await officer.post('/console/campaigns/1/close', { result: 'x' })).status).toBe(403);
    expect((await officer.get('/console/my')).text).not.toContain('/console/campaigns');
    expect((await supervisor.get('/console/campaigns/99')).status).toBe(404);
  });
});
