import request from 'supertest';
import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

// Low limits keep the test quick; the loops below would also reach the old shared limit of 1200.
const LIMITS = { API_RATE_LIMIT_PER_MINUTE: '20', API_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '10' };
const ENOUGH_TO_EXHAUST_ANY_LIMIT = 1300;

describe('the API rate limit: per address without a valid token, per token with one', () => {
  const hotline = useHotline({ online: false, env: LIMITS });
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ ctx, team } = hotline);
  });

  /** Sends `send()` until it is refused with 429; returns how many got through first. */
  async function exhaust(send: () => Promise<{ status: number }>): Promise<number> {
    for (let sent = 0; sent < ENOUGH_TO_EXHAUST_ANY_LIMIT; sent += 1) {
      const res = await send();
      if (res.status === 429) return sent;
    }
    throw new Error('never refused');
  }

  it('a client flooding with bad tokens is refused, while an officer with a valid token at the same address is served', async () => {
    const officer = await issueToken(ctx, team.primary.id);
    const allowed = await exhaust(() => ctx.api('get', '/api/cases', 'dl_not-a-real-token'));

    expect((await ctx.api('get', '/api/cases', officer)).status).toBe(200);
    expect((await ctx.api('get', '/api/roster/on-duty')).status).toBe(200);
    expect(allowed).toBe(10);
    expectError(await ctx.api('get', '/api/cases', 'dl_not-a-real-token'), 429, 'request.rate_limited');
    expectError(await request(ctx.app).get('/api/cases'), 429, 'request.rate_limited');
  });

  it('a token that uses up its own limit is refused; another token from the same address is not', async () => {
    const busy = await issueToken(ctx, team.primary.id);
    const other = await issueToken(ctx, team.backup.id);

    const allowed = await exhaust(() => ctx.api('get', '/api/roster/on-duty', busy));

    expect((await ctx.api('get', '/api/roster/on-duty', other)).status).toBe(200);
    expect((await ctx.api('get', '/api/roster/on-duty')).status).toBe(200);
    expect(allowed).toBe(20);
    expectError(await ctx.api('get', '/api/roster/on-duty', busy), 429, 'request.rate_limited');
  });

  it('a rate-limited answer says when to retry', async () => {
    await exhaust(() => request(ctx.app).get('/api/cases'));
    const refused = await request(ctx.app).get('/api/cases');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
