import { logLetter } from '../api/api-helpers';
import { callHotline } from '../helpers/calls';
import { ADMIN_TOKEN, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { type ConsoleAgent, signInWithTokenOverHttp } from './console-session';

// The cases pages over HTTP: what each page lists and shows, and what each form does, through the
// same use cases as the API. The browser test (cases.browser.test.ts) drives them as a person would.

describe('the console’s case pages', () => {
  // Plain http, as on a test machine: the session cookie is then not marked Secure.
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });
  let ctx: TestContext;
  let team: DutyTeam;
  let fake: FakeTwilio;
  let supervisor: ConsoleAgent;

  beforeEach(async () => {
    ({ ctx, team, fake } = hotline);
    supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
  });

  const apiCase = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;
  const signInAs = async (staffId: number) => signInWithTokenOverHttp(ctx, await issueToken(ctx, staffId));
  /** The page's visible text, tags dropped and entities read, whitespace folded. */
  const textOf = (html: string) =>
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/\s+/g, ' ');

  describe('the list', () => {
    it('shows a supervisor every case with its status, priority, category, channel, officer, times; overdue marked', async () => {
      const mine = await logLetter(ctx);
      await ctx.api('post', `/api/cases/${mine.ref}/assign`).send({ staffId: team.colleague.id });
      const other = await logLetter(ctx, { phone: PHONES.neighbour, category: 'water', priority: 'urgent' });
      // water, urgent: a result within 2 hours; three hours later it is overdue.
      ctx.clock.advance(3 * 60 * 60_000);

      const res = await supervisor.get('/console/cases');
      expect(res.status).toBe(200);
      const text = textOf(res.text);
      expect(res.text).toContain(`href="/console/cases/${mine.ref}"`);
      expect(res.text).toContain(`href="/console/cases/${other.ref}"`);
      expect(text).toContain('Roads and street lights');
      expect(text).toContain('Water and drains');
      expect(text).toContain('Chen Jie');
      expect(text).toContain('Urgent');
      expect(text).toContain('Letter');
      expect(text).toContain('1 Mar 10:00');
      // Only the urgent case is past its deadline.
      expect(text.match(/Overdue/g)).toHaveLength(1);
    });

    it('filters by status, category, priority, officer, phone and days, and says so when a filter cannot be read', async () => {
      const roads = await logLetter(ctx);
      const water = await logLetter(ctx, {
        phone: PHONES.neighbour,
        category: 'water',
        priority: 'important',
      });
      await ctx.api('post', `/api/cases/${water.ref}/assign`).send({ staffId: team.colleague.id });
      const refsOn = async (query: string) => {
        const res = await supervisor.get(`/console/cases?${query}`);
        expect(res.status).toBe(200);
        return [roads.ref, water.ref].filter((ref) => res.text.includes(`/console/cases/${ref}"`));
      };

      expect(await refsOn('status=&category=&priority=')).toEqual([roads.ref, water.ref]);
      expect(await refsOn('category=water')).toEqual([water.ref]);
      expect(await refsOn('priority=important')).toEqual([water.ref]);
      expect(await refsOn(`assignee=${team.primary.id}`)).toEqual([roads.ref]);
      expect(await refsOn(`phone=${encodeURIComponent(PHONES.neighbour)}`)).toEqual([water.ref]);
      expect(await refsOn('status=assigned')).toEqual([roads.ref, water.ref]);
      expect(await refsOn('status=closed')).toEqual([]);
      // Days are the hotline's: the cases were opened at 10:00 on 1 March in Shanghai.
      expect(await refsOn('from=2027-03-01&to=2027-03-01')).toEqual([roads.ref, water.ref]);
      expect(await refsOn('from=2027-03-02')).toEqual([]);
      expect(await refsOn('to=2027-02-28')).toEqual([]);

      const bad = await supervisor.get('/console/cases?phone=call-me');
      expect(bad.status).toBe(400);
      expect(textOf(bad.text)).toContain('This filter cannot be read: Citizen’s phone.');
      expect(bad.text).toContain('value="call-me"');
    });

    it('pages through older cases with the filters kept', async () => {
      const refs: string[] = [];
      for (let index = 0; index < 52; index += 1) refs.push((await logLetter(ctx)).ref);
      const first = await supervisor.get('/console/cases?category=roads');
      const older = /href="\/console\/cases\?(category=roads&amp;cursor=\d+)"/.exec(first.text);
      expect(older).not.toBeNull();
      expect(first.text).toContain(`/console/cases/${refs[51]}"`);
      expect(first.text).not.toContain(`/console/cases/${refs[1]}"`);

      const second = await supervisor.get(`/console/cases?${older![1].replace(/&amp;/g, '&')}`);
      expect(second.status).toBe(200);
      expect(second.text).toContain(`/console/cases/${refs[1]}"`);
      expect(second.text).toContain(`/console/cases/${refs[0]}"`);
      expect(second.text).not.toContain(`/console/cases/${refs[51]}"`);
      expect(second.text).not.toContain('Older cases');
      expect(second.text).toContain('href="/console/cases?category=roads"');
    });

    it('shows a duty officer only their own cases, whatever officer the address asks for', async () => {
      const theirs = await logLetter(ctx);
      const colleagues = await logLetter(ctx, { phone: PHONES.neighbour });
      await ctx.api('post', `/api/cases/${colleagues.ref}/assign`).send({ staffId: team.colleague.id });
      const primary = await signInAs(team.primary.id);

      const res = await primary.get(`/console/cases?assignee=${team.colleague.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`/console/cases/${theirs.ref}"`);
      expect(res.text).not.toContain(`/console/cases/${colleagues.ref}"`);
      expect(res.text).not.toContain('id="filter-assignee"');
    });
  });

  describe('one case', () => {
    it('shows the facts, and the trail as sentences with who, when and through what', async () => {
      const { ref } = await logLetter(ctx, { place: 'Dali Road' });
      ctx.clock.advance(60_000);
      await ctx.api('post', `/api/cases/${ref}/notes`).send({ text: 'Called the lighting depot' });
      await ctx.flushOutbox();

      const res = await supervisor.get(`/console/cases/${ref}`);
      expect(res.status).toBe(200);
      const text = textOf(res.text);
      expect(text).toContain(`Case ${ref}`);
      expect(text).toContain('A letter about the broken street light on Renmin Road');
      expect(text).toContain('Dali Road');
      expect(text).toContain(PHONES.citizen);
      expect(text).toContain('Wang Fang');
      // roads, normal: acknowledge within 4 h, a result within 120 h.
      expect(text).toContain('Acknowledge by 1 Mar 14:00');
      expect(text).toContain('Result due 6 Mar 10:00');
      expect(text).toContain('Case opened: Letter, Roads and street lights, Normal');
      expect(text).toContain('Assigned to Wang Fang, the primary on duty');
      expect(text).toContain('1 Mar 10:01 · Administrator · through the API');
      expect(text).toContain('Note: Called the lighting depot');
      // The messages the case caused: the citizen's receipt and the officer's alert.
      expect(text).toContain(`To ${PHONES.citizen}`);
      expect(text).toContain(`To ${PHONES.primary}`);
      expect(text).toContain('Handed to Twilio');
    });

    it('gives a duty officer the 404 page for another officer’s case, and for a reference that cannot exist', async () => {
      const { ref } = await logLetter(ctx);
      const colleague = await signInAs(team.colleague.id);

      for (const path of [
        `/console/cases/${ref}`,
        '/console/cases/1234',
        `/console/cases/${ref}/recording`,
      ]) {
        const res = await colleague.get(path);
        expect(res.status).toBe(404);
        expect(res.type).toBe('text/html');
        expect(res.text).toContain('There is no such page, or it is not yours to see.');
        expect(res.text).not.toContain('Renmin Road');
      }
      // Posting to it is refused the same way, and changes nothing.
      expect((await colleague.post(`/console/cases/${ref}/acknowledge`)).status).toBe(404);
      expect((await apiCase(ref)).status).toBe('assigned');
      expect((await (await signInAs(team.primary.id)).get(`/console/cases/${ref}`)).status).toBe(200);
    });

    it('offers only the actions the status and role allow', async () => {
      const { ref } = await logLetter(ctx);
      const formsOn = async (agent: ConsoleAgent) => {
        const html = (await agent.get(`/console/cases/${ref}`)).text;
        return [...html.matchAll(new RegExp(`action="/console/cases/${ref}/([a-z-]+)"`, 'g'))].map(
          (m) => m[1],
        );
      };
      const primary = await signInAs(team.primary.id);

      // A supervisor may record a group petition on any case not merged or closed (SPEC §18).
      expect(await formsOn(supervisor)).toEqual([
        'petition',
        'acknowledge',
        'result',
        'assign',
        'triage',
        'concerns',
        'notes',
        'calls',
        'callback',
        'merge',
      ]);
      expect(await formsOn(primary)).toEqual([
        'acknowledge',
        'result',
        'triage',
        'notes',
        'calls',
        'callback',
        'merge',
      ]);

      await ctx.api('patch', `/api/cases/${ref}`).send({ priority: 'important' });
      await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Repaired' });
      expect(await formsOn(supervisor)).toEqual([
        'petition',
        'sign-off',
        'triage',
        'concerns',
        'notes',
        'calls',
        'callback',
        'reopen',
        // A collective review may sign it off instead (SPEC §18).
        'review',
      ]);
      expect(await formsOn(primary)).toEqual(['triage', 'notes', 'calls', 'callback', 'reopen']);
    });
  });

  describe('the forms', () => {
    const notice = async (agent: ConsoleAgent, location: string) => {
      const page = await agent.get(location);
      return /<p class="notice notice-(done|error)"[^>]*>([^<]*)<\/p>/.exec(page.text)?.slice(1);
    };

    it('acknowledge, note, result: each answers 303 to the case page with what it did, recorded as done on the console', async () => {
      const { ref } = await logLetter(ctx);
      const primary = await signInAs(team.primary.id);

      const acknowledged = await primary.post(`/console/cases/${ref}/acknowledge`);
      expect(acknowledged.status).toBe(303);
      expect(acknowledged.headers.location).toBe(`/console/cases/${ref}?done=done.acknowledged`);
      expect(await notice(primary, acknowledged.headers.location)).toEqual(['done', 'Acknowledged.']);

      const again = await primary.post(`/console/cases/${ref}/acknowledge`);
      expect(again.headers.location).toBe(`/console/cases/${ref}?error=error.case.invalid_transition`);
      expect(await notice(primary, again.headers.location)).toEqual([
        'error',
        'The case has moved on: this cannot be done in its present state.',
      ]);

      expect((await primary.post(`/console/cases/${ref}/notes`, { text: '  ' })).headers.location).toBe(
        `/console/cases/${ref}?error=error.request.invalid`,
      );
      await primary.post(`/console/cases/${ref}/notes`, { text: 'Depot will send a crew' });
      const resolved = await primary.post(`/console/cases/${ref}/result`, { text: 'The light works again' });
      expect(resolved.headers.location).toBe(`/console/cases/${ref}?done=done.resolved`);

      const body = await apiCase(ref);
      expect(body).toMatchObject({ status: 'resolved', result: 'The light works again' });
      const types = body.events.map((event: { type: string }) => event.type);
      expect(types).toEqual(expect.arrayContaining(['acknowledged', 'note', 'resolved']));
      for (const event of body.events.filter((each: { type: string }) =>
        ['acknowledged', 'note', 'resolved'].includes(each.type),
      )) {
        expect(event.actor).toMatchObject({ channel: 'web', staff: { id: team.primary.id } });
      }
      await ctx.flushOutbox();
      expect(
        fake.messages.some(
          (message) => message.to === PHONES.citizen && message.body.includes('The light works again'),
        ),
      ).toBe(true);
      const page = textOf((await primary.get(`/console/cases/${ref}`)).text);
      expect(page).toContain('Wang Fang · on the web');
      expect(page).toContain('Result recorded: The light works again');
    });

    it('a supervisor assigns, triages (raising to urgent alerts at once), merges and reopens', async () => {
      const { ref } = await logLetter(ctx);
      const other = await logLetter(ctx, { phone: PHONES.neighbour });

      expect(
        (await supervisor.post(`/console/cases/${ref}/assign`, { staffId: String(team.colleague.id) }))
          .headers.location,
      ).toBe(`/console/cases/${ref}?done=done.assigned`);
      expect((await apiCase(ref)).assignee).toEqual({ id: team.colleague.id, name: 'Chen Jie' });

      const triaged = await supervisor.post(`/console/cases/${ref}/triage`, {
        category: 'sanitation',
        priority: 'urgent',
        place: 'Xiangshan Road',
      });
      expect(triaged.headers.location).toBe(`/console/cases/${ref}?done=done.triaged`);
      expect(await apiCase(ref)).toMatchObject({
        category: 'sanitation',
        priority: 'urgent',
        place: 'Xiangshan Road',
        placeId: 'xiangshan-road',
      });
      await ctx.flushOutbox();
      expect(fake.messages.filter((message) => message.to === PHONES.supervisor)).toEqual([
        expect.objectContaining({ body: expect.stringContaining(ref) }),
      ]);
      const html = (await supervisor.get(`/console/cases/${ref}`)).text;
      // The place field suggests the gazetteer's names, so what staff pick counts in the hotspots.
      expect(html).toContain('list="triage-places"');
      expect(html).toContain('<option value="Minzhu Road"></option>');
      const page = textOf(html);
      expect(page).toContain(
        'Triaged: category Roads and street lights → Sanitation; priority Normal → Urgent; place none → Xiangshan Road',
      );
      expect(page).toContain('Urgent: the supervisor on duty was told');

      expect(
        (await supervisor.post(`/console/cases/${ref}/triage`, { category: 'potholes', place: '' })).headers
          .location,
      ).toBe(`/console/cases/${ref}?error=error.case.unknown_category`);

      expect(
        (await supervisor.post(`/console/cases/${other.ref}/merge`, { into: '99999999' })).headers.location,
      ).toBe(`/console/cases/${other.ref}?error=error.case.merge_target_unknown`);
      expect(
        (await supervisor.post(`/console/cases/${other.ref}/merge`, { into: ref })).headers.location,
      ).toBe(`/console/cases/${other.ref}?done=done.merged`);
      const merged = textOf((await supervisor.get(`/console/cases/${other.ref}`)).text);
      expect(merged).toContain(`Merged into case ${ref}`);
      expect((await supervisor.get(`/console/cases/${ref}`)).text).toContain(
        `href="/console/cases/${other.ref}"`,
      );

      await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Swept' });
      expect(
        (await supervisor.post(`/console/cases/${ref}/reopen`, { reason: 'Rubbish is back' })).headers
          .location,
      ).toBe(`/console/cases/${ref}?done=done.reopened`);
      expect(await apiCase(ref)).toMatchObject({ status: 'reopened' });
    });

    it('sign-off is a supervisor’s: a duty officer gets the 403 page; the supervisor’s closes a satisfied case', async () => {
      const { ref } = await logLetter(ctx);
      await ctx.api('patch', `/api/cases/${ref}`).send({ priority: 'important' });
      await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Repaired' });
      await ctx.sms(PHONES.citizen, '1');
      expect((await apiCase(ref)).status).toBe('resolved');

      const primary = await signInAs(team.primary.id);
      const refused = await primary.post(`/console/cases/${ref}/sign-off`);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Your role cannot do this.');

      const signed = await supervisor.post(`/console/cases/${ref}/sign-off`);
      expect(signed.headers.location).toBe(`/console/cases/${ref}?done=done.signedOff`);
      expect((await apiCase(ref)).status).toBe('closed');
    });

    it('a call-back is logged with its outcome; only a supervisor may close one nobody answered', async () => {
      const { ref } = await logLetter(ctx);
      const primary = await signInAs(team.primary.id);
      expect(
        (await primary.post(`/console/cases/${ref}/callback`, { outcome: 'no_answer', note: 'Rang twice' }))
          .headers.location,
      ).toBe(`/console/cases/${ref}?done=done.called`);
      expect(
        (await primary.post(`/console/cases/${ref}/callback`, { outcome: 'no_answer', close: 'yes' })).status,
      ).toBe(403);
      expect(
        (await primary.post(`/console/cases/${ref}/callback`, { outcome: 'shouted' })).headers.location,
      ).toBe(`/console/cases/${ref}?error=error.request.invalid`);
      expect(
        (
          await primary.post(`/console/cases/${ref}/callback`, {
            outcome: 'no_answer',
            satisfaction: 'satisfied',
          })
        ).headers.location,
      ).toBe(`/console/cases/${ref}?error=error.callback.satisfaction_not_expected`);
      expect(
        (await supervisor.post(`/console/cases/${ref}/callback`, { outcome: 'no_answer', close: 'yes' }))
          .headers.location,
      ).toBe(`/console/cases/${ref}?done=done.called`);
      const logged = (await apiCase(ref)).events.filter(
        (event: { type: string }) => event.type === 'callback_logged',
      );
      expect(logged.map((event: { data: { note: string } }) => event.data.note)).toEqual(['Rang twice', '']);
      expect(textOf((await primary.get(`/console/cases/${ref}`)).text)).toContain(
        'Call-back: no answer; Rang twice',
      );
    });

    it('a form without the session’s token is refused and changes nothing', async () => {
      const { ref } = await logLetter(ctx);
      const res = await supervisor.agent
        .post(`/console/cases/${ref}/acknowledge`)
        .type('form')
        .send({ _csrf: 'forged' });
      expect(res.status).toBe(403);
      expect((await apiCase(ref)).status).toBe('assigned');
    });

    it('a notice key the page does not know shows nothing', async () => {
      const { ref } = await logLetter(ctx);
      const page = await supervisor.get(`/console/cases/${ref}?done=<b>hi</b>&error=title`);
      expect(page.text).not.toContain('class="notice');
    });
  });

  describe('the recording', () => {
    it('streams a voice case’s recording through the proxy, as the API does', async () => {
      await callHotline(
        ctx,
        PHONES.citizen,
        {
          actions: [
            { press: '9' },
            { press: '1' },
            { press: '1' },
            { silence: true },
            { record: { seconds: 12 } },
          ],
        },
        { fake },
      );
      const { ref } = (await ctx.api('get', '/api/cases')).body.items[0];

      const audio = await supervisor.get(`/console/cases/${ref}/recording`).buffer(true);
      expect(audio.status).toBe(200);
      expect(audio.type).toBe('audio/mpeg');
      expect(audio.headers['cache-control']).toBe('private, no-store');
      expect(fake.recordingFetches).toHaveLength(1);
      const page = await supervisor.get(`/console/cases/${ref}`);
      expect(page.text).toContain(`src="/console/cases/${ref}/recording"`);
      expect(textOf(page.text)).toContain('12 seconds');
    });

    it('a case without a recording has no player, and its recording address is the 404 page', async () => {
      const { ref } = await logLetter(ctx);
      expect((await supervisor.get(`/console/cases/${ref}`)).text).not.toContain('<audio');
      const res = await supervisor.get(`/console/cases/${ref}/recording`);
      expect(res.status).toBe(404);
      expect(res.type).toBe('text/html');
    });
  });

  it('the admin token’s session works the pages too', async () => {
    const admin = await signInWithTokenOverHttp(ctx, ADMIN_TOKEN);
    const { ref } = await logLetter(ctx);
    expect((await admin.get(`/console/cases/${ref}`)).status).toBe(200);
    expect((await admin.post(`/console/cases/${ref}/notes`, { text: 'From the admin' })).status).toBe(303);
    expect(textOf((await admin.get(`/console/cases/${ref}`)).text)).toContain('Administrator · on the web');
  });
});
