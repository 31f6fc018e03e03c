import request from 'supertest';
import type { TestContext } from '../helpers/context';

/** A signed-in console session driven over HTTP, as a browser would but without one. */
export interface ConsoleAgent {
  agent: ReturnType<typeof request.agent>;
  /** The session's form token, which every POST must carry as `_csrf`. */
  csrf: string;
  get(path: string): ReturnType<ReturnType<typeof request.agent>['get']>;
  /** A form post with the session's token added. */
  post(path: string, form?: Record<string, string>): ReturnType<ReturnType<typeof request.agent>['post']>;
}

const hiddenToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the login form with an API token (the ADMIN_TOKEN, or a staff member's). */
export async function signInWithTokenOverHttp(ctx: TestContext, token: string): Promise<ConsoleAgent> {
  const agent = request.agent(ctx.app);
  const login = await agent.get('/console/login?lang=en');
  const loginCsrf = hiddenToken(login.text);
  if (!loginCsrf) throw new Error('the login page has no form token');
  const signedIn = await agent
    .post('/console/login/token')
    .type('form')
    .send({ _csrf: loginCsrf, token, language: 'en' });
  if (signedIn.status !== 303) throw new Error(`token sign-in answered ${signedIn.status}: ${signedIn.text}`);
  return withSession(agent);
}

/** The agent's session form token, read from a page it may open. */
export async function withSession(agent: ReturnType<typeof request.agent>): Promise<ConsoleAgent> {
  // Today for supervisors; duty staff are sent on to their own cases. Both pages carry the token.
  const page = await agent.get('/console').redirects(1);
  const csrf = hiddenToken(page.text);
  if (!csrf)
    throw new Error(`no session form token on ${page.redirects.at(-1) ?? '/console'} (${page.status})`);
  return {
    agent,
    csrf,
    get: (path) => agent.get(path),
    post: (path, form = {}) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...form }),
  };
}
