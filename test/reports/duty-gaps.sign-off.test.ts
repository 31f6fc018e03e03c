import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

describe('the duty-gap report lists important cases waiting for a supervisor’s sign-off', () => {
  const hotline = useHotline({ online: false, start: '2027-03-01T02:00:00Z' });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  const report = async () =>
    (await ctx.api('get', '/api/reports/duty-gaps?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z')).body;

  it('an answered important case appears until it is signed off', async () => {
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'Gas smell in the stairwell',
      category: 'other',
      channel: 'letter',
      priority: 'important',
    });
    expect(created.status).toBe(201);
    const normal = await ctx
      .api('post', '/api/cases')
      .send({ phone: PHONES.neighbour, description: 'Bench broken', category: 'other', channel: 'letter' });
    ctx.clock.advance(60 * 60_000);
    await ctx
      .api('post', `/api/cases/${created.body.ref}/result`)
      .send({ text: 'Gas company fixed the leak' });
    await ctx.api('post', `/api/cases/${normal.body.ref}/result`).send({ text: 'Bench replaced' });

    expect((await report()).awaitingSignOff).toEqual([
      {
        ref: created.body.ref,
        priority: 'important',
        resolvedAt: '2027-03-01T11:00:00.000+08:00',
        assignee: { id: expect.any(Number), name: 'Wang Fang' },
      },
    ]);

    const signed = await ctx.api('post', `/api/cases/${created.body.ref}/sign-off`);
    expect(signed.status).toBe(200);
    expect((await report()).awaitingSignOff).toEqual([]);
  });
});
