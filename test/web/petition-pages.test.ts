import request from 'supertest';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// The petition section of a case page, its form, the petitions list and the duty-gap page's
// petitions table, over HTTP as a browser would drive them.

const PHONES_OF_GROUP = [PHONES.citizen, PHONES.neighbour, '+8613911112222', '+8613911113333'];
const WINDOW = { from: '2027-03-01T00:00', to: '2027-03-02T00:00' };

/**
 * A signed-in console session. The test app's public URL is https, so its cookies say Secure and are
 * carried by hand rather than by a cookie jar that would keep them from plain http.
 */
interface ConsoleAgent {
  get(path: string): request.Test;
  /** A form post with the session's token; repeated fields as a browser sends them. */
  post(path: string, fields: [string, string][]): request.Test;
}

const cookieOf = (res: request.Response, name: string) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`));
const hiddenToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

async function signIn(ctx: TestContext, token: string): Promise<ConsoleAgent> {
  const login = await request(ctx.app).get('/console/login?lang=en');
  const res = await request(ctx.app)
    .post('/console/login/token')
    .set('Cookie', cookieOf(login, 'dutyline_login_csrf') ?? '')
    .type('form')
    .send({ _csrf: hiddenToken(login.text), token, language: 'en' });
  expect(res.status).toBe(303);
  const session = cookieOf(res, 'dutyline_session') ?? '';
  const page = await request(ctx.app).get('/console/my').set('Cookie', session);
  const csrf = hiddenToken(page.text) ?? '';
  return {
    get: (path) => request(ctx.app).get(path).set('Cookie', session),
    post: (path, fields) =>
      request(ctx.app)
        .post(path)
        .set('Cookie', session)
        .type('form')
        .send(new URLSearchParams([['_csrf', csrf], ...fields]).toString()),
  };
}

/** The page's text without tags, spaces collapsed, as a person reads it. */
const textOf = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/ ,/g, ',');

/** The rows of the table under a heading, each as its cells' text. */
function tableAfter(html: string, heading: string): string[][] {
  const start = html.indexOf(`>${heading}</h`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]).trim()),
  );
}

describe('the petition pages', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let fake: FakeTwilio;
  let team: DutyTeam;
  let supervisor: ConsoleAgent;
  let refs: string[];

  const refOf = async (phone: string) =>
    (
      await ctx.container.db
        .selectFrom('cases')
        .select('ref')
        .where('phone', '=', phone)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).ref;

  /** The petition form as a browser posts it: representative rows repeat their field names. */
  const postPetition = (agent: ConsoleAgent, ref: string, fields: [string, string][]) =>
    agent.post(`/console/cases/${ref}/petition`, fields);

  const fiveRows: [string, string][] = [
    ['Liu Yang', '+86 139 1111 0001'],
    ['Sun Li', '+8613911110002'],
    ['Zhou Jun', '+8613911110003'],
    ['Wu Hua', '+8613911110004'],
    ['Zheng Wei', '+8613911110005'],
    ['', ''],
  ].flatMap(([name, phone]) => [
    ['repName', name],
    ['repPhone', phone],
  ]) as [string, string][];

  beforeEach(async () => {
    ({ ctx, fake, team } = hotline);
    supervisor = await signIn(ctx, await issueToken(ctx, team.supervisor.id));
    for (const phone of PHONES_OF_GROUP) await ctx.sms(phone, 'The market stalls were torn down');
    refs = await Promise.all(PHONES_OF_GROUP.map(refOf));
    for (const ref of refs.slice(0, 3))
      expect((await ctx.api('post', `/api/cases/${ref}/merge`).send({ into: refs[3] })).status).toBe(200);
  });

  it('a supervisor records a petition with five representatives on the case page; the duty-gap page lists it until its result reached the citizen', async () => {
    const survivor = refs[3];
    const blank = await supervisor.get(`/console/cases/${survivor}`);
    expect(blank.text).toContain('Record a group petition');

    const posted = await postPetition(supervisor, survivor, [
      ['headcount', '40'],
      ...fiveRows,
      ['visitDate', '2027-03-01'],
      ['demands', 'A place to trade until the market reopens'],
      ['priority', ''],
    ]);
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/console/cases/${survivor}?done=done.petitionRecorded`);

    const page = await supervisor.get(posted.headers.location);
    const text = textOf(page.text);
    expect(text).toContain('Petition recorded.');
    expect(text).toContain('Group petition People 40');
    expect(text).toContain('Zheng Wei · +8613911110005');
    expect(text).toContain(`Merged cases ${refs.slice(0, 3).join(' ')}`);
    expect(text).toContain('Priority Important');
    expect(text).toContain('Correct the petition');

    const gapRow = async () =>
      tableAfter(
        (await supervisor.get('/console/duty-gaps').query(WINDOW)).text,
        'Group petitions missing a &quot;have&quot;',
      );
    expect(await gapRow()).toEqual([
      [
        survivor,
        'a result, feedback to the citizen',
        '40',
        '5',
        '2027-03-01',
        refs.slice(0, 3).join(', '),
        'Wang Fang',
      ],
    ]);

    const list = await supervisor.get('/console/petitions');
    expect(list.status).toBe(200);
    expect(tableAfter(list.text, 'Group petitions')[0]).toEqual([
      `${survivor} Important`,
      'Assigned',
      '40',
      'Liu Yang, Sun Li, Zhou Jun, Wu Hua, Zheng Wei',
      '2027-03-01',
      refs.slice(0, 3).join(' '),
      'Wang Fang',
      expect.stringMatching(/^1 Mar /),
    ]);
    expect(list.text).toContain('href="/console/petitions" aria-current="page"');

    await ctx.api('post', `/api/cases/${survivor}/result`).send({ text: 'A temporary market opens Monday' });
    expect((await gapRow())[0][1]).toBe('feedback to the citizen');
    await ctx.flushOutbox();
    const result = fake.messages.find((message) => message.body.includes('temporary market'))!;
    await ctx.signedPost('/twilio/sms/status', {
      MessageSid: result.sid,
      MessageStatus: 'delivered',
      AccountSid: fake.accountSid,
    });
    expect(await gapRow()).toEqual([
      ['Every group petition recorded by the end of this window has all four haves.'],
    ]);
  });

  it('a correction keeps the form’s rows; a bad phone comes back as the page’s error; the officer sees the petition but no form', async () => {
    const survivor = refs[3];
    await postPetition(supervisor, survivor, [['headcount', '40'], ...fiveRows, ['demands', 'Reopen']]);
    const bad = await postPetition(supervisor, survivor, [
      ['headcount', '41'],
      ['repName', 'Liu Yang'],
      ['repPhone', '12345'],
      ['demands', 'Reopen'],
    ]);
    expect([bad.status, bad.headers.location]).toEqual([
      303,
      `/console/cases/${survivor}?error=error.petition.invalid_phone`,
    ]);
    expect(textOf((await supervisor.get(bad.headers.location)).text)).toContain(
      'A representative’s phone is not a number in international form',
    );
    const corrected = await postPetition(supervisor, survivor, [
      ['headcount', '41'],
      ...fiveRows.slice(0, 4),
      ['visitDate', ''],
      ['demands', 'Reopen'],
    ]);
    expect(corrected.headers.location).toBe(`/console/cases/${survivor}?done=done.petitionUpdated`);
    const history = textOf((await supervisor.get(`/console/cases/${survivor}`)).text);
    expect(history).toContain(
      'Petition corrected: people 40 → 41; representatives Liu Yang, Sun Li, Zhou Jun, Wu Hua, Zheng Wei → Liu Yang, Sun Li',
    );

    // Merging the petition's case away would lose the petition: the page says what to do instead.
    await ctx.sms('+8613911114444', 'The market stalls were torn down');
    const late = await refOf('+8613911114444');
    const refused = await supervisor.post(`/console/cases/${survivor}/merge`, [['into', late]]);
    expect(refused.headers.location).toBe(`/console/cases/${survivor}?error=error.case.carries_petition`);
    expect(textOf((await supervisor.get(refused.headers.location)).text)).toContain(
      'This case carries a group petition: merge the other case into it instead.',
    );

    const officer = await signIn(ctx, await issueToken(ctx, team.primary.id));
    const officerPage = textOf((await officer.get(`/console/cases/${survivor}`)).text);
    expect(officerPage).toContain('Group petition People 41');
    expect(officerPage).not.toContain('Correct the petition');
    expect((await postPetition(officer, survivor, [['headcount', '1']])).status).toBe(403);
  });
});
