import request from 'supertest';
import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, PHONES } from '../helpers/seed';

// The hotline used for real, with unique markers in every text a person could type, then every
// public response searched for anything that could identify a citizen, a case or an officer.

const CITIZENS = ['+8613711110001', '+8613711110002', '+8613711110003', '+8613711110004'];

describe('/public shows no personal data', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let fake: FakeTwilio;
  let team: DutyTeam;

  beforeEach(() => {
    ({ ctx, fake, team } = hotline);
  });

  async function seedIdentifiableData() {
    const marked = await addStaff(ctx, {
      name: 'Officer Qzmarkname',
      phone: '+8613800000099',
      role: 'staff',
      language: 'en',
    });
    // Three texts naming Dali Road, so the place (and its category) make rows of their own.
    for (const [index, phone] of CITIZENS.slice(0, 3).entries()) {
      await ctx.sms(phone, `大理路垃圾桶满了 QZSMS${index} my name is Zhang Qzcitizen`);
    }
    // A message left on a call nobody answered: a case with a recording.
    await callHotline(
      ctx,
      CITIZENS[3],
      {
        actions: [{ press: '0' }, { record: { seconds: 12 } }],
        dial: { [PHONES.primary]: 'no-answer', [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'busy' },
      },
      { fake },
    );
    // Four letters about noise with a hand-typed place (one later given a gazetteer place), one resolved.
    const refs: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const created = await ctx.api('post', '/api/cases').send({
        phone: `+86137222200${index}0`,
        description: `Karaoke every night QZLETTER${index}, call me at 13733334444`,
        category: 'noise',
        channel: 'letter',
        place: `No. 5 Qzplace Lane, Mr Li's door`,
      });
      expect(created.status).toBe(201);
      refs.push(created.body.ref);
    }
    await ctx.api('post', `/api/cases/${refs[0]}/assign`).send({ staffId: marked.id });
    const result = await ctx.api('post', `/api/cases/${refs[0]}/result`).send({
      text: 'Spoke to the owner QZRESULT; Officer Qzmarkname will check again',
    });
    expect(result.status).toBe(200);
    const triaged = await ctx.api('patch', `/api/cases/${refs[3]}`).send({ placeId: 'minzhu-road' });
    expect(triaged.status).toBe(200);
    ctx.clock.advance(60_000);
    await ctx.flushOutbox();
  }

  /** Everything the store holds that points at a person or a case, read back from the store. */
  async function identifyingStrings(): Promise<string[]> {
    const { db } = ctx.container;
    const cases = await db
      .selectFrom('cases')
      .select(['ref', 'phone', 'description', 'place', 'result', 'recording_sid', 'call_sid'])
      .execute();
    const staff = await db.selectFrom('staff').select(['name', 'phone']).execute();
    const calls = await db.selectFrom('calls').select(['call_sid', 'from_phone']).execute();
    const recordings = await db.selectFrom('recordings').select(['recording_sid', 'url']).execute();
    const texts = await db
      .selectFrom('inbound_messages')
      .select(['body', 'from_phone', 'message_sid'])
      .execute();
    const phones = [...cases.map((row) => row.phone), ...staff.map((row) => row.phone)].filter(
      (phone): phone is string => phone !== null,
    );
    const values = [
      ...cases.flatMap((row) => [
        row.ref,
        row.description,
        row.place,
        row.result,
        row.recording_sid,
        row.call_sid,
      ]),
      ...staff.map((row) => row.name),
      ...calls.flatMap((row) => [row.call_sid, row.from_phone]),
      ...recordings.flatMap((row) => [row.recording_sid, row.url]),
      ...texts.flatMap((row) => [row.body, row.from_phone, row.message_sid]),
      ...phones,
      // The same numbers as a person writes them: without the country code.
      ...phones.map((phone) => phone.replace(/^\+86/, '')),
      // Words inside the texts, in case a part of one were shown.
      'Qzmarkname',
      'Qzcitizen',
      'Qzplace',
      'QZSMS',
      'QZLETTER',
      'QZRESULT',
      '13733334444',
      'Mr Li',
    ];
    // A place named from the gazetteer is public by design (its name is on the page); a typed one is not.
    const gazetteerNames = new Set(ctx.container.places.list.flatMap((place) => Object.values(place.name)));
    return [
      ...new Set(
        values.filter(
          (value): value is string =>
            typeof value === 'string' && value.length > 0 && !gazetteerNames.has(value),
        ),
      ),
    ];
  }

  it('neither the page, in either language and any month, nor the JSON contains a phone, name, text, reference or recording', async () => {
    await seedIdentifiableData();
    const forbidden = await identifyingStrings();
    // The seed did reach the store: the search below is over real data.
    expect(forbidden).toEqual(expect.arrayContaining(['Officer Qzmarkname', team.primary.name, CITIZENS[3]]));
    const stored = await ctx.container.db.selectFrom('recordings').select('recording_sid').execute();
    expect(stored).toHaveLength(1);

    const json = await request(ctx.app).get('/public/figures.json');
    expect(json.status).toBe(200);
    const responses = [json.text];
    for (const month of json.body.months.map((each: { month: string }) => each.month)) {
      for (const lang of ['en', 'zh-CN']) {
        const page = await request(ctx.app).get('/public').query({ lang, month });
        expect(page.status).toBe(200);
        responses.push(page.text);
      }
    }
    for (const text of responses) {
      const found = forbidden.filter((value) => text.includes(value));
      expect(found).toEqual([]);
    }

    // March so far: 3 texts, the message, 3 letters (the call may add a call-back case).
    const march = json.body.months.at(-1);
    expect(march.total.volume).toBeGreaterThanOrEqual(7);
    expect(march.byPlace.map((row: { id: string }) => row.id)).toContain('dali-road');
    expect(march.byCategory.map((row: { id: string }) => row.id)).toContain('noise');
    // Only the gazetteer's names stand for places: the typed one is nowhere.
    const marchPage = responses.at(-1)!;
    expect(marchPage).toContain('大理路');
  });
});
