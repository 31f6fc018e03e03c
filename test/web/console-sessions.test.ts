import request from 'supertest';
import { ADMIN_TOKEN } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { signInWithTokenOverHttp } from './console-session';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const hiddenToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('console sessions', () => {
  // Over plain http, as supertest speaks: the cookies are then not marked Secure, so it sends them back.
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });

  /** An agent on the login page, with its form token. */
  async function atLogin() {
    const agent = request.agent(hotline.ctx.app);
    const page = await agent.get('/console/login?lang=en');
    return { agent, csrf: hiddenToken(page.text) };
  }

  async function askForCode(phone: string) {
    const { agent, csrf } = await atLogin();
    const asked = await agent
      .post('/console/login/code')
      .type('form')
      .send({ _csrf: csrf, phone, language: 'en' });
    await hotline.ctx.flushOutbox();
    return { agent, csrf, asked };
  }

  const codesTo = (phone: string) =>
    hotline.fake.messages
      .filter((message) => message.to === phone)
      .map((message) => /(\d{6})/.exec(message.body)?.[1]);

  const verify = (agent: ReturnType<typeof request.agent>, csrf: string, phone: string, code: string) =>
    agent.post('/console/login/verify').type('form').send({ _csrf: csrf, phone, code, language: 'en' });

  it('texts a code through the outbox to a staff member, and the code opens a session once', async () => {
    const { agent, csrf, asked } = await askForCode(PHONES.primary);
    expect(asked.status).toBe(200);
    const [code] = codesTo(PHONES.primary);
    expect(code).toMatch(/^\d{6}$/);

    const first = await verify(agent, csrf, PHONES.primary, code!);
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toMatch(
      /dutyline_session=[^;]+; Max-Age=43200; Path=\/console; HttpOnly; SameSite=Lax/,
    );

    const again = await (await atLogin()).agent
      .post('/console/login/verify')
      .type('form')
      .send({ _csrf: csrf, phone: PHONES.primary, code, language: 'en' });
    // The second agent has no login cookie: its form token is refused before the code is looked at.
    expect(again.status).toBe(403);
    const reused = await verify(agent, csrf, PHONES.primary, code!);
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('That code was used already');
  });

  it('refuses an expired code, and a code after five wrong tries', async () => {
    const { agent, csrf } = await askForCode(PHONES.backup);
    const [code] = codesTo(PHONES.backup);
    hotline.ctx.clock.advance(10 * MINUTE + 1);
    const expired = await verify(agent, csrf, PHONES.backup, code!);
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('That code has expired');

    await askForCode(PHONES.backup);
    const fresh = codesTo(PHONES.backup).at(-1)!;
    const wrong = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await verify(agent, csrf, PHONES.backup, wrong)).status).toBe(401);
    const spent = await verify(agent, csrf, PHONES.backup, fresh);
    expect(spent.status).toBe(401);
    expect(spent.text).toContain('Too many wrong tries');
  });

  it('answers a number that is nobody on the staff the same way, and texts it nothing', async () => {
    const { asked } = await askForCode(PHONES.citizen);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('If this number belongs to a staff member');
    expect(codesTo(PHONES.citizen)).toEqual([]);
  });

  it('sends a member at most five codes an hour', async () => {
    for (let i = 0; i < 5; i += 1) expect((await askForCode(PHONES.colleague)).asked.status).toBe(200);
    const sixth = await askForCode(PHONES.colleague);
    expect(sixth.asked.status).toBe(429);
    expect(codesTo(PHONES.colleague)).toHaveLength(5);
    hotline.ctx.clock.advance(HOUR + 1);
    expect((await askForCode(PHONES.colleague)).asked.status).toBe(200);
  });

  it('refuses a form posted without its token, or with another session’s', async () => {
    const console = await signInWithTokenOverHttp(hotline.ctx, ADMIN_TOKEN);
    const bare = await console.agent
      .post('/console/language')
      .type('form')
      .send({ language: 'en', back: '/console' });
    expect(bare.status).toBe(403);
    expect(bare.text).toContain('This form has expired');
    const other = await signInWithTokenOverHttp(hotline.ctx, ADMIN_TOKEN);
    const wrong = await console.agent
      .post('/console/language')
      .type('form')
      .send({ _csrf: other.csrf, language: 'en', back: '/console' });
    expect(wrong.status).toBe(403);
    expect((await console.post('/console/language', { language: 'en', back: '/console' })).status).toBe(303);
  });

  it('ends a session after 12 hours idle, on sign-out, and when its member is deactivated', async () => {
    const { ctx, team } = hotline;
    const idle = await signInWithTokenOverHttp(ctx, ADMIN_TOKEN);
    ctx.clock.advance(11 * HOUR);
    expect((await idle.get('/console')).status).toBe(200);
    ctx.clock.advance(11 * HOUR); // 11 h since the last request: still live
    expect((await idle.get('/console')).status).toBe(200);
    ctx.clock.advance(12 * HOUR);
    const expired = await idle.get('/console');
    expect(expired.status).toBe(303);
    expect(expired.headers.location).toBe('/console/login?next=%2Fconsole');

    const out = await signInWithTokenOverHttp(ctx, ADMIN_TOKEN);
    expect((await out.post('/console/logout')).status).toBe(303);
    expect((await out.get('/console')).status).toBe(303);

    const supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
    expect((await supervisor.get('/console')).status).toBe(200);
    await ctx.api('patch', `/api/staff/${team.supervisor.id}`).send({ active: false }).expect(200);
    expect((await supervisor.get('/console')).status).toBe(303);
  });

  it('never sends anyone outside the console after signing in', async () => {
    const { agent, csrf } = await atLogin();
    const signedIn = await agent
      .post('/console/login/token')
      .type('form')
      .send({ _csrf: csrf, token: ADMIN_TOKEN, next: 'https://evil.example.com/console' });
    expect(signedIn.headers.location).toBe('/console');
    const inside = await (await atLogin()).agent;
    const page = await inside.get('/console/login?lang=en');
    const sent = await inside
      .post('/console/login/token')
      .type('form')
      .send({ _csrf: hiddenToken(page.text), token: ADMIN_TOKEN, next: '/console/duty-gaps?from=x' });
    expect(sent.headers.location).toBe('/console/duty-gaps?from=x');
  });
});

describe('console cookies over https', () => {
  const hotline = useHotline();

  it('are Secure, HttpOnly and SameSite=Lax when PUBLIC_BASE_URL is https', async () => {
    const page = await request(hotline.ctx.app).get('/console/login');
    expect(String(page.headers['set-cookie'])).toMatch(
      /dutyline_login_csrf=[^;]+; Path=\/console; HttpOnly; Secure; SameSite=Lax/,
    );
  });
});
