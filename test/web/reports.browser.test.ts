import type { Browser, Page } from 'playwright-core';
import { callHotline } from '../helpers/calls';
import { issueToken, PHONES } from '../helpers/seed';
import {
  type ConsoleServer,
  DESKTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  signInWithCode,
  signInWithToken,
  startConsoleServer,
} from './browser';

// The supervisor's reading pages in Chromium: the duty-gap timeline and its CSV, the KPIs, the
// call log; in English and Chinese, on a desk screen and a phone, printed, and checked by axe.

describe('the duty-gap, KPI and call pages, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    const { ctx, fake, team } = server;
    // Tuesday 2 March, 08:00 to 20:00 Shanghai: the primary is off sick and nobody covers.
    const absence = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-02T00:00:00Z',
      to: '2027-03-02T12:00:00Z',
      reason: 'sick',
    });
    expect(absence.status).toBe(201);
    // Monday 10:00: one call the primary takes, one nobody takes (a message is left), one hang-up.
    await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
      { fake },
    );
    ctx.clock.advance(60_000);
    await callHotline(
      ctx,
      PHONES.neighbour,
      {
        actions: [{ press: '0' }, { record: { seconds: 10 } }],
        dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'busy' },
      },
      { fake },
    );
    ctx.clock.advance(60_000);
    await callHotline(ctx, '+8613700000009', { actions: [{ silence: true }, { hangup: true }] }, { fake });
    await ctx.sms(PHONES.citizen, 'Rubbish not collected on Xinhua Street for a week');
    await ctx.api('post', '/api/cases').send({
      phone: '+8613700000010',
      description: 'Street light out at the school gate',
      category: 'roads',
      channel: 'letter',
    });
    ctx.clock.advance(60_000);
    await ctx.flushOutbox();
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  /** How far the page's content reaches to the right; the timeline scrolls inside its own box. */
  const contentWidth = (page: Page) =>
    page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *'))
          .filter((element) => !element.closest('.timeline-wrap svg'))
          .map((element) => element.getBoundingClientRect().right),
      ),
    );

  it('a supervisor signed in by SMS code sees the uncovered absence as a gap, downloads the CSV, reads the KPIs and the call log', async () => {
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithCode(page, server, PHONES.supervisor);
    expect(new URL(page.url()).pathname).toBe('/console');

    // Duty gaps, for a window chosen in the form.
    await page.getByRole('link', { name: 'Duty gaps' }).first().click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Duty gaps');
    await page.getByLabel('From').fill('2027-03-01T08:00');
    await page.getByLabel('To', { exact: true }).fill('2027-03-04T08:00');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(new URL(page.url()).search).toBe('?from=2027-03-01T08%3A00&to=2027-03-04T08%3A00');

    const timeline = page.getByRole('img', { name: /Duty timeline per position/ });
    await expect(timeline.count()).resolves.toBe(1);
    await expect(page.locator('svg.timeline .tl-gap-mark title').allTextContents()).resolves.toEqual([
      'Gap, 2 Mar 08:00 – 2 Mar 20:00: Wang Fang absent, no cover',
    ]);
    await expect(page.locator('svg.timeline .tl-gap-text').isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByRole('row', { name: 'Primary 2 Mar 08:00 2 Mar 20:00 Wang Fang absent, no cover Wang Fang' })
        .count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('row', { name: /Wang Fang Primary .* sick Not covered/ }).count(),
    ).resolves.toBe(1);
    // The missed call and the hang-up are marked on Monday's slot.
    await expect(page.locator('svg.timeline .tl-marker title').allTextContents()).resolves.toEqual([
      'Wang Fang, 1 Mar 08:00 – 2 Mar 08:00: 1 missed, 1 abandoned',
    ]);
    await screenshot(page, 'duty-gaps-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(new URL(href!, server.baseUrl).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('gap,primary');

    // Printed: no navigation, no form, the timeline across an A4 landscape page.
    await page.setViewportSize({ width: 1123, height: 794 });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Show' }).isVisible()).resolves.toBe(false);
    const box = await timeline.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(1123);
    await screenshot(page, 'duty-gaps-print-en');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);

    // KPIs: figures with their definitions, and charts with tables beside them.
    await page.getByRole('link', { name: 'KPIs' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('KPIs');
    await expect(page.getByText('Answer rate', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: 'By channel' }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: 'By category' }).count()).resolves.toBe(1);
    await expect(
      page.getByRole('img', { name: 'Hotspots: the places with most complaints' }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('row', { name: /^Call 3 / }).count()).resolves.toBe(1);
    await expect(page.getByRole('row', { name: /^Roads and street lights 1 / }).count()).resolves.toBe(1);
    await screenshot(page, 'kpis-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    // The call log: the missed call, whom the hunt rang, and its case.
    await page.getByRole('link', { name: 'Calls' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Calls');
    const missed = page.getByRole('row', { name: new RegExp(PHONES.neighbour.replace('+', '\\+')) });
    await expect(missed.textContent()).resolves.toMatch(/Message left.*Missed/);
    await expect(missed.textContent()).resolves.toContain('Wang Fang (Primary): no answer');
    await expect(missed.textContent()).resolves.toContain('Zhao Min (Supervisor): busy');
    await page.getByLabel('Outcome').selectOption('connected');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByRole('row').count()).resolves.toBe(2);
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain('Connected');
    await page.getByLabel('Outcome').selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await screenshot(page, 'calls-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    const caseLink = missed.getByRole('link');
    const ref = await caseLink.textContent();
    await caseLink.click();
    expect(new URL(page.url()).pathname).toBe(`/console/cases/${ref}`);

    // The same pages in Chinese, on the desk screen.
    await page.goto(`${server.baseUrl}/console/duty-gaps?from=2027-03-01T08%3A00&to=2027-03-04T08%3A00`);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('值班缺口');
    await screenshot(page, 'duty-gaps-desktop-zh');
    for (const [path, name] of [
      ['/console/kpis', 'kpis'],
      ['/console/calls', 'calls'],
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      await screenshot(page, `${name}-desktop-zh`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('on a phone, in English and in Chinese, each page fits the screen and has no serious accessibility faults', async () => {
    const token = await issueToken(server.ctx, server.team.supervisor.id);
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithToken(page, server.baseUrl, token);
    const pages = [
      ['/console/duty-gaps', 'duty-gaps', 'Duty gaps', '值班缺口'],
      ['/console/kpis', 'kpis', 'KPIs', '考核指标'],
      ['/console/calls', 'calls', 'Calls', '来电'],
    ] as const;
    for (const [path, name, title] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
      await screenshot(page, `${name}-phone-en`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByRole('button', { name: '中文' }).click();
    for (const [path, name, , title] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
      await screenshot(page, `${name}-phone-zh`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);
    }
    // The gap reads in Chinese in the table, as on the desk.
    await page.goto(`${server.baseUrl}/console/duty-gaps?from=2027-03-01T08%3A00&to=2027-03-04T08%3A00`);
    await expect(page.getByText('Wang Fang缺勤，无人顶班').count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
