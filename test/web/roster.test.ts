import request from 'supertest';
import { ADMIN_TOKEN } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';
import { type ConsoleAgent, signInWithTokenOverHttp } from './console-session';

/** The rows of the overrides table, each as its cells' text. */
function overrideRows(html: string): string[][] {
  const start = html.indexOf('id="roster-overrides"');
  const end = html.indexOf('</table>', start);
  const body = html.slice(html.indexOf('<tbody>', start), end);
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]
        .replace(/<select[\s\S]*?<\/select>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

const noticeOf = (html: string) => /<p class="notice notice-(\w+)"[^>]*>([^<]*)<\/p>/.exec(html)?.slice(1, 3);

// 10:00 Shanghai time on 1 March 2027. Wang Fang is the primary every day (24-hour shifts from 08:00).
describe('/console/roster', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });

  const signIn = async (staffId: number): Promise<ConsoleAgent> =>
    signInWithTokenOverHttp(hotline.ctx, await issueToken(hotline.ctx, staffId));

  async function gapsOn2March() {
    const res = await hotline.ctx.api(
      'get',
      `/api/reports/duty-gaps?from=${encodeURIComponent('2027-03-02T08:00:00+08:00')}&to=${encodeURIComponent('2027-03-03T08:00:00+08:00')}`,
    );
    return (res.body.gaps as { position: string }[]).filter((gap) => gap.position === 'primary');
  }

  it('a duty officer reads rotations, the week ahead and overrides, and may record nothing', async () => {
    const { ctx, team } = hotline;
    await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-02T08:00:00+08:00',
      to: '2027-03-03T08:00:00+08:00',
      reason: 'sick',
    });
    const officer = await signIn(team.backup.id);
    const page = await officer.get('/console/roster');
    expect(page.status).toBe(200);
    expect(page.text).toContain('primary desk');
    expect(page.text).toContain('24 h shifts, handing over at 08:00 (Asia/Shanghai)');
    expect(page.text).toContain('On duty in the coming week');
    expect(page.text).toContain('Rotation “primary desk”');
    expect(overrideRows(page.text)).toEqual([
      ['Primary', 'Wang Fang', '–', '2 Mar 08:00', '3 Mar 08:00', 'Sick', 'Planned', 'Not covered'],
    ]);
    expect(page.text).toContain('supervisors record absences, covers and swaps');
    for (const absent of [
      'action="/console/roster/overrides"',
      '/cancel"',
      'action="/console/roster/import"',
    ]) {
      expect(page.text).not.toContain(absent);
    }

    const refused = await officer.post('/console/roster/overrides', {
      absentStaffId: String(team.primary.id),
      from: '2027-03-04T08:00',
      to: '2027-03-05T08:00',
      reason: 'sick',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your role cannot do this.');
  });

  it('a supervisor records an absence, then a cover for it, through the API’s use case; the gap is gone', async () => {
    const { team } = hotline;
    const supervisor = await signIn(team.supervisor.id);
    const recorded = await supervisor.post('/console/roster/overrides', {
      absentStaffId: String(team.primary.id),
      coverStaffId: '',
      position: '',
      from: '2027-03-02T08:00',
      to: '2027-03-03T08:00',
      reason: 'leave',
    });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.location).toBe('/console/roster?done=recorded');
    let page = await supervisor.get(recorded.headers.location);
    expect(noticeOf(page.text)).toEqual(['done', 'Recorded.']);
    const [absence] = overrideRows(page.text);
    expect(absence.slice(0, 8)).toEqual([
      'Primary',
      'Wang Fang',
      '–',
      '2 Mar 08:00',
      '3 Mar 08:00',
      'Leave',
      'Planned',
      'Not covered',
    ]);
    expect(await gapsOn2March()).toHaveLength(1);

    // The row's own form records a cover for the rest of the absence, with the absence's span.
    expect(page.text).toContain('name="from" value="2027-03-02T08:00"');
    const covered = await supervisor.post('/console/roster/overrides', {
      coverStaffId: String(team.colleague.id),
      position: 'primary',
      from: '2027-03-02T08:00',
      to: '2027-03-03T08:00',
      reason: 'leave',
    });
    expect(covered.status).toBe(303);
    page = await supervisor.get('/console/roster');
    const rows = overrideRows(page.text);
    expect(rows.map((row) => [row[1], row[2], row[7]])).toEqual([
      ['Wang Fang', '–', 'Covered by Chen Jie'],
      ['–', 'Chen Jie', '–'],
    ]);
    expect(await gapsOn2March()).toEqual([]);
    const listed = await hotline.ctx.api(
      'get',
      `/api/roster/overrides?from=${encodeURIComponent('2027-03-02T00:00:00+08:00')}&to=${encodeURIComponent('2027-03-03T00:00:00+08:00')}`,
    );
    expect(listed.body.items.map((item: { createdBy: number }) => item.createdBy)).toEqual([
      team.supervisor.id,
      team.supervisor.id,
    ]);
  });

  it('a refused form is shown again with its values and the reason, in the reader’s language', async () => {
    const { team } = hotline;
    const supervisor = await signIn(team.supervisor.id);
    const nobody = await supervisor.post('/console/roster/overrides', {
      absentStaffId: '',
      coverStaffId: '',
      from: '2027-03-02T08:00',
      to: '2027-03-03T08:00',
      reason: 'sick',
    });
    expect(nobody.status).toBe(200);
    expect(nobody.text).toContain('Name who is absent, who covers, or both.');
    expect(nobody.text).toContain('value="2027-03-02T08:00"');

    const backwards = await supervisor.post('/console/roster/overrides', {
      absentStaffId: String(team.primary.id),
      from: '2027-03-03T08:00',
      to: '2027-03-02T08:00',
      reason: 'sick',
    });
    expect(backwards.status).toBe(200);
    expect(backwards.text).toContain('Give both times, the end after the start.');
    expect(backwards.text).toMatch(new RegExp(`<option value="${team.primary.id}" selected>Wang Fang`));

    const same = await supervisor.post('/console/roster/overrides', {
      absentStaffId: String(team.primary.id),
      coverStaffId: String(team.primary.id),
      from: '2027-03-02T08:00',
      to: '2027-03-03T08:00',
      reason: 'sick',
    });
    expect(same.text).toContain('The cover must be someone other than the absent person.');
    // The answer is the roster page: its language switch leads back to it, not to the form's address.
    expect(same.text).toContain('name="back" value="/console/roster"');
    expect(overrideRows((await supervisor.get('/console/roster')).text)).toEqual([
      [expect.stringContaining('No absences, covers or swaps')],
    ]);
  });

  it('a supervisor cancels an override: listed as cancelled, no longer counting; one already over cannot be', async () => {
    const { ctx, team } = hotline;
    const made = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-03-02T08:00:00+08:00',
      to: '2027-03-03T08:00:00+08:00',
      reason: 'sick',
    });
    const past = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: team.primary.id,
      from: '2027-02-27T08:00:00+08:00',
      to: '2027-02-28T08:00:00+08:00',
      reason: 'sick',
    });
    const supervisor = await signIn(team.supervisor.id);
    const before = await supervisor.get('/console/roster');
    expect(before.text).toContain(`action="/console/roster/overrides/${made.body.id}/cancel"`);
    expect(before.text).not.toContain(`action="/console/roster/overrides/${past.body.id}/cancel"`);

    const cancelled = await supervisor.post(`/console/roster/overrides/${made.body.id}/cancel`);
    expect(cancelled.headers.location).toBe('/console/roster?done=cancelled');
    const page = await supervisor.get(cancelled.headers.location);
    const row = overrideRows(page.text).find((cells) => cells[3] === '2 Mar 08:00');
    expect(row?.slice(6)).toEqual(['Cancelled 1 Mar 10:00', '–', '']);
    expect(await gapsOn2March()).toEqual([]);

    const over = await supervisor.post(`/console/roster/overrides/${past.body.id}/cancel`);
    expect(over.headers.location).toBe('/console/roster?error=ended');
    expect((await supervisor.post('/console/roster/overrides/999/cancel')).status).toBe(404);
  });

  it('an administrator imports a CSV file; a bad one shows each row’s problem and changes nothing', async () => {
    const admin = await signInWithTokenOverHttp(hotline.ctx, ADMIN_TOKEN);
    const upload = (csv: string, csrf = admin.csrf) =>
      admin.agent
        .post('/console/roster/import')
        .field('_csrf', csrf)
        .field('csv', '')
        .attach('file', Buffer.from(csv), { filename: 'roster.csv', contentType: 'text/csv' });

    const bad = await upload(
      [
        'kind,name,phone,role,position,timezone,start,handoff_time,shift_hours,members',
        'staff,Sun Li,not-a-phone,staff',
        'rotation,night desk,,,primary,Mars/Olympus,2027-03-05,20:00,12,+8613800000099',
      ].join('\n'),
    );
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Nothing was imported');
    expect(bad.text).toMatch(/data-label="Line">2<\/td><td data-label="Column">phone<\/td>/);
    expect(bad.text).toMatch(/data-label="Line">3<\/td><td data-label="Column">timezone<\/td>/);
    expect(bad.text).not.toContain('night desk</h3>');

    const good = await upload(
      [
        'kind,name,phone,role,position,timezone,start,handoff_time,shift_hours,members',
        'staff,Sun Li,+8613800000099,staff',
        'rotation,night desk,,,primary,Asia/Shanghai,2027-03-05,20:00,12,+8613800000099',
      ].join('\n'),
    );
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe('/console/roster?done=imported');
    const page = await admin.get(good.headers.location);
    expect(page.text).toContain('night desk');
    expect(page.text).toContain('Sun Li');

    // Pasted instead of a file, and the form token checked on a file post too.
    const pasted = await admin.agent
      .post('/console/roster/import')
      .field('_csrf', admin.csrf)
      .field('csv', 'kind,name,phone,role\nstaff,Zhou Yu,+8613800000098,staff');
    expect(pasted.headers.location).toBe('/console/roster?done=imported');
    expect((await upload('kind,name\n', 'forged')).status).toBe(403);
    const empty = await admin.agent
      .post('/console/roster/import')
      .field('_csrf', admin.csrf)
      .field('csv', ' ');
    expect(empty.headers.location).toBe('/console/roster?error=noCsv');
    const huge = await upload(`kind,name\n${'staff,x\n'.repeat(300_000)}`);
    expect(huge.status).toBe(303);
    expect(huge.headers.location).toBe('/console/roster?error=tooLarge');
  });

  it('only an administrator imports; a signed-out file post goes nowhere', async () => {
    const supervisor = await signIn(hotline.team.supervisor.id);
    const page = await supervisor.get('/console/roster');
    expect(page.text).not.toContain('action="/console/roster/import"');
    const refused = await supervisor.agent
      .post('/console/roster/import')
      .field('_csrf', supervisor.csrf)
      .field('csv', 'kind,name,phone,role\nstaff,Zhou Yu,+8613800000098,staff');
    expect(refused.status).toBe(403);
    const signedOut = await request(hotline.ctx.app)
      .post('/console/roster/import')
      .field('_csrf', 'x')
      .field('csv', 'kind,name');
    expect(signedOut.status).toBe(401);
  });

  it('a staff member makes a calendar feed of their own shifts, shown once; the whole roster’s is an admin’s', async () => {
    const officer = await signIn(hotline.team.primary.id);
    const made = await officer.post('/console/roster/calendar', { scope: 'mine' });
    expect(made.status).toBe(200);
    const url = /id="feed-url" type="text" readonly value="([^"]+)"/.exec(made.text)?.[1];
    expect(url).toMatch(/^http:\/\/localhost\/calendar\/[^/]+\.ics$/);
    const feed = await request(hotline.ctx.app).get(new URL(url!).pathname);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain("Wang Fang's shifts");
    expect((await officer.get('/console/roster')).text).not.toContain(url!);

    expect((await officer.post('/console/roster/calendar', { scope: 'all' })).status).toBe(403);
    const admin = await signInWithTokenOverHttp(hotline.ctx, ADMIN_TOKEN);
    const whole = await admin.post('/console/roster/calendar', { scope: 'all' });
    expect(whole.status).toBe(200);
    expect(whole.text).toContain('id="feed-url"');
  });

  it('shows each rotation’s versions, what changed and from when', async () => {
    const { ctx, team } = hotline;
    const rotations = await ctx.api('get', '/api/roster/rotations');
    const primaryDesk = rotations.body.items.find((item: { name: string }) => item.name === 'primary desk');
    const edited = await ctx
      .api('patch', `/api/roster/rotations/${primaryDesk.id}`)
      .send({ members: [team.primary.id, team.colleague.id], effectiveFrom: '2027-03-08T08:00:00+08:00' });
    expect(edited.status).toBe(200);

    const versions = await ctx.api('get', `/api/roster/rotations/${primaryDesk.id}/versions`);
    expect(versions.body.items.map((item: { changed: string[] }) => item.changed)).toEqual([[], ['members']]);

    const page = await (await signIn(team.backup.id)).get('/console/roster');
    expect(page.text).toContain('Versions (2)');
    expect(page.text).toMatch(
      /8 Mar 08:00<\/time><\/td><td data-label="What changed">members<span class="muted"> \(Wang Fang, Chen Jie\)/,
    );
    expect(page.text).toMatch(/1 Feb 08:00<\/time><span class="badge badge-ok">in force<\/span>/);
  });

  it('lists overrides in a chosen window, and says so when a window cannot be listed', async () => {
    const supervisor = await signIn(hotline.team.supervisor.id);
    const chosen = await supervisor.get('/console/roster?from=2027-03-10&to=2027-03-20');
    expect(chosen.text).toContain('name="from" value="2027-03-10"');
    const tooLong = await supervisor.get('/console/roster?from=2027-01-01&to=2028-06-01');
    expect(noticeOf(tooLong.text)?.[0]).toBe('error');
    expect(tooLong.text).toContain('name="from" value="2027-02-22"');
  });
});
