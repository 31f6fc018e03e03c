import type { Browser, Page } from 'playwright-core';
import { issueToken, PHONES } from '../helpers/seed';
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

const fact = (page: Page, label: string) =>
  page.locator('dl.facts dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();

// 10:00 Shanghai time on 1 March 2027: Wang Fang is the primary on duty, Zhao Min the supervisor.
describe('a complaint about a staff member on the console, in Chromium', () => {
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
  });
  afterEach(async () => {
    await server.close();
  });

  it('a supervisor marks a letter as a complaint about the officer holding it, on a phone; the officer no longer finds it', async () => {
    const { ctx, team } = server;
    const logged = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'The officer who came about the noise shouted at my father',
      category: 'noise',
      channel: 'letter',
    });
    const ref = logged.body.ref as string;
    expect(logged.body.assignee.id).toBe(team.primary.id);

    const { page, errors } = await openPage(browser, PHONE);
    await signInWithToken(page, server.baseUrl, await issueToken(ctx, team.supervisor.id));
    await page.goto(`${server.baseUrl}/console/cases/${ref}`);
    await expect(fact(page, 'Sign-off')).resolves.toBe('Not needed');

    await page.getByText('Complaint about a staff member', { exact: true }).click();
    await page
      .getByLabel('The staff member complained about')
      .selectOption({ label: 'Wang Fang (Duty officer)' });
    await screenshot(page, 'case-concerns-form-phone-en');
    await page.getByRole('button', { name: 'Save' }).last().click();

    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Saved: the staff member named cannot see this case.',
    );
    await expect(fact(page, 'Complaint about')).resolves.toBe('Wang Fang');
    await expect(fact(page, 'Officer')).resolves.toContain('Zhao Min');
    await expect(fact(page, 'Sign-off')).resolves.toBe('Needed before the case closes');
    await expect(page.locator('ol.timeline').textContent()).resolves.toContain(
      'Marked as a complaint about Wang Fang',
    );
    await screenshot(page, 'case-concerns-marked-phone-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    const officer = await openPage(browser, PHONE);
    await signInWithToken(officer.page, server.baseUrl, await issueToken(ctx, team.primary.id));
    await officer.page.goto(`${server.baseUrl}/console/my`);
    await expect(officer.page.content()).resolves.not.toContain(ref);
    const hidden = await officer.page.goto(`${server.baseUrl}/console/cases/${ref}`);
    expect(hidden?.status()).toBe(404);
  });
});
