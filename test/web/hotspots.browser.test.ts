import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN } from '../helpers/context';
import { issueToken } from '../helpers/seed';
import { seedHotspotCases } from '../reports/hotspots.fixtures';
import {
  type ConsoleServer,
  DESKTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  signInWithToken,
  startConsoleServer,
} from './browser';

// The hotspot page in Chromium over a seeded February: reached from the navigation, in English and
// Chinese, on a desk screen and a phone, and checked by axe.

describe('the hotspot page, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;
  const february = '?from=2027-02-01T00%3A00&to=2027-03-01T00%3A00';

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    await seedHotspotCases(server.ctx.container.db);
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  it('a supervisor opens Hotspots from the navigation, reads February and downloads its CSV', async () => {
    const token = await issueToken(server.ctx, server.team.supervisor.id);
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithToken(page, server.baseUrl, token);
    await page.getByRole('link', { name: 'Hotspots' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hotspots');
    await page.getByLabel('From').fill('2027-02-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2027-03-01T00:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(
      page.getByRole('row', { name: 'Dali Road Sanitation 3 1 +2 ▲ Up Repeat' }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('link', { name: '20270203' }).count()).resolves.toBe(1);
    await screenshot(page, 'hotspots-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(new URL(href!, server.baseUrl).toString());
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('dali-road,大理路,Dali Road,sanitation,3,1,2,up,true');
    expect(errors).toEqual([]);
  });

  it('in Chinese on a phone, the page fits the screen and has no serious accessibility faults', async () => {
    const { page, errors } = await openPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/console/login?lang=zh-CN`);
    // The administrator's token signs in with the login page's language.
    await signInWithToken(page, server.baseUrl, ADMIN_TOKEN);
    await page.getByRole('button', { name: '中文' }).click();
    await page.goto(`${server.baseUrl}/console/reports/hotspots${february}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('热点');
    await expect(page.getByText('大理路').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'hotspots-phone-zh');
    const width = await page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *')).map((e) => e.getBoundingClientRect().right),
      ),
    );
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
