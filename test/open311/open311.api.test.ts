import { countRows } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';
import { issueOpen311Key, open311Get, open311Post, parseXml } from './open311.helpers';

// The shipped flows: categories noise, sanitation, roads, water, other (and the internal callback);
// the gazetteer holds 大理路 Dali Road (dali-road) and 东关街 (dongguan-street).

describe('Open311 GeoReport v2: services and discovery', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ({ ctx } = hotline);
  });

  it("a partner's app lists the hotline's categories as services, in JSON and in XML", async () => {
    const json = await open311Get(ctx, 'services.json');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.body.map((service: { service_code: string }) => service.service_code)).toEqual([
      'noise',
      'sanitation',
      'roads',
      'water',
      'other',
    ]);
    expect(json.body[1]).toEqual({
      service_code: 'sanitation',
      service_name: 'Sanitation',
      description: 'We answer within 72h',
      metadata: false,
      type: 'realtime',
      keywords: '环境卫生, Sanitation',
      group: 'Sanitation',
    });

    const xml = await open311Get(ctx, 'services.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const parsed = parseXml(xml.text) as { services: { service: Record<string, string>[] } };
    expect(parsed.services.service.map((service) => service.service_code)).toEqual([
      'noise',
      'sanitation',
      'roads',
      'water',
      'other',
    ]);
    expect(parsed.services.service[1]).toMatchObject({
      service_name: 'Sanitation',
      metadata: 'false',
      type: 'realtime',
    });
  });

  it('a client asking in Chinese gets the service names in Chinese', async () => {
    const res = await open311Get(ctx, 'services.json', 'zh-CN,zh;q=0.9,en;q=0.5');
    expect(res.body[1]).toMatchObject({ service_name: '环境卫生', description: '72小时内答复' });
  });

  it('discovery names this endpoint as GeoReport v2 with both formats, in JSON and in XML', async () => {
    const json = await open311Get(ctx, 'discovery.json');
    expect(json.status).toBe(200);
    expect(json.body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'https://hotline.example.org/open311/v2',
        changeset: json.body.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    expect(json.body).toHaveProperty('contact');
    expect(json.body).toHaveProperty('key_service');

    const xml = parseXml((await open311Get(ctx, 'discovery.xml')).text) as {
      discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } };
    };
    expect(xml.discovery.endpoints.endpoint[0].url).toBe('https://hotline.example.org/open311/v2');
    expect(xml.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('a service definition has no attributes (metadata=false); an unknown service is 404 in the standard body', async () => {
    const known = await open311Get(ctx, 'services/noise.json');
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ service_code: 'noise', attributes: [] });
    expect(parseXml((await open311Get(ctx, 'services/noise.xml')).text)).toMatchObject({
      service_definition: { service_code: 'noise' },
    });

    const unknown = await open311Get(ctx, 'services/callback.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: 'service_code callback was not found' }]);
    const unknownXml = await open311Get(ctx, 'services/potholes.xml');
    expect(unknownXml.status).toBe(404);
    expect(parseXml(unknownXml.text)).toEqual({
      '?xml': '',
      errors: { error: [{ code: '404', description: 'service_code potholes was not found' }] },
    });
  });

  it('an unknown path or format under /open311/v2 is a 404 in the standard body', async () => {
    const path = await open311Get(ctx, 'tokens/1.json');
    expect(path.status).toBe(404);
    expect(path.body).toEqual([{ code: 404, description: expect.any(String) }]);
    const format = await open311Get(ctx, 'services.csv');
    expect(format.status).toBe(404);
    expect(parseXml(format.text)).toMatchObject({ errors: { error: [{ code: '404' }] } });
  });
});

describe('Open311 GeoReport v2: a partner files a request', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let fake: FakeTwilio;
  let team: DutyTeam;
  let apiKey: string;

  beforeEach(async () => {
    ({ ctx, fake, team } = hotline);
    apiKey = await issueOpen311Key(ctx);
  });

  const complaint = (fields: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'sanitation',
    address_string: 'No. 12, Dali Rd, Gucheng District',
    description: 'The bins are overflowing',
    phone: '139 1234 5678',
    ...fields,
  });

  it('a POST without an api_key, or with an unknown one, is refused 403 with the standard error body', async () => {
    const { api_key: _none, ...withoutKey } = complaint();
    const missing = await open311Post(ctx, withoutKey);
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual([
      { code: 403, description: 'Missing or invalid api_key; ask the hotline for a key' },
    ]);

    const wrongXml = await open311Post(ctx, complaint({ api_key: 'dl_not-a-key' }), 'xml');
    expect(wrongXml.status).toBe(403);
    expect(wrongXml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml(wrongXml.text)).toMatchObject({
      errors: {
        error: [{ code: '403', description: 'Missing or invalid api_key; ask the hotline for a key' }],
      },
    });
    expect(await countRows(ctx, 'cases')).toBe(0);
  });

  it('a revoked key is refused 403', async () => {
    const [issued] = await ctx.container.open311.listKeys();
    await ctx.container.open311.revokeKey(issued.id);

    const res = await open311Post(ctx, complaint());

    expect(res.status).toBe(403);
    expect(res.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect(await countRows(ctx, 'cases')).toBe(0);
  });

  it('with a key: a case with channel=open311 at the place named, on duty, and the citizen gets the SMS receipt', async () => {
    const res = await open311Post(ctx, complaint());

    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^\d{8}$/),
        service_notice: 'We answer within 72h',
        account_id: null,
      },
    ]);
    const ref = res.body[0].service_request_id as string;
    const found = await ctx.api('get', `/api/cases/${ref}`);
    expect(found.body).toMatchObject({
      channel: 'open311',
      phone: PHONES.citizen,
      category: 'sanitation',
      priority: 'normal',
      description: 'The bins are overflowing',
      place: 'Dali Road',
      placeId: 'dali-road',
      status: 'assigned',
      assignee: { id: team.primary.id, name: 'Wang Fang' },
    });
    expect(found.body.events.map((event: { type: string }) => event.type)).toEqual([
      'created',
      'assigned',
      'open311_received',
    ]);
    expect(found.body.events[2]).toMatchObject({
      actor: { type: 'citizen', channel: 'api' },
      data: { partner: 'City app', addressString: 'No. 12, Dali Rd, Gucheng District' },
    });

    await ctx.flushOutbox();
    const receipt = fake.messages.find((message) => message.to === PHONES.citizen);
    expect(receipt?.body).toBe(
      `Hotline: complaint received, ref ${ref}, place: Dali Road. We answer within 72h. Text STATUS ${ref} to check; reply within 30 min to add details.`,
    );
    expect(fake.messages.map((message) => message.to)).toContain(PHONES.primary);
  });

  it('the XML answer to a POST parses, and a Chinese request names its place in Chinese', async () => {
    const res = await open311Post(
      ctx,
      complaint({ description: '东关街垃圾桶满了', address_string: '东关街', phone: '+8613912345678' }),
      'xml',
    );

    expect(res.status).toBe(201);
    const parsed = parseXml(res.text) as {
      service_requests: {
        request: { service_request_id: string; service_notice: string; account_id: string }[];
      };
    };
    const [created] = parsed.service_requests.request;
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^\d{8}$/),
      service_notice: 'We answer within 72h',
      account_id: '',
    });
    const found = await ctx.api('get', `/api/cases/${created.service_request_id}`);
    expect(found.body).toMatchObject({ language: 'zh-CN', place: '东关街', placeId: 'dongguan-street' });
  });

  it('an address_id is a gazetteer place; coordinates alone leave the place to triage; no phone, no receipt', async () => {
    const byId = await open311Post(
      ctx,
      complaint({ address_string: '', address_id: 'dali-road', phone: '' }),
    );
    expect(byId.status).toBe(201);
    expect((await ctx.api('get', `/api/cases/${byId.body[0].service_request_id}`)).body).toMatchObject({
      placeId: 'dali-road',
      phone: null,
    });

    const byPoint = await open311Post(
      ctx,
      complaint({ address_string: '', lat: '25.6', long: '100.27', phone: '' }),
    );
    expect(byPoint.status).toBe(201);
    expect((await ctx.api('get', `/api/cases/${byPoint.body[0].service_request_id}`)).body).toMatchObject({
      place: null,
      placeId: null,
    });

    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => message.to === PHONES.citizen)).toEqual([]);
  });

  it('an opted-out number gets no receipt, as for every text', async () => {
    expect((await ctx.sms(PHONES.citizen, 'STOP')).status).toBe(200);

    const res = await open311Post(ctx, complaint());

    expect(res.status).toBe(201);
    await ctx.flushOutbox();
    expect(fake.messages.filter((message) => message.to === PHONES.citizen)).toEqual([]);
  });

  it.each([
    ['no service_code', { service_code: '' }, 'service_code: is required'],
    [
      'no location',
      { address_string: '' },
      'a location is required: lat and long, address_string or address_id',
    ],
    ['lat without long', { address_string: '', lat: '25.6' }, 'lat and long must be sent together'],
    ['a latitude out of range', { lat: '91', long: '100' }, 'lat: must be within ±90'],
    [
      'an unknown address_id',
      { address_id: 'nowhere' },
      'address_id: nowhere is not a place of this hotline',
    ],
    ['an invalid phone', { phone: '12345' }, 'phone: 12345 is not a phone number'],
    [
      'a media_url that is not http(s)',
      { media_url: 'javascript:alert(1)' },
      'media_url: must be an http(s) URL',
    ],
    [
      'a description over 4,000 characters',
      { description: 'x'.repeat(4001) },
      'description: must be at most 4000 characters',
    ],
  ])('%s is a 400 with the standard error body, and no case', async (_name, fields, description) => {
    const res = await open311Post(ctx, complaint(fields));

    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description }]);
    expect(await countRows(ctx, 'cases')).toBe(0);
  });

  it('a service_code that is not a service is 404, as the standard answers a POST for one not found', async () => {
    for (const code of ['potholes', 'callback']) {
      const res = await open311Post(ctx, complaint({ service_code: code }));
      expect(res.status).toBe(404);
      expect(res.body).toEqual([{ code: 404, description: `service_code ${code} was not found` }]);
    }
    expect(await countRows(ctx, 'cases')).toBe(0);
  });
});

describe('Open311 GeoReport v2: the public status of requests', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let apiKey: string;

  beforeEach(async () => {
    ({ ctx } = hotline);
    apiKey = await issueOpen311Key(ctx);
  });

  async function file(serviceCode: string, address = 'Dali Road'): Promise<string> {
    const res = await open311Post(ctx, {
      api_key: apiKey,
      service_code: serviceCode,
      address_string: address,
      description: 'Please look at this',
    });
    if (res.status !== 201) throw new Error(`could not file: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body[0].service_request_id;
  }

  it('GET by id shows an open request with its expected time, then closed with the result once resolved', async () => {
    const ref = await file('sanitation');

    const open = await open311Get(ctx, `requests/${ref}.json`);
    expect(open.status).toBe(200);
    expect(open.body).toEqual([
      {
        service_request_id: ref,
        status: 'open',
        service_name: 'Sanitation',
        service_code: 'sanitation',
        requested_datetime: '2027-03-01T10:00:00+08:00',
        updated_datetime: '2027-03-01T10:00:00+08:00',
        expected_datetime: '2027-03-04T10:00:00+08:00',
        address: 'Dali Road',
        address_id: 'dali-road',
      },
    ]);

    ctx.clock.advance(2 * 3_600_000);
    const resolved = await ctx
      .api('post', `/api/cases/${ref}/result`)
      .send({ text: 'The bins were emptied' });
    expect(resolved.status).toBe(200);

    const closed = await open311Get(ctx, `requests/${ref}.json`);
    expect(closed.body[0]).toMatchObject({
      status: 'closed',
      status_notes: 'The bins were emptied',
      updated_datetime: '2027-03-01T12:00:00+08:00',
    });
    expect(closed.body[0]).not.toHaveProperty('expected_datetime');
    const xml = parseXml((await open311Get(ctx, `requests/${ref}.xml`)).text) as {
      service_requests: { request: Record<string, string>[] };
    };
    expect(xml.service_requests.request[0]).toMatchObject({
      service_request_id: ref,
      status: 'closed',
      status_notes: 'The bins were emptied',
    });
  });

  it('without OPEN311_AGENCY a request names no agency_responsible (the standard allows leaving it out)', async () => {
    const res = await open311Get(ctx, `requests/${await file('roads')}.json`);
    expect(res.body[0]).not.toHaveProperty('agency_responsible');
  });

  it('an unknown service_request_id is 404 in the standard body', async () => {
    const res = await open311Get(ctx, 'requests/12345678.xml');
    expect(res.status).toBe(404);
    expect(parseXml(res.text)).toMatchObject({
      errors: { error: [{ code: '404', description: 'service_request_id 12345678 was not found' }] },
    });
  });

  it('GET requests filters by service_request_id, service_code, status and dates, newest first', async () => {
    const noise = await file('noise');
    ctx.clock.advance(60_000);
    const roads = await file('roads');
    ctx.clock.advance(60_000);
    const water = await file('water');
    await ctx.api('post', `/api/cases/${water}/result`).send({ text: 'Fixed' });

    const ids = (res: { body: { service_request_id: string }[] }) =>
      res.body.map((item) => item.service_request_id);
    expect(ids(await open311Get(ctx, 'requests.json'))).toEqual([water, roads, noise]);
    expect(ids(await open311Get(ctx, 'requests.json?service_code=noise,roads'))).toEqual([roads, noise]);
    expect(ids(await open311Get(ctx, 'requests.json?status=closed'))).toEqual([water]);
    expect(ids(await open311Get(ctx, 'requests.json?status=open&service_code='))).toEqual([roads, noise]);
    // "This overrides all other arguments."
    expect(
      ids(await open311Get(ctx, `requests.json?service_request_id=${noise},${water}&status=open`)),
    ).toEqual([water, noise]);
    expect(
      ids(
        await open311Get(
          ctx,
          'requests.json?start_date=2027-03-01T02:00:30Z&end_date=2027-03-01T10:01:30%2B08:00',
        ),
      ),
    ).toEqual([roads]);
    expect(ids(await open311Get(ctx, 'requests.json?end_date=2027-02-28T00:00:00Z'))).toEqual([]);

    const xml = parseXml((await open311Get(ctx, 'requests.xml?status=open')).text) as {
      service_requests: { request: { service_request_id: string }[] };
    };
    expect(xml.service_requests.request.map((item) => item.service_request_id)).toEqual([roads, noise]);
    expect(parseXml((await open311Get(ctx, 'requests.xml?service_code=other')).text)).toEqual({
      '?xml': '',
      service_requests: '',
    });
  });

  it('the default window is the last 90 days; a range longer than 90 days or a bad filter is a 400', async () => {
    const old = await file('noise');
    ctx.clock.advance(91 * 86_400_000);
    const recent = await file('roads');

    const ids = (res: { body: { service_request_id: string }[] }) =>
      res.body.map((item) => item.service_request_id);
    expect(ids(await open311Get(ctx, 'requests.json'))).toEqual([recent]);
    expect(ids(await open311Get(ctx, 'requests.json?start_date=2027-03-01T00:00:00Z'))).toEqual([old]);

    const tooLong = await open311Get(
      ctx,
      'requests.json?start_date=2027-01-01T00:00:00Z&end_date=2027-04-02T00:00:00Z',
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual([
      { code: 400, description: 'end_date: the range may span at most 90 days' },
    ]);
    const badStatus = await open311Get(ctx, 'requests.json?status=pending');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body).toEqual([{ code: 400, description: 'status.0: must be open or closed' }]);
    const badDate = await open311Get(ctx, 'requests.xml?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(parseXml(badDate.text)).toMatchObject({ errors: { error: [{ code: '400' }] } });
  });
});

describe('Open311 GeoReport v2: limits', () => {
  const hotline = useHotline({
    online: false,
    env: { OPEN311_POSTS_PER_KEY_PER_MINUTE: '2', OPEN311_AGENCY: 'City Bureau' },
  });
  let ctx: TestContext;

  beforeEach(() => {
    ({ ctx } = hotline);
  });

  it('POSTs are limited per key: a third in a minute is 429 in the standard body, while another key still files', async () => {
    const busy = await issueOpen311Key(ctx, 'Busy app');
    const other = await issueOpen311Key(ctx, 'Other app');
    const fields = (apiKey: string) => ({ api_key: apiKey, service_code: 'noise', address_id: 'dali-road' });

    expect((await open311Post(ctx, fields(busy))).status).toBe(201);
    expect((await open311Post(ctx, fields(busy))).status).toBe(201);
    const third = await open311Post(ctx, fields(busy));
    expect(third.status).toBe(429);
    expect(third.body).toEqual([
      { code: 429, description: 'Too many requests with this api_key; try again in a minute' },
    ]);
    expect((await open311Post(ctx, fields(other))).status).toBe(201);
  });

  it('OPEN311_AGENCY is the agency_responsible of every request', async () => {
    const created = await open311Post(ctx, {
      api_key: await issueOpen311Key(ctx),
      service_code: 'noise',
      address_id: 'dali-road',
    });
    const res = await open311Get(ctx, `requests/${created.body[0].service_request_id}.json`);
    expect(res.body[0]).toMatchObject({ agency_responsible: 'City Bureau' });
  });
});
