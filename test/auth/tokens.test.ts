import request from 'supertest';
import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';

const DAY_MS = 86_400_000;

describe('API tokens can be listed, revoked and made to expire', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ ctx, team } = hotline);
  });

  const works = async (token: string) => (await ctx.api('get', '/api/roster/on-duty', token)).status === 200;
  const listTokens = async (staffId: number) => {
    const res = await ctx.api('get', `/api/staff/${staffId}/tokens`);
    expect(res.status).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };
  const revoke = (staffId: number, tokenId: unknown, token?: string) =>
    request(ctx.app)
      .delete(`/api/staff/${staffId}/tokens/${tokenId}`)
      .set('Authorization', `Bearer ${token ?? 'test-admin-token-0123456789'}`);

  it('re-activating a staff member does not revive the tokens they had when deactivated', async () => {
    const token = await issueToken(ctx, team.primary.id);
    expect(await works(token)).toBe(true);

    expect((await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false })).status).toBe(
      200,
    );
    expect((await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: true })).status).toBe(200);

    expectError(await ctx.api('get', '/api/roster/on-duty', token), 401, 'auth.invalid_token');
    const fresh = await issueToken(ctx, team.primary.id);
    expect(await works(fresh)).toBe(true);
  });

  it('deactivation shows as a revocation in the token list, which never holds a secret', async () => {
    const token = await issueToken(ctx, team.primary.id);
    await works(token);
    await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false });

    const items = await listTokens(team.primary.id);
    expect(items).toEqual([
      {
        id: expect.any(Number),
        createdAt: '2027-03-01T10:00:00.000+08:00',
        expiresAt: null,
        revokedAt: '2027-03-01T10:00:00.000+08:00',
        lastUsedAt: '2027-03-01T10:00:00.000+08:00',
      },
    ]);
    const hash = (
      await ctx.container.db.selectFrom('staff_tokens').select('token_hash').executeTakeFirstOrThrow()
    ).token_hash;
    const text = JSON.stringify(items);
    expect(text).not.toContain(token);
    expect(text).not.toContain(hash);
  });

  it('an admin revokes one token: 204, that token gets 401, the member’s other token still works', async () => {
    const created = await ctx.api('post', `/api/staff/${team.primary.id}/tokens`);
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: number };
    const other = await issueToken(ctx, team.primary.id);

    const res = await revoke(team.primary.id, id);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');

    expectError(await ctx.api('get', '/api/roster/on-duty', token), 401, 'auth.invalid_token');
    expect(await works(other)).toBe(true);
    const listed = await listTokens(team.primary.id);
    expect(listed.find((item) => item.id === id)).toMatchObject({ revokedAt: expect.any(String) });
    expect(listed.find((item) => item.id !== id)).toMatchObject({ revokedAt: null });

    // Revoking again changes nothing and still answers 204.
    expect((await revoke(team.primary.id, id)).status).toBe(204);
  });

  it('revoking an unknown token, or another member’s, gets 404 and revokes nothing', async () => {
    const created = await ctx.api('post', `/api/staff/${team.primary.id}/tokens`);
    const { token, id } = created.body as { token: string; id: number };

    expectError(await revoke(team.backup.id, id), 404, 'token.not_found');
    expectError(await revoke(team.primary.id, 9999), 404, 'token.not_found');
    expectError(await revoke(9999, id), 404, 'staff.not_found');
    expectError(await revoke(team.primary.id, 'abc'), 400, 'token.invalid_id');
    expectError(await ctx.api('get', '/api/staff/9999/tokens'), 404, 'staff.not_found');
    expect(await works(token)).toBe(true);
  });

  it('only an admin lists or revokes tokens', async () => {
    const supervisorToken = await issueToken(ctx, team.supervisor.id);
    const { id } = (await ctx.api('post', `/api/staff/${team.primary.id}/tokens`)).body as { id: number };

    expectError(
      await ctx.api('get', `/api/staff/${team.primary.id}/tokens`, supervisorToken),
      403,
      'auth.forbidden',
    );
    expectError(await revoke(team.primary.id, id, supervisorToken), 403, 'auth.forbidden');
  });

  it('a token made to expire in 30 days works until then, and afterwards gets 401 auth.token_expired', async () => {
    const created = await ctx.api('post', `/api/staff/${team.primary.id}/tokens`).send({ expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      token: expect.stringMatching(/^dl_/),
      expiresAt: '2027-03-31T10:00:00.000+08:00',
    });
    const { token } = created.body as { token: string };

    ctx.clock.advance(30 * DAY_MS - 1);
    expect(await works(token)).toBe(true);
    ctx.clock.advance(1);
    expectError(await ctx.api('get', '/api/roster/on-duty', token), 401, 'auth.token_expired');
    expect((await listTokens(team.primary.id))[0]).toMatchObject({
      expiresAt: '2027-03-31T10:00:00.000+08:00',
      revokedAt: null,
    });
  });

  it.each([
    [{ expiresInDays: 0 }],
    [{ expiresInDays: 1.5 }],
    [{ expiresInDays: 'soon' }],
    [{ expiresInDays: 3651 }],
    [{ ttl: 3 }],
  ])('POST tokens with %j gets 400 and issues nothing', async (body) => {
    expectError(
      await ctx.api('post', `/api/staff/${team.primary.id}/tokens`).send(body),
      400,
      'request.invalid',
    );
    expect(await ctx.container.db.selectFrom('staff_tokens').selectAll().execute()).toEqual([]);
  });
});
