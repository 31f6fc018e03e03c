import type { Browser } from 'playwright-core';
import { answerOutboundCall } from '../helpers/calls';
import { HOTLINE_NUMBER } from '../helpers/context';
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

describe('a masked call-back from the case page, in Chromium', () => {
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

  it('an officer on a phone presses “Call the citizen”, their phone rings, and the call then shows on the case', async () => {
    const { ctx, fake, team } = server;
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    const { ref } = created.body;
    const { page, errors } = await openPage(browser, PHONE);
    await signInWithToken(page, server.baseUrl, await issueToken(ctx, team.primary.id));
    await page.goto(`${server.baseUrl}/console/cases/${ref}`);

    await page.getByRole('button', { name: 'Call the citizen (hotline number shown)' }).click();
    await page.getByText('Your phone rings now: press 1 to be put through to the citizen.').waitFor();
    expect(fake.calls).toEqual([expect.objectContaining({ to: PHONES.primary, from: HOTLINE_NUMBER })]);

    await answerOutboundCall(ctx, fake, fake.calls[0], {
      actions: [{ press: '1' }],
      dial: { [PHONES.citizen]: 'accept' },
    });
    await page.reload();
    const section = page.getByRole('region', { name: 'Masked call-backs' });
    await section.getByText('Talked with the citizen').waitFor();
    expect(await section.getByLabel('The recorded call-back conversation').count()).toBe(1);
    await screenshot(page, 'case-masked-callback-phone-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
