import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN } from '../helpers/context';
import { PHONES } from '../helpers/seed';
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

/**
 * Whether the page's content is wider than the phone: it must not scroll sideways. (The banner's
 * navigation is the layout's, and scrolls within itself.)
 */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return true;
    const width = document.documentElement.clientWidth;
    return (
      main.scrollWidth > main.clientWidth ||
      Array.from(main.querySelectorAll('*')).some((each) => each.getBoundingClientRect().right > width)
    );
  });

// 10:00 Shanghai time on 1 March 2027; Wang Fang is the primary every day from 08:00.
describe('/console/roster in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    server = await startConsoleServer();
    const res = await server.ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: server.team.primary.id,
      from: '2027-03-02T08:00:00+08:00',
      to: '2027-03-03T08:00:00+08:00',
      reason: 'sick',
    });
    expect(res.status).toBe(201);
  });
  afterEach(async () => {
    await server.close();
  });

  /** The overrides table's row of the absence, found by what a person reads in it. */
  const overrides = (page: Page, name = 'Absences, covers and swaps') => page.getByRole('table', { name });
  const absenceRow = (page: Page) =>
    overrides(page).getByRole('row').filter({ hasText: 'Wang Fang' }).filter({ hasText: 'Sick' });

  /** The gap marks on the duty-gap page's timeline, for the days around the absence. */
  const gapsShown = async (page: Page) => {
    await page.goto(`${server.baseUrl}/console/duty-gaps?from=2027-03-01T08%3A00&to=2027-03-04T08%3A00`);
    return page.locator('svg.timeline .tl-gap-mark title').allTextContents();
  };

  it('a supervisor sees the uncovered absence as a gap, records a cover for it, and the gap is gone', async () => {
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithCode(page, server, PHONES.supervisor);
    await expect(gapsShown(page)).resolves.toEqual([
      'Gap, 2 Mar 08:00 – 3 Mar 08:00: Wang Fang absent, no cover',
    ]);
    await expect(page.getByRole('row', { name: /Wang Fang absent, no cover/ }).count()).resolves.toBe(1);

    await page.getByRole('link', { name: 'Roster' }).first().click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Roster');
    await expect(absenceRow(page).getByText('Not covered').count()).resolves.toBe(1);

    await absenceRow(page).getByLabel('Who covers').selectOption({ label: 'Chen Jie' });
    await absenceRow(page).getByRole('button', { name: 'Record this cover' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Recorded.');
    await expect(absenceRow(page).getByText('Covered by Chen Jie').count()).resolves.toBe(1);
    await expect(overrides(page).getByRole('row').filter({ hasText: 'Chen Jie' }).count()).resolves.toBe(2);
    await expect(gapsShown(page)).resolves.toEqual([]);
    await expect(
      page.getByText('No gaps: every position has someone for the whole window.').count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('row', { name: /Wang Fang Primary .* sick Covered by Chen Jie/ }).count(),
    ).resolves.toBe(1);
    await screenshot(page, 'duty-gaps-covered-desktop-en');
    await page.goto(`${server.baseUrl}/console/roster`);

    // The main form: a swap on the 4th, in the hotline's time.
    const form = page.getByRole('region', { name: 'Record an absence, cover or swap' });
    await form.getByLabel('Who is absent').selectOption({ label: 'Li Qiang' });
    await form.getByLabel('Who covers').selectOption({ label: 'Chen Jie' });
    await form.getByLabel('From').fill('2027-03-04T08:00');
    await form.getByLabel('To').fill('2027-03-05T08:00');
    await form.getByLabel('Reason').selectOption({ label: 'Swap' });
    await form.getByRole('button', { name: 'Record' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Recorded.');
    const swap = overrides(page).getByRole('row').filter({ hasText: 'Swap' });
    await expect(swap.getByText('Li Qiang').count()).resolves.toBe(1);
    await expect(swap.getByText('4 Mar 08:00').count()).resolves.toBe(1);

    await screenshot(page, 'roster-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    // Cancelling the swap keeps it listed, marked.
    await swap.getByRole('button', { name: /^Cancel/ }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Cancelled');
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: 'Swap' })
        .getByText(/^Cancelled/)
        .count(),
    ).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('an administrator imports a CSV file and sees the problem of each row', async () => {
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithToken(page, server.baseUrl, ADMIN_TOKEN);
    await page.goto(`${server.baseUrl}/console/roster`);
    await page.getByLabel('CSV file').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kind,name,phone,role\nstaff,Sun Li,12,staff\nstaff,Zhou Yu,+8613800000098,boss\n'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Nothing was imported');
    const problems = page.getByRole('table', { name: /Nothing was imported/ });
    await expect(
      problems.getByRole('row').filter({ hasText: 'phone' }).getByText('2', { exact: true }).count(),
    ).resolves.toBe(1);
    await expect(
      problems.getByRole('row').filter({ hasText: 'role' }).getByText('3', { exact: true }).count(),
    ).resolves.toBe(1);
    await screenshot(page, 'roster-import-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByLabel('Or paste the CSV')
      .fill('kind,name,phone,role\nstaff,Zhou Yu,+8613800000098,staff\n');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Imported');
    const form = page.getByRole('region', { name: 'Record an absence, cover or swap' });
    await expect(
      form.getByLabel('Who covers').locator('option', { hasText: 'Zhou Yu' }).count(),
    ).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('reads in Chinese on a phone: a supervisor’s forms and a duty officer’s read-only view', async () => {
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithCode(page, server, PHONES.supervisor);
    await page.goto(`${server.baseUrl}/console/roster`);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('排班');
    await expect(
      page.getByRole('row').filter({ hasText: '病假' }).getByText('无人顶班').count(),
    ).resolves.toBe(1);
    await screenshot(page, 'roster-phone-zh');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '生成我的班次订阅' }).click();
    const url = await page.getByLabel('日历订阅地址（请立即复制，之后不再显示）').inputValue();
    expect(url).toMatch(/\/calendar\/[^/]+\.ics$/);
    const feed = await fetch(`${server.baseUrl}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);

    const officer = await openPage(browser, PHONE);
    await signInWithCode(officer.page, server, PHONES.backup);
    await officer.page.goto(`${server.baseUrl}/console/roster`);
    await officer.page.getByRole('button', { name: '中文' }).click();
    await expect(officer.page.getByRole('button', { name: '登记' }).count()).resolves.toBe(0);
    expect(await scrollsSideways(officer.page)).toBe(false);
    await screenshot(officer.page, 'roster-phone-zh-staff');
    expect(await seriousViolations(officer.page)).toEqual([]);

    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.baseUrl}/console/roster`);
    await screenshot(page, 'roster-desktop-zh');
    expect(await seriousViolations(page)).toEqual([]);
    await officer.page.setViewportSize(DESKTOP);
    await officer.page.goto(`${server.baseUrl}/console/roster`);
    await officer.page.getByRole('button', { name: 'English' }).click();
    await screenshot(officer.page, 'roster-desktop-en-staff');
    await officer.page.setViewportSize(PHONE);
    await screenshot(officer.page, 'roster-phone-en-staff');
    expect(await seriousViolations(officer.page)).toEqual([]);
    expect([...errors, ...officer.errors]).toEqual([]);
  });
});
