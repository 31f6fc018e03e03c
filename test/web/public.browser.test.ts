import type { Browser, Page } from 'playwright-core';
import {
  type ConsoleServer,
  DESKTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  seriousViolations,
  startConsoleServer,
} from './browser';

// The public supervision page as a citizen sees it in Chromium: no login, both languages, a desk
// screen and a phone, checked by axe. The clock stands at 1 March 2027, 10:00 in Shanghai.

const CATEGORIES = ['sanitation', 'sanitation', 'sanitation', 'noise', 'noise', 'roads', 'water', 'other'];
const PLACES = ['dali-road', 'dali-road', 'minzhu-road', 'xiangshan-road', 'fuhui-road', null];

describe('the public supervision page, in Chromium', () => {
  let browser: Browser;
  let server: ConsoleServer;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startConsoleServer();
    const { db } = server.ctx.container;
    // A few months of complaints, spread over categories and places, some resolved late or untold.
    let sequence = 0;
    for (const [month, count] of [
      ['2026-12', 30],
      ['2027-01', 45],
      ['2027-02', 60],
      ['2027-03', 4],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        sequence += 1;
        const day = String((index % 27) + 1).padStart(2, '0');
        const created = `${month}-${day}T01:00:00.000Z`;
        const resolved = index % 5 === 4 ? null : `${month}-${day}T09:00:00.000Z`;
        await db
          .insertInto('cases')
          .values({
            ref: String(50_000_000 + sequence),
            status: resolved ? 'resolved' : 'assigned',
            channel: index % 2 ? 'sms' : 'voice',
            phone: '+8613912345678',
            language: 'zh-CN',
            category: CATEGORIES[index % CATEGORIES.length],
            priority: 'normal',
            description: 'seeded',
            on_duty: '{}',
            place_id: PLACES[(index + Math.floor(index / 4)) % PLACES.length],
            assignee_id: server.team.primary.id,
            result: resolved ? 'done' : null,
            resolved_at: resolved,
            due_at: index % 7 === 0 ? `${month}-${day}T05:00:00.000Z` : `${month}-${day}T20:00:00.000Z`,
            feedback_delivered_at: resolved && index % 6 !== 0 ? resolved : null,
            satisfaction_answer:
              resolved && index % 3 !== 0 ? (index % 4 ? 'satisfied' : 'unsatisfied') : null,
            satisfaction_answered_at: resolved && index % 3 !== 0 ? resolved : null,
            created_at: created,
            updated_at: created,
          })
          .execute();
      }
    }
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  const contentWidth = (page: Page) =>
    page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main *')).map(
          (element) => element.getBoundingClientRect().right,
        ),
      ),
    );

  it('a citizen reads the commitments and last month by category and place, switches language and month', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await page.goto(`${server.baseUrl}/public?lang=en`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Our service commitments and results',
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(
      page
        .getByRole('row', {
          name: /^Noise We take it up within 2 hours and tell you the result within 3 days/,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Details for February 2027' }).count()).resolves.toBe(1);
    await expect(
      page
        .getByRole('table', { name: 'By place' })
        .getByRole('row', { name: /^Dali Road / })
        .count(),
    ).resolves.toBe(1);
    await screenshot(page, 'public-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    // Another month from the form, then the page in Chinese for the same month.
    await page.getByLabel('Month', { exact: true }).selectOption('2027-01');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(new URL(page.url()).search).toBe('?lang=en&month=2027-01');
    await expect(page.getByRole('heading', { name: 'Details for January 2027' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: '中文' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '服务承诺与办理情况公示',
    );
    await expect(page.getByRole('heading', { name: '2027年1月明细' }).count()).resolves.toBe(1);
    await screenshot(page, 'public-desktop-zh');
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing to sign in to, and nothing kept about the visitor.
    expect(await context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads on a phone in both languages without sideways scrolling', async () => {
    const { page, context, errors } = await openPage(browser, PHONE);
    for (const lang of ['zh-CN', 'en']) {
      await page.goto(`${server.baseUrl}/public?lang=${lang}`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `public-phone-${lang === 'en' ? 'en' : 'zh'}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
