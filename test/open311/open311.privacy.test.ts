import { logLetter } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { issueOpen311Key, open311Get, open311Post } from './open311.helpers';

const RECORDING_SID = 'RE0123456789abcdef0123456789abcdef';

// Everything that names or reaches a person, seeded into cases through every channel that can
// carry it; none of it may appear in any public Open311 answer, in either format or language.
const IDENTIFYING = [
  PHONES.citizen,
  PHONES.citizen.slice(3),
  PHONES.neighbour,
  PHONES.neighbour.slice(3),
  PHONES.primary,
  PHONES.backup,
  PHONES.supervisor,
  'Wang Fang',
  'Li Qiang',
  'Zhao Min',
  'Chen Jie',
  'Zhang Weiming',
  'Liu Xiaohong',
  'Guo',
  'Jingjing',
  'guo.jingjing@example.com',
  'photos.example.com',
  'device-7731',
  'account-5521',
  'DESCRIPTION-MARKER',
  'NOTE-MARKER',
  RECORDING_SID,
  'Recordings',
  'recording',
];

describe('Open311 GETs never show who complained, what they said, or who works on it', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ({ ctx } = hotline);
  });

  it('a seeded month of identifiable cases leaves no phone, name, description or recording in any GET', async () => {
    // A text naming a neighbour and a street, later given a recording and a staff note.
    await ctx.sms(PHONES.citizen, 'Zhang Weiming says the bins on Dali Road smell DESCRIPTION-MARKER-1');
    const [texted] = (await ctx.api('get', '/api/cases').query({ phone: PHONES.citizen })).body.items;
    await ctx.container.db
      .updateTable('cases')
      .set({ recording_sid: RECORDING_SID, recording_duration: 42 })
      .where('ref', '=', texted.ref)
      .execute();
    await ctx
      .api('post', `/api/cases/${texted.ref}/notes`)
      .send({ text: 'Wang Fang rang Zhang Weiming NOTE-MARKER' });

    // A letter whose free-text place is a person's shop: never an address in public.
    const letter = await logLetter(ctx, {
      phone: PHONES.neighbour,
      description: 'Liu Xiaohong wrote about a broken lamp DESCRIPTION-MARKER-2',
      place: "outside Liu Xiaohong's shop",
    });
    await ctx.api('post', `/api/cases/${letter.ref}/result`).send({ text: 'The lamp was replaced' });

    // A partner's request with everything the standard lets it send about the reporter.
    const posted = await open311Post(ctx, {
      api_key: await issueOpen311Key(ctx),
      service_code: 'noise',
      address_string: 'Dali Road, the house of Guo Jingjing',
      description: 'Loud music every night DESCRIPTION-MARKER-3',
      phone: PHONES.neighbour,
      first_name: 'Guo',
      last_name: 'Jingjing',
      email: 'guo.jingjing@example.com',
      media_url: 'https://photos.example.com/guo.jpg',
      device_id: 'device-7731',
      account_id: 'account-5521',
    });
    expect(posted.status).toBe(201);
    const postedRef = posted.body[0].service_request_id as string;
    // A group complaint: the text joins the partner's request.
    expect((await ctx.api('post', `/api/cases/${texted.ref}/merge`).send({ into: postedRef })).status).toBe(
      200,
    );

    const refs = [texted.ref, letter.ref, postedRef];
    const paths = [
      'discovery.json',
      'discovery.xml',
      'services.json',
      'services.xml',
      'requests.json',
      'requests.xml',
      `requests.json?service_request_id=${refs.join(',')}`,
      'requests.xml?status=closed',
      ...refs.flatMap((ref) => [`requests/${ref}.json`, `requests/${ref}.xml`]),
    ];
    const answers: string[] = [];
    for (const path of paths) {
      for (const language of ['en', 'zh-CN']) {
        const res = await open311Get(ctx, path, language);
        expect(res.status).toBe(200);
        answers.push(res.text);
      }
    }

    const all = answers.join('\n');
    expect(IDENTIFYING.filter((identifying) => all.includes(identifying))).toEqual([]);
    // The answers do carry the cases: the search above looked at real content.
    const listed = JSON.parse(answers[paths.indexOf('requests.json') * 2]) as {
      service_request_id: string;
    }[];
    expect(listed.map((item) => item.service_request_id).sort()).toEqual([...refs].sort());
    expect(all).toContain('Dali Road');
    expect(all).toContain('The lamp was replaced');
  });
});
