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
  signInWithToken,
  startConsoleServer,
} from './browser';

// The appraisal in Chromium: the supervisor's table of every officer, and an officer's own figures
// on /console/my; in English and Chinese, on a desk screen and a 390 px phone.

describe('the appraisal pages, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;
  let supervisorToken: string;
  let wangToken: string;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    const { ctx, fake, team } = server;
    supervisorToken = await issueToken(ctx, team.supervisor.id);
    wangToken = await issueToken(ctx, team.primary.id);
    // Monday 1 March, 10:00 Shanghai, Wang on primary duty: three letters come to him.
    const refs: string[] = [];
    for (const description of ['Pothole on Renmin Road', 'Street light out', 'Blocked drain']) {
      const res = await ctx
        .api('post', '/api/cases')
        .send({ phone: PHONES.citizen, description, category: 'roads', channel: 'letter' });
      expect(res.body.assignee?.id).toBe(team.primary.id);
      refs.push(res.body.ref);
    }
    // He acknowledges after 10 and 30 minutes (median 20 min) and resolves the first.
    ctx.clock.advance(10 * 60_000);
    await ctx.api('post', `/api/cases/${refs[0]}/acknowledge`, wangToken).expect(200);
    ctx.clock.advance(20 * 60_000);
    await ctx.api('post', `/api/cases/${refs[1]}/acknowledge`, wangToken).expect(200);
    await ctx.api('post', `/api/cases/${refs[0]}/result`, wangToken).send({ text: 'Filled in' }).expect(200);
    // A caller asks for the officer and nobody answers: a missed call on Wang's shift, and the
    // message left becomes his fourth case.
    await callHotline(
      ctx,
      PHONES.neighbour,
      {
        actions: [{ press: '0' }, { record: { seconds: 10 } }],
        dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'busy' },
      },
      { fake },
    );
    await ctx.flushOutbox();
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  const contentWidth = (page: Page) =>
    page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *')).map((el) => el.getBoundingClientRect().right),
      ),
    );

  it('a supervisor reads every officer’s row for the month so far, on a desk and a phone, in English and Chinese', async () => {
    for (const [viewport, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, errors } = await openPage(browser, size);
      await signInWithToken(page, server.baseUrl, supervisorToken);
      if (viewport === 'desktop') {
        await page.getByRole('link', { name: 'Appraisal' }).first().click();
      } else {
        await page.goto(`${server.baseUrl}/console/reports/staff`);
      }
      expect(new URL(page.url()).pathname).toBe('/console/reports/staff');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Appraisal');
      const wang = page.getByRole('row', { name: /^Wang Fang / });
      // Assigned 4, resolved 1, median acknowledgement 20 min, on time 100 %, 1 missed call.
      await expect(wang.textContent()).resolves.toMatch(/^Wang Fang\s*4\s*1\s*20 min\s*100\.0%/);
      await expect(wang.getByRole('cell').nth(7).textContent()).resolves.toBe('1');
      await expect(page.getByRole('row', { name: /^Li Qiang / }).count()).resolves.toBe(1);
      await screenshot(page, `appraisal-${viewport}-en`);
      if (viewport === 'phone') expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '中文' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('人员考核');
      await screenshot(page, `appraisal-${viewport}-zh`);
      if (viewport === 'phone') expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);

      if (viewport === 'desktop') {
        const href = await page.getByRole('link', { name: '下载CSV' }).getAttribute('href');
        const csv = await page.request.get(new URL(href!, server.baseUrl).toString());
        expect(csv.status()).toBe(200);
        expect(await csv.text()).toMatch(/^staff_id,name,active,cases_assigned/);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('an officer sees their own figures for the month on /console/my, and not the supervisors’ table', async () => {
    for (const [viewport, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, errors } = await openPage(browser, size);
      await signInWithToken(page, server.baseUrl, wangToken);
      await page.goto(`${server.baseUrl}/console/my`);
      const figures = page.getByRole('region', { name: 'My figures this month' });
      await expect(figures.textContent()).resolves.toContain('4Cases assigned');
      await expect(figures.textContent()).resolves.toContain('20 minMedian time to acknowledge');
      await expect(figures.textContent()).resolves.toContain('1Missed calls on your shifts');
      await figures.scrollIntoViewIfNeeded();
      await screenshot(page, `my-appraisal-${viewport}-en`);
      if (viewport === 'phone') expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '中文' }).click();
      await expect(page.getByRole('region', { name: '我本月的考核数据' }).textContent()).resolves.toContain(
        '20分钟',
      );
      await page.getByRole('region', { name: '我本月的考核数据' }).scrollIntoViewIfNeeded();
      await screenshot(page, `my-appraisal-${viewport}-zh`);
      expect(await seriousViolations(page)).toEqual([]);

      const table = await page.goto(`${server.baseUrl}/console/reports/staff`);
      expect(table?.status()).toBe(403);
      expect(errors.filter((error) => !error.includes('403'))).toEqual([]);
      await page.context().close();
    }
  });
});
