import type { Browser, Page } from 'playwright-core';
import { PHONES } from '../helpers/seed';
import {
  type ConsoleServer,
  DESKTOP,
  lastCodeTextedTo,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  signInWithCode,
  startConsoleServer,
} from './browser';

/** What has the keyboard focus: its accessible text or label, and whether a focus ring shows. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { text: '', ring: false };
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const style = getComputedStyle(element);
    return {
      text: (label ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0,
    };
  });

/** Presses Enter on the focused control and waits for the page the form answers with. */
async function submitWithEnter(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
  await page.waitForLoadState();
}

/** Presses Tab until the control whose text is `text` has the focus; fails if it is never reached. */
async function tabTo(page: Page, text: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof text === 'string' ? now.text === text : text.test(now.text)) {
      // Keyboard users must see where they are.
      expect(now.ring).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${text}`);
}

/** Whether the page is wider than its viewport: a phone page must not scroll sideways. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('/console/my in Chromium: a duty officer works a case on a phone', () => {
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

  async function citizenTexts(body: string): Promise<string> {
    await server.ctx.sms(PHONES.citizen, body);
    await server.ctx.flushOutbox();
    const found = await server.ctx.container.db
      .selectFrom('cases')
      .select('ref')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return found.ref;
  }

  it('signs in with a code, acknowledges a case and records a result; the citizen gets the result and the question', async () => {
    const ref = await citizenTexts('The street lamp outside 12 Renmin Road has been out for three nights');
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithCode(page, server, PHONES.primary);

    // A duty officer lands on their own cases.
    expect(new URL(page.url()).pathname).toBe('/console/my');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('My cases');
    const card = page.getByRole('article', { name: ref });
    await expect(card.getByText('Assigned', { exact: true }).count()).resolves.toBe(1);
    await expect(card.getByRole('link', { name: `Call ${PHONES.citizen}` }).count()).resolves.toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'my-phone-en');
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(`Case ${ref} acknowledged.`);
    const acknowledged = page.getByRole('article', { name: ref });
    await expect(acknowledged.getByText('Acknowledged', { exact: true }).count()).resolves.toBe(1);
    await expect(acknowledged.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);

    await acknowledged.getByText('Record result').click();
    await acknowledged
      .getByLabel('Result, as the citizen will read it')
      .fill('The lamp was replaced this morning.');
    await screenshot(page, 'my-phone-en-result');
    await acknowledged.getByRole('button', { name: 'Resolve and tell the citizen' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      `Case ${ref} resolved; the result is on its way to the citizen.`,
    );
    await expect(page.getByRole('article', { name: ref }).count()).resolves.toBe(0);

    await server.ctx.flushOutbox();
    const toCitizen = server.fake.messages.filter((m) => m.to === PHONES.citizen).map((m) => m.body);
    expect(toCitizen).toEqual(
      expect.arrayContaining([
        `Case ${ref} result: The lamp was replaced this morning.`,
        `Are you satisfied with case ${ref}? Reply 1 satisfied, 2 not satisfied.`,
      ]),
    );
    expect(errors).toEqual([]);
  });

  it('works with the keyboard alone: skip link, sign-in, acknowledge, each control with a visible focus', async () => {
    const ref = await citizenTexts('Broken paving stones outside the Xinhua Street school gate');
    const { page, errors } = await openPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/console/login?lang=en`);
    await tabTo(page, 'Your mobile number');
    await page.keyboard.type(PHONES.primary);
    await submitWithEnter(page);
    await server.ctx.flushOutbox();
    await tabTo(page, 'The six-digit code');
    await page.keyboard.type(lastCodeTextedTo(server.fake, PHONES.primary));
    await submitWithEnter(page);
    expect(new URL(page.url()).pathname).toBe('/console/my');

    // The first Tab offers to skip the banner; taking it, the next lands in the page's own part.
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toEqual({ text: 'Skip to content', ring: true });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toEqual({ text: ref, ring: true });
    await tabTo(page, 'Acknowledge');
    await submitWithEnter(page);
    await expect(page.getByRole('status').textContent()).resolves.toBe(`Case ${ref} acknowledged.`);
    // The result form opens from its summary with the keyboard too.
    await tabTo(page, 'Record result');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Result, as the citizen will read it');
    await page.keyboard.type('The paving was relaid today.');
    await tabTo(page, 'Resolve and tell the citizen');
    await submitWithEnter(page);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      `Case ${ref} resolved; the result is on its way to the citizen.`,
    );
    expect(errors).toEqual([]);
  });

  it('reads in Chinese on a phone and on a desk screen, with no serious accessibility faults', async () => {
    const ref = await citizenTexts('路灯坏了三天了，人民路12号门口');
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithCode(page, server, PHONES.primary);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('我的案件');
    const card = page.getByRole('article', { name: ref });
    await expect(card.getByText(/^请于.+前签收$/).count()).resolves.toBe(1);
    await card.getByText('登记回访电话').click();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'my-phone-zh');
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByLabel('通话结果').selectOption({ label: '无人接听' });
    await card.getByRole('button', { name: '登记通话' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(`已登记案件${ref}的回访电话。`);

    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'my-desktop-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('on a desk screen in English, a case past its deadline is marked overdue in words, not colour alone', async () => {
    const late = await citizenTexts('Noise from a building site after 22:00 every night');
    server.ctx.clock.advance(5 * 3_600_000);
    const fresh = await citizenTexts('Overflowing bins on Jiefang Street');
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInWithCode(page, server, PHONES.primary);
    await expect(page.getByRole('heading', { name: 'My open cases (2)' }).count()).resolves.toBe(1);
    await expect(page.getByRole('article', { name: late }).getByText('Overdue').count()).resolves.toBe(1);
    await expect(page.getByRole('article', { name: fresh }).getByText('Overdue').count()).resolves.toBe(0);
    // The overdue one comes first: its deadline is the nearest.
    const order = await page
      .getByRole('article')
      .evaluateAll((cards) => cards.map((card) => card.id || card.getAttribute('aria-labelledby')));
    expect(order).toEqual([`case-${late}`, `case-${fresh}`]);
    await screenshot(page, 'my-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
