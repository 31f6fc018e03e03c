import type { Browser } from 'playwright-core';
import { logLetter } from '../api/api-helpers';
import { addStaff, issueToken } from '../helpers/seed';
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

describe('the collective review on the case page, in Chromium', () => {
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

  it('a supervisor asks two leaders on a phone; one of them records a disagreeing opinion', async () => {
    const { ctx, team } = server;
    const sun = await addStaff(ctx, {
      name: 'Sun Li',
      phone: '+8613800000005',
      role: 'supervisor',
      language: 'en',
    });
    const { ref } = await logLetter(ctx, { priority: 'important' });
    await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Lamp replaced' });

    const { page, errors } = await openPage(browser, PHONE);
    await signInWithToken(page, server.baseUrl, await issueToken(ctx, team.supervisor.id));
    await page.goto(`${server.baseUrl}/console/cases/${ref}`);
    await page.getByText('Ask for a collective review').click();
    await page.getByLabel('Zhao Min').check();
    await page.getByLabel('Sun Li').check();
    await page.getByLabel('Agreements needed (quorum)').fill('2');
    await screenshot(page, 'case-review-request-phone-en');
    await page.getByRole('button', { name: 'Ask for the review' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Review asked for: the reviewers are being texted.',
    );

    await page.getByLabel('Disagrees').check();
    await page.getByLabel('Opinion', { exact: true }).fill('No photo of the new lamp');
    await page.getByRole('button', { name: 'Record my opinion' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Your opinion is recorded.');
    const review = page.locator('section.case-review');
    await expect(review.textContent()).resolves.toContain('Zhao Min · Disagrees');
    await expect(review.textContent()).resolves.toContain('Sun Li · No opinion yet');
    await screenshot(page, 'case-review-phone-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(sun.id).toBeGreaterThan(0);
  });
});
