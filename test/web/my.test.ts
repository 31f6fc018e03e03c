import { ADMIN_TOKEN } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { type ConsoleAgent, signInWithTokenOverHttp } from './console-session';

const MINUTE = 60_000;

/** The references of the case cards on the page, in page order, per section. */
function cardsIn(html: string, section: 'my-held' | 'my-claimable'): string[] {
  const start = html.indexOf(`id="${section}"`);
  const end = section === 'my-held' ? html.indexOf('id="my-claimable"') : html.length;
  return [...html.slice(start, end).matchAll(/<article[^>]*aria-labelledby="case-(\d{8})"/g)].map(
    (m) => m[1],
  );
}

const noticeOf = (html: string) => /<p class="notice notice-(\w+)"[^>]*>([^<]*)<\/p>/.exec(html)?.slice(1, 3);

// 10:00 Shanghai time on 1 March 2027: Wang Fang is the primary on duty, Li Qiang the backup.
describe('/console/my: an officer works their cases from a phone', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });

  async function openLetter(category: string, description: string, phone: string | null = PHONES.citizen) {
    const res = await hotline.ctx
      .api('post', '/api/cases')
      .send({ phone, description, category, channel: 'letter' });
    expect(res.status).toBe(201);
    return res.body.ref as string;
  }

  async function signIn(staffId: number): Promise<ConsoleAgent> {
    return signInWithTokenOverHttp(hotline.ctx, await issueToken(hotline.ctx, staffId));
  }

  const caseOf = async (ref: string) => (await hotline.ctx.api('get', `/api/cases/${ref}`)).body;

  it('lists only my open cases, the nearest pending deadline first, with the citizen’s number to call', async () => {
    const { ctx, team } = hotline;
    const roads = await openLetter('roads', 'Street light out on Renmin Road'); // acknowledge within 4 h
    ctx.clock.advance(10 * MINUTE);
    const noise = await openLetter('noise', 'Karaoke bar at night'); // acknowledge within 2 h
    const elsewhere = await openLetter('water', 'Burst pipe');
    await ctx.api('post', `/api/cases/${elsewhere}/assign`).send({ staffId: team.backup.id });

    const officer = await signIn(team.primary.id);
    let page = await officer.get('/console/my');
    expect(page.status).toBe(200);
    expect(cardsIn(page.text, 'my-held')).toEqual([noise, roads]);
    expect(page.text).toContain('My open cases (2)');
    expect(page.text).toContain(`href="tel:${PHONES.citizen}"`);
    expect(page.text).toContain('Acknowledge by 1 Mar 12:10');
    expect(page.text).not.toContain(elsewhere);

    // Once acknowledged, the noise case works to its result deadline, three days away.
    const acked = await officer.post(`/console/my/${noise}/acknowledge`);
    expect(acked.status).toBe(303);
    expect(acked.headers.location).toBe(`/console/my?case=${noise}&done=acknowledged`);
    page = await officer.get(acked.headers.location);
    expect(noticeOf(page.text)).toEqual(['done', `Case ${noise} acknowledged.`]);
    expect(cardsIn(page.text, 'my-held')).toEqual([roads, noise]);
    expect(page.text).toContain('Result due by 4 Mar 10:10');
    const found = await caseOf(noise);
    expect(found.status).toBe('acknowledged');
    expect(found.events.at(-1)).toMatchObject({
      type: 'acknowledged',
      actor: { type: 'staff', staff: { id: team.primary.id } },
    });
  });

  it('records a result, a note and a call-back through the case use cases; the citizen is told by SMS', async () => {
    const { ctx, fake, team } = hotline;
    const ref = await openLetter('noise', 'Karaoke bar at night');
    const officer = await signIn(team.primary.id);

    expect((await officer.post(`/console/my/${ref}/note`, { text: 'Visited; bar closed' })).status).toBe(303);
    const called = await officer.post(`/console/my/${ref}/callback`, {
      outcome: 'reached',
      note: 'Explained',
    });
    expect(called.headers.location).toBe(`/console/my?case=${ref}&done=callback`);
    const resolved = await officer.post(`/console/my/${ref}/result`, { text: 'The bar now closes at 22:00' });
    expect(resolved.headers.location).toBe(`/console/my?case=${ref}&done=resolved`);

    const found = await caseOf(ref);
    expect(found).toMatchObject({ status: 'resolved', result: 'The bar now closes at 22:00' });
    expect(found.events.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['note', 'callback_logged', 'resolved', 'satisfaction_asked']),
    );
    await ctx.flushOutbox();
    const toCitizen = fake.messages.filter((message) => message.to === PHONES.citizen).map((m) => m.body);
    expect(toCitizen.some((body) => body.includes('The bar now closes at 22:00'))).toBe(true);
    // A resolved case leaves the list.
    expect(cardsIn((await officer.get('/console/my')).text, 'my-held')).toEqual([]);
  });

  it('says why a step is refused, and sends no text in the address', async () => {
    const { team } = hotline;
    const ref = await openLetter('noise', 'Karaoke bar at night');
    const officer = await signIn(team.primary.id);

    const empty = await officer.post(`/console/my/${ref}/result`, { text: '   ' });
    expect(empty.headers.location).toBe(`/console/my?case=${ref}&error=text`);
    const badOutcome = await officer.post(`/console/my/${ref}/callback`, { outcome: 'shouted' });
    expect(badOutcome.headers.location).toBe(`/console/my?case=${ref}&error=outcome`);

    await officer.post(`/console/my/${ref}/acknowledge`);
    const twice = await officer.post(`/console/my/${ref}/acknowledge`);
    expect(twice.headers.location).toBe(`/console/my?case=${ref}&error=transition`);
    const page = await officer.get(twice.headers.location);
    expect(noticeOf(page.text)?.[0]).toBe('error');
    expect(page.text).toContain('role="alert"');
    expect((await caseOf(ref)).status).toBe('acknowledged');
  });

  it('another officer’s case is not there to act on (404), and a post without its form token is refused', async () => {
    const { team } = hotline;
    const ref = await openLetter('noise', 'Karaoke bar at night');
    const colleague = await signIn(team.colleague.id);

    for (const step of ['acknowledge', 'note', 'claim']) {
      const res = await colleague.post(`/console/my/${ref}/${step}`, { text: 'mine now' });
      expect(res.status).toBe(404);
      expect(res.text).toContain('There is no such page, or it is not yours to see.');
    }
    expect((await colleague.post('/console/my/abc/acknowledge')).status).toBe(404);

    const officer = await signIn(team.primary.id);
    const forged = await officer.agent.post(`/console/my/${ref}/acknowledge`).type('form').send({});
    expect(forged.status).toBe(403);
    expect((await caseOf(ref)).status).toBe('assigned');
  });

  it('the administrator token holds no cases and is told so', async () => {
    const admin = await signInWithTokenOverHttp(hotline.ctx, ADMIN_TOKEN);
    const page = await admin.get('/console/my');
    expect(page.status).toBe(200);
    expect(page.text).toContain('which is nobody on the staff list');
  });
});

// Everyone on a rotation is away from 09:00 to 10:30, so a letter logged at 10:00 has nobody.
describe('/console/my: cases nobody holds, for whoever is on duty to take', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });
  let ref: string;

  beforeEach(async () => {
    const { ctx, team } = hotline;
    for (const member of [team.primary, team.backup, team.supervisor]) {
      const res = await ctx.api('post', '/api/roster/overrides').send({
        absentStaffId: member.id,
        from: '2027-03-01T09:00:00+08:00',
        to: '2027-03-01T10:30:00+08:00',
        reason: 'leave',
      });
      expect(res.status).toBe(201);
    }
    const res = await ctx
      .api('post', '/api/cases')
      .send({ phone: PHONES.citizen, description: 'Pothole', category: 'roads', channel: 'letter' });
    ref = res.body.ref;
    expect(res.body.assignee).toBeNull();
    ctx.clock.advance(31 * MINUTE);
  });

  it('the officer on duty sees it and takes it; an officer off duty is told when they may', async () => {
    const { ctx, team } = hotline;
    const offDuty = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.colleague.id));
    const offPage = await offDuty.get('/console/my');
    expect(cardsIn(offPage.text, 'my-claimable')).toEqual([]);
    expect(offPage.text).toContain('While you are on duty, open cases nobody holds are listed here');
    expect((await offDuty.post(`/console/my/${ref}/claim`)).status).toBe(404);

    const officer = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.primary.id));
    expect(cardsIn((await officer.get('/console/my')).text, 'my-claimable')).toEqual([ref]);
    const taken = await officer.post(`/console/my/${ref}/claim`);
    expect(taken.headers.location).toBe(`/console/my?case=${ref}&done=claimed`);
    const page = await officer.get(taken.headers.location);
    expect(cardsIn(page.text, 'my-held')).toEqual([ref]);
    expect(cardsIn(page.text, 'my-claimable')).toEqual([]);
    const found = (await ctx.api('get', `/api/cases/${ref}`)).body;
    expect(found.assignee).toMatchObject({ id: team.primary.id });
    expect(found.events.at(-1)).toMatchObject({
      type: 'assigned',
      actor: { type: 'staff', staff: { id: team.primary.id } },
      data: { reason: 'claimed' },
    });

    // The backup, also on duty, comes second.
    const backup = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.backup.id));
    const late = await backup.post(`/console/my/${ref}/claim`);
    expect(late.status).toBe(404);
  });

  it('POST /api/cases/:ref/claim takes it over the API by the same rule', async () => {
    const { ctx, team } = hotline;
    const offDuty = await ctx.api(
      'post',
      `/api/cases/${ref}/claim`,
      await issueToken(ctx, team.colleague.id),
    );
    expect(offDuty.status).toBe(404);

    const backupToken = await issueToken(ctx, team.backup.id);
    const taken = await ctx.api('post', `/api/cases/${ref}/claim`, backupToken);
    expect(taken.status).toBe(200);
    expect(taken.body.assignee).toMatchObject({ id: team.backup.id });
    expect((await ctx.api('post', `/api/cases/${ref}/claim`, backupToken)).status).toBe(200);

    const supervisorToken = await issueToken(ctx, team.supervisor.id);
    const second = await ctx.api('post', `/api/cases/${ref}/claim`, supervisorToken);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('case.already_assigned');
    expect((await ctx.api('post', `/api/cases/${ref}/claim`)).status).toBe(403);
  });
});
