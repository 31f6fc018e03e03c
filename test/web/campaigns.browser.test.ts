import type { Browser } from 'playwright-core';
import { CAMPAIGN, type SeededCases, seedCampaignCases } from '../campaigns/campaign-seed';
import { issueToken } from '../helpers/seed';
import {
  type ConsoleServer,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  signInWithToken,
  startConsoleServer,
} from './browser';

// A supervisor starts a rectification campaign on the console, reads its figures, takes a case
// out by hand and closes it with its result; on a desk screen and a phone, checked by axe.

describe('the campaign pages, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;
  let cases: SeededCases;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    cases = await seedCampaignCases(server.ctx);
    server.ctx.clock.set('2027-03-15T12:00:00+08:00');
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  it('a supervisor starts a campaign over two streets, reads before, during and after, and closes it', async () => {
    const { page, errors } = await openPage(browser);
    await signInWithToken(page, server.baseUrl, await issueToken(server.ctx, server.team.supervisor.id));

    await page.getByRole('link', { name: 'Campaigns' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Rectification campaigns',
    );
    await page.getByLabel('Name').fill(CAMPAIGN.name);
    await page.getByLabel('Dali Road', { exact: true }).check();
    await page.getByLabel('Minzhu Road', { exact: true }).check();
    await page.getByLabel('Sanitation', { exact: true }).check();
    await page.getByLabel('From').fill('2027-03-01T00:00');
    await page.getByLabel('Until (not included)').fill('2027-03-11T00:00');
    await page.getByLabel('Led by').selectOption({ label: 'Zhao Min (Supervisor)' });
    await screenshot(page, 'campaigns-list-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start the campaign' }).click();

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(CAMPAIGN.name);
    await expect(page.getByRole('status').textContent()).resolves.toBe('The campaign has started.');
    await expect(
      page.getByRole('img', { name: 'Complaints before, during and after the campaign' }).textContent(),
    ).resolves.toContain('Before: 3, during: 3, after: 2.');
    await screenshot(page, 'campaign-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Take out case ${cases.minzhuLater}` }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'The case is taken out of the campaign.',
    );
    await page.getByLabel('Result', { exact: true }).fill('Bins emptied twice a day on both streets');
    await page.getByRole('button', { name: 'Close the campaign' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('The campaign is closed.');
    await expect(page.getByRole('region', { name: 'Result' }).textContent()).resolves.toContain(
      'Bins emptied twice a day on both streets',
    );
    expect(errors).toEqual([]);
  });

  it('reads on a phone, in Chinese', async () => {
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithToken(page, server.baseUrl, await issueToken(server.ctx, server.team.supervisor.id));
    await page.goto(`${server.baseUrl}/console/campaigns`);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: CAMPAIGN.name }).click();

    await expect(page.getByRole('heading', { name: '整治前、中、后的投诉量' }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, 'campaign-phone-zh');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the phone.
    const widest = await page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *')).map(
          (element) => element.getBoundingClientRect().right,
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(PHONE.width);
    // Nor the banner: a supervisor's many links scroll inside the navigation, not the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
