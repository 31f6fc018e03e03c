import { hashToken } from '../../src/auth/auth.tokens';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';
import { expectError, logLetter } from './api-helpers';

describe('the staff API', () => {
  const hotline = useHotline({ online: false, team: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  it('an admin adds a staff member, whose phone is stored in E.164 and who appears in the list', async () => {
    const res = await ctx
      .api('post', '/api/staff')
      .send({ name: '  Sun Li ', phone: '+86 138 0000 0009', role: 'supervisor', language: 'en' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      name: 'Sun Li',
      phone: '+8613800000009',
      role: 'supervisor',
      language: 'en',
      active: true,
    });
    expect(res.body).not.toHaveProperty('token');

    const defaulted = await ctx
      .api('post', '/api/staff')
      .send({ name: 'Zhou Yu', phone: PHONES.colleague, role: 'staff' });
    expect(defaulted.status).toBe(201);
    expect(defaulted.body.language).toBe('zh-CN');

    const list = await ctx.api('get', '/api/staff');
    expect(list.status).toBe(200);
    expect(list.body.next).toBeNull();
    expect(list.body.items.map((member: { name: string }) => member.name)).toEqual(['Sun Li', 'Zhou Yu']);
  });

  it('PATCH changes the fields given and leaves the rest; a phone taken by someone else is a 409', async () => {
    const team = await seedDutyTeam(ctx);
    const res = await ctx
      .api('patch', `/api/staff/${team.colleague.id}`)
      .send({ name: 'Chen Jie (nights)', role: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: team.colleague.id,
      name: 'Chen Jie (nights)',
      role: 'supervisor',
      phone: PHONES.colleague,
      language: 'en',
      active: true,
    });

    const samePhone = await ctx
      .api('patch', `/api/staff/${team.colleague.id}`)
      .send({ phone: PHONES.colleague });
    expect(samePhone.status).toBe(200);
    expectError(
      await ctx.api('patch', `/api/staff/${team.colleague.id}`).send({ phone: PHONES.primary }),
      409,
      'staff.phone_taken',
    );
    expect((await ctx.api('get', '/api/staff')).body.items[3].phone).toBe(PHONES.colleague);
  });

  it('a token is shown once, authenticates its owner, and only its hash is stored', async () => {
    const team = await seedDutyTeam(ctx);
    const res = await ctx.api('post', `/api/staff/${team.primary.id}/tokens`);
    expect(res.status).toBe(201);
    // The id names the token for `DELETE …/tokens/:tokenId`; the secret is shown only here.
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'id', 'token']);
    expect(res.body.expiresAt).toBeNull();
    const token: string = res.body.token;
    expect(token.length).toBeGreaterThanOrEqual(24);

    const mine = await ctx.api('get', '/api/cases', token);
    expect(mine.status).toBe(200);
    const onDuty = await ctx.api('get', '/api/roster/on-duty', token);
    expect(onDuty.status).toBe(200);

    const second = await issueToken(ctx, team.primary.id);
    expect(second).not.toBe(token);
    expect((await ctx.api('get', '/api/cases', second)).status).toBe(200);
    expect((await ctx.api('get', '/api/cases', token)).status).toBe(200);

    const rows = await ctx.container.db.selectFrom('staff_tokens').selectAll().execute();
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(second);
    expect(rows.map((row) => row.token_hash).sort()).toEqual([hashToken(token), hashToken(second)].sort());

    const list = await ctx.api('get', '/api/staff');
    expect(JSON.stringify(list.body)).not.toContain(token);

    expectError(await ctx.api('post', '/api/staff/999/tokens'), 404, 'staff.not_found');
  });

  it("a deactivated staff member's token stops working and they are no longer on duty", async () => {
    const team = await seedDutyTeam(ctx);
    const token = await issueToken(ctx, team.primary.id);
    const before = await ctx.api('get', '/api/roster/on-duty');
    expect(before.body.primary).toMatchObject({ id: team.primary.id });

    const res = await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);

    expectError(await ctx.api('get', '/api/cases', token), 401, 'auth.invalid_token');
    expectError(await ctx.api('get', '/api/roster/on-duty', token), 401, 'auth.invalid_token');

    const after = await ctx.api('get', '/api/roster/on-duty');
    expect(after.status).toBe(200);
    expect(after.body.primary).toBeNull();
    expect(after.body.backup).toMatchObject({ id: team.backup.id });
    const explicit = await ctx.api('get', '/api/roster/on-duty').query({ at: '2027-03-01T12:00:00+08:00' });
    expect(explicit.body.primary).toBeNull();

    // A new complaint goes to the backup, not to the member who left.
    const created = await logLetter(ctx);
    expect(created.assignee).toEqual({ id: team.backup.id, name: 'Li Qiang' });
    expectError(
      await ctx.api('post', `/api/cases/${created.ref}/assign`).send({ staffId: team.primary.id }),
      400,
      'staff.not_found',
    );

    const listed = await ctx.api('get', '/api/staff');
    expect(listed.body.items.find((member: { id: number }) => member.id === team.primary.id)).toMatchObject({
      active: false,
    });
  });

  it('staff cannot manage staff; a supervisor can list but not add or change', async () => {
    const team = await seedDutyTeam(ctx);
    const staffToken = await issueToken(ctx, team.primary.id);
    const supervisorToken = await issueToken(ctx, team.supervisor.id);

    expectError(await ctx.api('get', '/api/staff', staffToken), 403, 'auth.forbidden');
    expectError(
      await ctx.api('patch', `/api/staff/${team.primary.id}`, staffToken).send({ role: 'admin' }),
      403,
      'auth.forbidden',
    );
    expectError(
      await ctx.api('post', `/api/staff/${team.primary.id}/tokens`, staffToken),
      403,
      'auth.forbidden',
    );

    expect((await ctx.api('get', '/api/staff', supervisorToken)).status).toBe(200);
    expectError(
      await ctx
        .api('post', '/api/staff', supervisorToken)
        .send({ name: 'New', phone: '+8613800000077', role: 'staff' }),
      403,
      'auth.forbidden',
    );
    expectError(
      await ctx.api('patch', `/api/staff/${team.backup.id}`, supervisorToken).send({ active: false }),
      403,
      'auth.forbidden',
    );
    const backup = (await ctx.api('get', '/api/staff')).body.items.find(
      (member: { id: number }) => member.id === team.backup.id,
    );
    expect(backup.active).toBe(true);
  });
});
