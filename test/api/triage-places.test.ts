import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { expectError, logLetter } from './api-helpers';

// The shipped flows/places.json holds 东关街 (dongguan-street) and 大理路 (dali-road, alias "Dali Rd").
describe('triage sets a place from the gazetteer', () => {
  const hotline = useHotline();
  let ctx: TestContext;

  beforeEach(() => {
    ({ ctx } = hotline);
  });

  const triage = (ref: string, body: object) => ctx.api('patch', `/api/cases/${ref}`).send(body);
  const triagedEvents = async (ref: string) =>
    ((await ctx.api('get', `/api/cases/${ref}`)).body.events as { type: string; data: unknown }[])
      .filter((event) => event.type === 'triaged')
      .map((event) => event.data);

  it("a gazetteer id sets the place, shown by its name in the case's language, as one triaged event", async () => {
    const { ref } = await logLetter(ctx, { language: 'zh-CN' });

    const res = await triage(ref, { placeId: 'dongguan-street' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ place: '东关街', placeId: 'dongguan-street' });
    expect(await triagedEvents(ref)).toEqual([
      { place: { from: null, to: '东关街' }, placeId: { from: null, to: 'dongguan-street' } },
    ]);
  });

  it('an id the gazetteer does not have is a 400, and changes nothing', async () => {
    const { ref } = await logLetter(ctx);

    expectError(await triage(ref, { placeId: 'nowhere-street' }), 400, 'case.unknown_place');
    expect(await triagedEvents(ref)).toEqual([]);
  });

  it('a typed place that is a name or alias in the gazetteer is that place; other text is just text', async () => {
    const { ref } = await logLetter(ctx);

    const typed = await triage(ref, { place: ' DALI  rd ' });
    expect(typed.status).toBe(200);
    expect(typed.body).toMatchObject({ place: 'DALI  rd', placeId: 'dali-road' });

    const other = await triage(ref, { place: 'Jiefang Road' });
    expect(other.body).toMatchObject({ place: 'Jiefang Road', placeId: null });
  });

  it('text given with an id is the place shown, for that gazetteer place', async () => {
    const { ref } = await logLetter(ctx);

    const res = await triage(ref, { placeId: 'dali-road', place: 'Dali Road, north end' });

    expect(res.body).toMatchObject({ place: 'Dali Road, north end', placeId: 'dali-road' });
  });

  it('a null id clears the place', async () => {
    const { ref } = await logLetter(ctx, { language: 'en' });
    expect((await triage(ref, { placeId: 'dali-road' })).body).toMatchObject({ place: 'Dali Road' });

    const cleared = await triage(ref, { placeId: null });

    expect(cleared.body).toMatchObject({ place: null, placeId: null });
  });
});
