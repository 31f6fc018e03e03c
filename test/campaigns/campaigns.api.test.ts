import { expectError } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken } from '../helpers/seed';
import { CAMPAIGN, type SeededCases, seedCampaignCases } from './campaign-seed';

describe('a rectification campaign over two streets', () => {
  const hotline = useHotline();
  let ctx: TestContext;
  let cases: SeededCases;
  let campaignId: number;

  beforeEach(async () => {
    ({ ctx } = hotline);
    cases = await seedCampaignCases(ctx);
    ctx.clock.set('2027-03-15T12:00:00+08:00');
    const created = await ctx
      .api('post', '/api/campaigns')
      .send({ ...CAMPAIGN, owner: hotline.team.supervisor.id });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
  });

  const show = async () => {
    const res = await ctx.api('get', `/api/campaigns/${campaignId}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const linkedRefs = async () =>
    ((await show()).cases as { ref: string }[]).map((linked) => linked.ref).sort();

  it('links the cases in its places, categories and window, and counts before, during and after by hand', async () => {
    // Triage puts the complaint that named no street on Minzhu Road: it is in scope at once.
    expect(await linkedRefs()).not.toContain(cases.unplaced);
    const triaged = await ctx.api('patch', `/api/cases/${cases.unplaced}`).send({ placeId: 'minzhu-road' });
    expect(triaged.status).toBe(200);
    // A roads complaint on Dali Road is linked by hand; a Minzhu Road one is taken out by hand.
    expect(
      (await ctx.api('post', `/api/campaigns/${campaignId}/cases`).send({ ref: cases.roadsOnDali })).status,
    ).toBe(200);
    expect((await ctx.api('delete', `/api/campaigns/${campaignId}/cases/${cases.minzhuLater}`)).status).toBe(
      200,
    );
    // One linked case is resolved: it is no longer open.
    expect(
      (await ctx.api('post', `/api/cases/${cases.minzhu}/result`).send({ text: 'Bins emptied' })).status,
    ).toBe(200);

    const body = await show();

    expect(body).toMatchObject({
      name: CAMPAIGN.name,
      status: 'open',
      places: CAMPAIGN.places,
      categories: ['sanitation'],
      from: '2027-03-01T00:00:00.000+08:00',
      to: '2027-03-11T00:00:00.000+08:00',
      owner: { id: hotline.team.supervisor.id, name: 'Zhao Min' },
    });
    expect(body.figures).toEqual({
      before: {
        from: '2027-02-19T00:00:00.000+08:00',
        to: '2027-03-01T00:00:00.000+08:00',
        countedTo: '2027-03-01T00:00:00.000+08:00',
        partial: false,
        count: 3,
      },
      during: {
        from: '2027-03-01T00:00:00.000+08:00',
        to: '2027-03-11T00:00:00.000+08:00',
        countedTo: '2027-03-11T00:00:00.000+08:00',
        partial: false,
        count: 4,
      },
      // The after window runs to 03-21; on 03-15 it is counted up to now.
      after: {
        from: '2027-03-11T00:00:00.000+08:00',
        to: '2027-03-21T00:00:00.000+08:00',
        countedTo: '2027-03-15T12:00:00.000+08:00',
        partial: true,
        count: 2,
      },
      byPlace: [
        { placeId: 'dali-road', before: 2, during: 1, after: 1, open: 2 },
        { placeId: 'minzhu-road', before: 1, during: 3, after: 1, open: 1 },
      ],
      open: 3,
      linked: 4,
      result: null,
    });
    expect(
      body.cases.map((linked: { ref: string; linkedBy: string }) => [linked.ref, linked.linkedBy]),
    ).toEqual([
      [cases.unplaced, 'scope'],
      [cases.roadsOnDali, 'hand'],
      [cases.minzhu, 'scope'],
      [cases.daliAtStart, 'scope'],
    ]);
    expect(body.events.map((event: { type: string; data: object }) => [event.type, event.data])).toEqual([
      ['created', expect.objectContaining({ name: CAMPAIGN.name, places: CAMPAIGN.places })],
      ['case_linked', { ref: cases.roadsOnDali }],
      ['case_unlinked', { ref: cases.minzhuLater }],
    ]);
    // The case's own audit trail says it joined the campaign, and who linked it.
    const linkedCase = await ctx.api('get', `/api/cases/${cases.roadsOnDali}`);
    expect(linkedCase.body.events.at(-1)).toMatchObject({
      type: 'campaign_linked',
      data: { campaignId, name: CAMPAIGN.name },
    });
  });

  it('triage moving a case out of the places takes it out of the campaign', async () => {
    expect(await linkedRefs()).toContain(cases.daliAtStart);

    await ctx.api('patch', `/api/cases/${cases.daliAtStart}`).send({ placeId: 'fuhui-road' });

    expect(await linkedRefs()).not.toContain(cases.daliAtStart);
    expect((await show()).figures.during.count).toBe(2);
  });

  it('a duplicate merged into another case counts once, and only the case it joined is linked', async () => {
    expect((await show()).figures.during.count).toBe(3);

    const merged = await ctx
      .api('post', `/api/cases/${cases.minzhuLater}/merge`)
      .send({ into: cases.minzhu });
    expect(merged.status).toBe(200);

    expect((await show()).figures.during.count).toBe(2);
    expect(await linkedRefs()).toEqual([cases.daliAtStart, cases.minzhu].sort());
    expectError(
      await ctx.api('post', `/api/campaigns/${campaignId}/cases`).send({ ref: cases.minzhuLater }),
      409,
      'campaign.case_merged',
    );
  });

  it('a campaign still running counts its window up to now, and the after window not at all', async () => {
    ctx.clock.set('2027-03-05T12:00:00+08:00');

    const { figures } = await show();

    // Dali Road at 03-01 00:00 and Minzhu Road at 03-05 10:00; not Minzhu Road at 03-07, yet to come.
    expect(figures.during).toMatchObject({
      countedTo: '2027-03-05T12:00:00.000+08:00',
      partial: true,
      count: 2,
    });
    expect(figures.after).toMatchObject({
      countedTo: '2027-03-11T00:00:00.000+08:00',
      partial: true,
      count: 0,
    });
  });

  it('once the after window has passed, it is whole', async () => {
    ctx.clock.set('2027-04-01T00:00:00+08:00');

    expect((await show()).figures.after).toMatchObject({ partial: false, count: 2 });
  });

  it('closes with a result once; a second close, or a link after closing, is a conflict', async () => {
    ctx.clock.set('2027-03-20T09:00:00+08:00');
    const closed = await ctx
      .api('patch', `/api/campaigns/${campaignId}`)
      .send({ status: 'closed', result: 'Bins every day' });

    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      result: 'Bins every day',
      closedAt: '2027-03-20T09:00:00.000+08:00',
      figures: { result: 'Bins every day' },
    });
    expect(closed.body.events.at(-1)).toMatchObject({ type: 'closed', data: { result: 'Bins every day' } });
    expectError(
      await ctx.api('patch', `/api/campaigns/${campaignId}`).send({ status: 'closed', result: 'again' }),
      409,
      'campaign.closed',
    );
    expectError(
      await ctx.api('patch', `/api/campaigns/${campaignId}`).send({ name: 'Renamed afterwards' }),
      409,
      'campaign.closed',
    );
    expectError(
      await ctx.api('post', `/api/campaigns/${campaignId}/cases`).send({ ref: cases.fuhui }),
      409,
      'campaign.closed',
    );
  });

  it('a supervisor widens an open campaign to a third street: its figures follow, and the change is on its trail', async () => {
    expect(await linkedRefs()).not.toContain(cases.fuhui);

    const widened = await ctx
      .api('patch', `/api/campaigns/${campaignId}`)
      .send({ name: 'Sanitation on three streets', places: [...CAMPAIGN.places, 'fuhui-road'] });

    expect(widened.status).toBe(200);
    expect(widened.body).toMatchObject({
      name: 'Sanitation on three streets',
      status: 'open',
      places: [...CAMPAIGN.places, 'fuhui-road'],
      figures: { during: { count: 4 } },
    });
    expect(await linkedRefs()).toContain(cases.fuhui);
    expect(widened.body.events.at(-1)).toMatchObject({
      type: 'updated',
      data: {
        name: { from: CAMPAIGN.name, to: 'Sanitation on three streets' },
        places: { from: CAMPAIGN.places, to: [...CAMPAIGN.places, 'fuhui-road'] },
      },
    });
  });

  it('a change it cannot take is a 400 with a code, and nothing changes', async () => {
    const patch = (body: object) => ctx.api('patch', `/api/campaigns/${campaignId}`).send(body);

    expectError(await patch({}), 400, 'request.invalid');
    expectError(await patch({ result: 'Done' }), 400, 'request.invalid');
    expectError(await patch({ status: 'closed' }), 400, 'request.invalid');
    expectError(await patch({ places: ['atlantis'] }), 400, 'campaign.unknown_place');
    expectError(await patch({ to: '2027-02-01T00:00:00+08:00' }), 400, 'request.invalid');
    expectError(await patch({ colour: 'red' }), 400, 'request.invalid');
    expect(await show()).toMatchObject({ name: CAMPAIGN.name, status: 'open', places: CAMPAIGN.places });
  });

  it('the hotspot report names the campaigns overlapping its window, with their complaints during them', async () => {
    const hotspots = (from: string, to: string) =>
      ctx.api('get', '/api/reports/hotspots').query({ from, to });

    const march = await hotspots('2027-03-08T00:00:00+08:00', '2027-03-15T00:00:00+08:00');

    expect(march.status).toBe(200);
    expect(march.body.campaigns).toEqual([
      {
        id: campaignId,
        name: CAMPAIGN.name,
        places: [
          { id: 'dali-road', name: { 'zh-CN': '大理路', en: 'Dali Road' } },
          { id: 'minzhu-road', name: { 'zh-CN': '民主路', en: 'Minzhu Road' } },
        ],
        categories: ['sanitation'],
        status: 'open',
        from: '2027-03-01T00:00:00.000+08:00',
        to: '2027-03-11T00:00:00.000+08:00',
        during: 3,
      },
    ]);
    // A window that ends as the campaign starts, or starts as it ends, does not overlap it.
    expect((await hotspots('2027-02-01T00:00:00+08:00', '2027-03-01T00:00:00+08:00')).body.campaigns).toEqual(
      [],
    );
    expect((await hotspots('2027-03-11T00:00:00+08:00', '2027-03-15T00:00:00+08:00')).body.campaigns).toEqual(
      [],
    );
  });

  it('lists campaigns newest first, and by status', async () => {
    const second = await ctx.api('post', '/api/campaigns').send({
      ...CAMPAIGN,
      name: 'Xiangshan Road noise',
      places: ['xiangshan-road'],
      categories: ['noise'],
      owner: hotline.team.supervisor.id,
    });
    await ctx.api('patch', `/api/campaigns/${campaignId}`).send({ status: 'closed', result: 'Done' });

    const all = await ctx.api('get', '/api/campaigns');
    const closed = await ctx.api('get', '/api/campaigns?status=closed');
    const open = await ctx.api('get', '/api/campaigns?status=open');

    expect(all.body.items.map((campaign: { id: number }) => campaign.id)).toEqual([
      second.body.id,
      campaignId,
    ]);
    expect(all.body.next).toBeNull();
    expect(closed.body.items.map((campaign: { id: number }) => campaign.id)).toEqual([campaignId]);
    expect(open.body.items.map((campaign: { name: string }) => campaign.name)).toEqual([
      'Xiangshan Road noise',
    ]);
    expectError(await ctx.api('get', '/api/campaigns?status=done'), 400, 'request.invalid');
  });

  it('refuses links that change nothing, and unknown cases and campaigns', async () => {
    const link = (ref: string) => ctx.api('post', `/api/campaigns/${campaignId}/cases`).send({ ref });

    expectError(await link(cases.daliAtStart), 409, 'campaign.case_linked');
    expectError(
      await ctx.api('delete', `/api/campaigns/${campaignId}/cases/${cases.fuhui}`),
      404,
      'campaign.case_not_linked',
    );
    expectError(await link('99999999'), 404, 'case.not_found');
    expectError(await link('abc'), 400, 'request.invalid');
    expectError(await ctx.api('get', '/api/campaigns/999'), 404, 'campaign.not_found');
    expectError(await ctx.api('get', '/api/campaigns/abc'), 404, 'campaign.not_found');
  });
});

describe('creating a campaign', () => {
  const hotline = useHotline({ online: false });

  const create = (body: Record<string, unknown>, token?: string) =>
    hotline.ctx
      .api('post', '/api/campaigns', token)
      .send({ ...CAMPAIGN, owner: hotline.team.supervisor.id, ...body });

  it.each([
    [{ places: ['dali-road', 'nowhere-street'] }, 'campaign.unknown_place'],
    [{ categories: ['graffiti'] }, 'campaign.unknown_category'],
    [{ owner: 999 }, 'campaign.unknown_owner'],
    [{ to: CAMPAIGN.from }, 'request.invalid'],
    [{ from: '2027-03-01' }, 'request.invalid'],
    [{ places: [] }, 'request.invalid'],
    [{ name: '  ' }, 'request.invalid'],
    [{ owner: 'Zhao Min' }, 'request.invalid'],
  ])('%j is refused with %s', async (body, code) => {
    expectError(await create(body), 400, code);
    expect((await hotline.ctx.api('get', '/api/campaigns')).body.items).toEqual([]);
  });

  it('an owner who left the staff is refused', async () => {
    await hotline.ctx.api('patch', `/api/staff/${hotline.team.colleague.id}`).send({ active: false });

    expectError(await create({ owner: hotline.team.colleague.id }), 400, 'campaign.unknown_owner');
  });

  it('is for supervisors: a duty officer may neither create nor read campaigns', async () => {
    const token = await issueToken(hotline.ctx, hotline.team.primary.id);

    expectError(await create({}, token), 403, 'auth.forbidden');
    expectError(await hotline.ctx.api('get', '/api/campaigns', token), 403, 'auth.forbidden');
    const supervisorToken = await issueToken(hotline.ctx, hotline.team.supervisor.id);
    expect((await create({}, supervisorToken)).status).toBe(201);
  });
});
