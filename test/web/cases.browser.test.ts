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
  signInWithCode,
  signInWithToken,
  startConsoleServer,
} from './browser';
import { silentMp3 } from './silent-mp3';

/** A caller presses through the menu and leaves a message: a voice case with a recording, for the primary. */
async function voiceCase(server: ConsoleServer): Promise<string> {
  const call = await callHotline(
    server.ctx,
    PHONES.citizen,
    {
      actions: [
        { press: '9' },
        { press: '1' },
        { press: '2' },
        { silence: true },
        { record: { seconds: 3 } },
      ],
    },
    { fake: server.fake },
  );
  expect(call.ended).toBe('hangup');
  const { db } = server.ctx.container;
  const created = await db
    .selectFrom('cases')
    .selectAll()
    .where('call_sid', '=', call.callSid)
    .executeTakeFirstOrThrow();
  const recording = await db
    .selectFrom('recordings')
    .select('recording_sid')
    .where('case_id', '=', created.id)
    .executeTakeFirstOrThrow();
  // The fake Twilio serves this recording as real audio, as Twilio would.
  server.fake.addRecording(recording.recording_sid, silentMp3(3.2));
  return created.ref;
}

async function signInAs(page: Page, server: ConsoleServer, staffId: number): Promise<void> {
  await signInWithToken(page, server.baseUrl, await issueToken(server.ctx, staffId));
}

/** How far right anything in the page's main part reaches: on a phone, nothing may need a sideways scroll. */
const widestInMain = (page: Page) =>
  page.evaluate(() =>
    Math.max(
      ...Array.from(document.querySelectorAll('main *'), (element) => element.getBoundingClientRect().right),
    ),
  );
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const fact = (page: Page, label: string) =>
  page.locator('dl.facts dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();

describe('the case pages, in Chromium', () => {
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

  it('a supervisor triages a voice case to important with a place; it then needs a sign-off before it closes', async () => {
    const ref = await voiceCase(server);
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInAs(page, server, server.team.supervisor.id);

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await expect(heading(page)).resolves.toBe('Cases');
    const row = page.getByRole('row', { name: new RegExp(ref) });
    await expect(row.textContent()).resolves.toMatch(/Assigned.*Normal.*Sanitation.*Call.*Wang Fang/);
    await screenshot(page, 'cases-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: ref }).click();
    await expect(heading(page)).resolves.toBe(`Case ${ref}`);
    await expect(fact(page, 'Sign-off')).resolves.toBe('Not needed');

    await page.getByText('Category, priority and place').click();
    await page.getByLabel('Priority', { exact: true }).selectOption({ label: 'Important' });
    await page.getByLabel('Place (street, community or landmark)').fill('Dali Road');
    await page.getByText('Log a call to the citizen').click();
    await screenshot(page, 'case-forms-desktop-en');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page.getByRole('status').textContent()).resolves.toBe('Saved.');
    await expect(fact(page, 'Priority')).resolves.toBe('Important');
    await expect(fact(page, 'Place')).resolves.toBe('Dali Road');
    await expect(fact(page, 'Sign-off')).resolves.toBe('Needed before the case closes');
    await expect(page.locator('ol.timeline').textContent()).resolves.toContain(
      'Triaged: priority Normal → Important; place none → Dali Road',
    );

    await page.getByLabel('Result, as the citizen will read it').fill('The bins on Dali Road were emptied');
    await page.getByRole('button', { name: 'Record result' }).click();
    await expect(fact(page, 'Status')).resolves.toContain('Resolved');
    // The citizen answers "satisfied"; an important case still waits for the sign-off.
    await server.ctx.sms(PHONES.citizen, '1');
    await page.reload();
    await expect(fact(page, 'Status')).resolves.toContain('Resolved');
    await expect(
      page.getByText('Important cases close only after a supervisor signs them off.').count(),
    ).resolves.toBe(1);
    await screenshot(page, 'case-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign off' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Signed off.');
    await expect(fact(page, 'Status')).resolves.toContain('Closed');
    await expect(fact(page, 'Sign-off')).resolves.toMatch(/^Signed off by Zhao Min/);

    // The place counts in the hotspots on the KPI page.
    await page.goto(`${server.baseUrl}/console/kpis?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z`);
    const hotspots = page.getByRole('table', { name: 'Hotspots: the places with most complaints' });
    await expect(
      hotspots
        .getByRole('row', { name: /Dali Road/ })
        .locator('td')
        .nth(1)
        .textContent(),
    ).resolves.toBe('1');
    await screenshot(page, 'kpis-after-triage-desktop-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the recording of a voice case plays in the page’s audio element; its source answers 200 with audio', async () => {
    const ref = await voiceCase(server);
    const { page, errors } = await openPage(browser, DESKTOP);
    await signInAs(page, server, server.team.primary.id);
    await page.goto(`${server.baseUrl}/console/cases/${ref}`);

    const audio = page.getByLabel('The caller’s voice message');
    const src = await audio.getAttribute('src');
    expect(src).toBe(`/console/cases/${ref}/recording`);
    // The page's own cookies: the proxy answers the signed-in person, as the element's request does.
    const answer = await page.request.get(`${server.baseUrl}${src}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('audio/mpeg');

    await page.waitForFunction(
      () => {
        const element = document.querySelector('audio');
        return element !== null && (element.readyState >= 1 || element.error !== null);
      },
      undefined,
      { timeout: 10_000 },
    );
    const state = await audio.evaluate((element: HTMLAudioElement) => ({
      error: element.error?.code ?? null,
      readyState: element.readyState,
      duration: element.duration,
    }));
    expect(state.error).toBeNull();
    expect(state.readyState).toBeGreaterThan(0);
    expect(state.duration).toBeGreaterThan(2.5);

    // Pressing play plays it: time moves on.
    await audio.evaluate((element: HTMLAudioElement) => {
      element.muted = true;
      return element.play();
    });
    await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) > 0.2, undefined, {
      timeout: 10_000,
    });
    expect(server.fake.recordingFetches.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('a duty officer on a phone sees their case in Chinese; another officer gets the 404 page for it', async () => {
    const ref = await voiceCase(server);

    const holder = await openPage(browser, PHONE);
    await signInWithCode(holder.page, server, PHONES.primary);
    await holder.page.getByRole('button', { name: '中文' }).click();
    await holder.page.goto(`${server.baseUrl}/console/cases`);
    await expect(heading(holder.page)).resolves.toBe('案件');
    await expect(holder.page.getByRole('row', { name: new RegExp(ref) }).count()).resolves.toBe(1);
    await screenshot(holder.page, 'cases-phone-zh');
    expect(await seriousViolations(holder.page)).toEqual([]);

    await holder.page.getByRole('link', { name: ref }).click();
    await expect(heading(holder.page)).resolves.toBe(`案件 ${ref}`);
    await holder.page.getByRole('button', { name: '签收' }).click();
    await expect(holder.page.getByRole('status').textContent()).resolves.toBe('已签收。');
    await expect(fact(holder.page, '状态')).resolves.toContain('已签收');
    await screenshot(holder.page, 'case-phone-zh');
    expect(await seriousViolations(holder.page)).toEqual([]);
    // Nothing on the page is wider than the phone.
    expect(await widestInMain(holder.page)).toBeLessThanOrEqual(PHONE.width);
    expect(holder.errors).toEqual([]);

    const other = await openPage(browser, PHONE);
    await signInWithCode(other.page, server, PHONES.colleague);
    const response = await other.page.goto(`${server.baseUrl}/console/cases/${ref}`);
    expect(response?.status()).toBe(404);
    await expect(heading(other.page)).resolves.toBe('Something is not right');
    await expect(other.page.getByRole('alert').textContent()).resolves.toBe(
      'There is no such page, or it is not yours to see.',
    );
    // Its recording is not theirs either.
    expect((await other.page.request.get(`${server.baseUrl}/console/cases/${ref}/recording`)).status()).toBe(
      404,
    );
  });

  it('both pages read in Chinese on a desk screen and in English on a phone', async () => {
    const ref = await voiceCase(server);
    const desk = await openPage(browser, DESKTOP);
    await signInAs(desk.page, server, server.team.supervisor.id);
    await desk.page.getByRole('button', { name: '中文' }).click();
    await desk.page.goto(`${server.baseUrl}/console/cases?category=sanitation`);
    await expect(heading(desk.page)).resolves.toBe('案件');
    await screenshot(desk.page, 'cases-desktop-zh');
    expect(await seriousViolations(desk.page)).toEqual([]);
    await desk.page.goto(`${server.baseUrl}/console/cases/${ref}`);
    await expect(desk.page.locator('ol.timeline').textContent()).resolves.toContain(
      '案件登记：电话，环境卫生，一般',
    );
    await screenshot(desk.page, 'case-desktop-zh');
    expect(await seriousViolations(desk.page)).toEqual([]);
    expect(desk.errors).toEqual([]);

    const phone = await openPage(browser, PHONE);
    await signInAs(phone.page, server, server.team.supervisor.id);
    await phone.page.goto(`${server.baseUrl}/console/cases`);
    await screenshot(phone.page, 'cases-phone-en');
    expect(await seriousViolations(phone.page)).toEqual([]);
    expect(await widestInMain(phone.page)).toBeLessThanOrEqual(PHONE.width);
    await phone.page.goto(`${server.baseUrl}/console/cases/${ref}`);
    await screenshot(phone.page, 'case-phone-en');
    expect(await seriousViolations(phone.page)).toEqual([]);
    expect(await widestInMain(phone.page)).toBeLessThanOrEqual(PHONE.width);
    expect(phone.errors).toEqual([]);
  });
});
