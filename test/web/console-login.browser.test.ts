import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN } from '../helpers/context';
import { PHONES } from '../helpers/seed';
import {
  type ConsoleServer,
  lastCodeTextedTo,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  signInWithToken,
  startConsoleServer,
} from './browser';

describe('signing in to the console, in Chromium', () => {
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

  it('an administrator signs in with a token and sees today; the page has no serious accessibility faults', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/console`);
    expect(page.url()).toContain('/console/login');

    await signInWithToken(page, server.baseUrl, ADMIN_TOKEN);

    expect(new URL(page.url()).pathname).toBe('/console');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today');
    await expect(page.getByRole('row', { name: /Primary Wang Fang/ }).count()).resolves.toBe(1);
    await screenshot(page, 'today-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a supervisor signs in on a phone with the code texted to them, switches to Chinese, and signs out', async () => {
    const { page, errors } = await openPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/console/login?lang=zh-CN`);
    await page.getByLabel('手机号码').fill(PHONES.supervisor);
    await page.getByRole('button', { name: '发送验证码' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('验证码已发出');

    await server.ctx.flushOutbox();
    await page.getByLabel('六位验证码').fill(lastCodeTextedTo(server.fake, PHONES.supervisor));
    await page.getByRole('button', { name: '登录' }).first().click();

    // The console speaks the person's own language (the supervisor's is English), with a switch.
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('今日');
    await screenshot(page, 'today-phone-zh');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '退出' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('您已退出登录。');
    await page.goto(`${server.baseUrl}/console`);
    expect(page.url()).toContain('/console/login');
    expect(errors).toEqual([]);
  });
});
