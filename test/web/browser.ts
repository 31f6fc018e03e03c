import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/context';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import type { DutyTeam } from '../helpers/hotline';
import { seedDutyTeam } from '../helpers/seed';

// Real Chromium (Debian's package) against the whole app served on 127.0.0.1, online against the
// fake Twilio so that login codes and citizens' texts can be read where Twilio would get them.

export const CHROMIUM = '/usr/bin/chromium';

// A browser test walks several pages (each with an axe scan and screenshots) and takes 10–20 s on a
// quiet 2-core machine; a busy one (CI's second Node pass, parallel workers) can double that.
jest.setTimeout(120_000);
const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface ConsoleServer {
  ctx: TestContext;
  fake: FakeTwilio;
  team: DutyTeam;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startConsoleServer(options: { start?: string } = {}): Promise<ConsoleServer> {
  const fake = await startFakeTwilio();
  // Plain http, as on a test machine: the session cookie is then not marked Secure.
  const ctx = await createTestContext({
    fake,
    start: options.start,
    env: { PUBLIC_BASE_URL: 'http://localhost' },
  });
  const team = await seedDutyTeam(ctx);
  const server: Server = await new Promise((resolve) => {
    const listening = ctx.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    fake,
    team,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
      await fake.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that remembers the errors its console and scripts reported, which a test then expects none of. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  // Axe is injected by the test: the page's own CSP would refuse it, rightly.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

/** Saves what the page looks like now, for a person to look at (test-artifacts/ is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical accessibility violations axe-core finds on the page, as short lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Signs in with an API token through the login form, as an administrator would. */
export async function signInWithToken(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login?lang=en`);
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

/** The six-digit code the fake Twilio last received for a phone. */
export function lastCodeTextedTo(fake: FakeTwilio, phone: string): string {
  const message = [...fake.messages].reverse().find((each) => each.to === phone && /\d{6}/.test(each.body));
  const code = message && /(\d{6})/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}

/** Signs a staff member in with the code texted to their phone, as duty staff do. */
export async function signInWithCode(page: Page, server: ConsoleServer, phone: string): Promise<void> {
  await page.goto(`${server.baseUrl}/console/login?lang=en`);
  await page.getByLabel('Your mobile number').fill(phone);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await server.ctx.flushOutbox();
  await page.getByLabel('The six-digit code').fill(lastCodeTextedTo(server.fake, phone));
  await page.getByRole('button', { name: 'Sign in' }).first().click();
}
