import type { Browser, Page } from 'playwright-core';
import { issueToken, PHONES } from '../helpers/seed';
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

// A supervisor records a group petition on a merged complaint from its case page, then reads it in
// the petitions list and the duty-gap report; on a desk screen and a phone, in both languages.

const GROUP = [PHONES.citizen, PHONES.neighbour, '+8613911112222', '+8613911113333'];
const REPRESENTATIVES = [
  ['Liu Yang', '+8613911110001'],
  ['Sun Li', '+8613911110002'],
  ['Zhou Jun', '+8613911110003'],
  ['Wu Hua', '+8613911110004'],
  ['Zheng Wei', '+8613911110005'],
];

describe('the petition pages, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;
  let refs: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    const { ctx } = server;
    for (const phone of GROUP) await ctx.sms(phone, 'The Renmin Road market stalls were torn down overnight');
    const rows = await ctx.container.db.selectFrom('cases').select('ref').orderBy('id').execute();
    refs = rows.map((row) => row.ref);
    for (const ref of refs.slice(0, 3))
      expect((await ctx.api('post', `/api/cases/${ref}/merge`).send({ into: refs[3] })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  /** Nothing in the page is wider than the phone. */
  const widest = (page: Page) =>
    page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *')).map(
          (element) => element.getBoundingClientRect().right,
        ),
      ),
    );

  it('a supervisor records a petition with five representatives on the case page and finds it in the list and the duty-gap report', async () => {
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithToken(page, server.baseUrl, await issueToken(server.ctx, server.team.supervisor.id));
    const survivor = refs[3];
    await page.goto(`${server.baseUrl}/console/cases/${survivor}`);
    await page.getByText('Record a group petition').click();
    await page.getByLabel('People', { exact: true }).fill('40');
    // Three blank rows are offered; more come after saving the first ones.
    for (const [i, [name, phone]] of REPRESENTATIVES.slice(0, 3).entries()) {
      await page.getByLabel(`Representative ${i + 1}: Name`).fill(name);
      await page.getByLabel(`Representative ${i + 1}: Phone`).fill(phone);
    }
    await page.getByLabel('Visit', { exact: true }).fill('2027-03-01');
    await page.getByLabel('Demands').fill('A place to trade until the market reopens');
    await screenshot(page, 'petition-form-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the petition' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Petition recorded.');

    await page.getByText('Correct the petition').click();
    for (const [i, [name, phone]] of REPRESENTATIVES.entries()) {
      if (i < 3) continue;
      await page.getByLabel(`Representative ${i + 1}: Name`).fill(name);
      await page.getByLabel(`Representative ${i + 1}: Phone`).fill(phone);
    }
    await page.getByRole('button', { name: 'Save the petition' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Petition saved.');
    const section = page.getByRole('region', { name: 'Group petition' });
    await expect(section.textContent()).resolves.toContain('Zheng Wei · +8613911110005');
    await screenshot(page, 'petition-case-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Petitions', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Group petitions');
    await expect(page.getByRole('table').textContent()).resolves.toContain(
      'Liu Yang, Sun Li, Zhou Jun, Wu Hua, Zheng Wei',
    );
    await screenshot(page, 'petitions-list-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.baseUrl}/console/duty-gaps?from=2027-03-01T00:00&to=2027-03-02T00:00`);
    const petitions = page.getByRole('region', { name: 'Group petitions missing a "have"' });
    await expect(petitions.textContent()).resolves.toContain(refs[0]);
    await petitions.screenshot({ path: 'test-artifacts/screenshots/petition-duty-gaps-desktop-en.png' });
    expect(errors).toEqual([]);
  });

  for (const [viewport, size, language] of [
    ['phone', PHONE, 'zh'],
    ['phone', PHONE, 'en'],
    ['desktop', DESKTOP, 'zh'],
  ] as const) {
    it(`reads the petition and the list on a ${viewport} in ${language === 'zh' ? 'Chinese' : 'English'}`, async () => {
      const { page, errors } = await openPage(browser, size);
      await signInWithToken(page, server.baseUrl, await issueToken(server.ctx, server.team.supervisor.id));
      await page.goto(`${server.baseUrl}/console/petitions`);
      if (language === 'zh') await page.getByRole('button', { name: '中文' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        language === 'zh' ? '群体信访' : 'Group petitions',
      );
      await screenshot(page, `petitions-list-${viewport}-${language}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (viewport === 'phone') expect(await widest(page)).toBeLessThanOrEqual(PHONE.width);

      await page.getByRole('link', { name: refs[3] }).first().click();
      await expect(
        page.getByRole('region', { name: language === 'zh' ? '群体信访' : 'Group petition' }).textContent(),
      ).resolves.toContain('40');
      await screenshot(page, `petition-case-${viewport}-${language}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (viewport === 'phone') expect(await widest(page)).toBeLessThanOrEqual(PHONE.width);
      expect(errors).toEqual([]);
    });
  }
});
