import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

// The shipped flows/places.json holds 东关街 (Dongguan Street, id dongguan-street) and 大理路 (Dali Road).
describe('an SMS complaint naming a place in the gazetteer', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;

  beforeEach(() => {
    ({ fake, ctx } = hotline);
  });

  const complain = async (text: string) => {
    expect((await ctx.sms(PHONES.citizen, text)).status).toBe(200);
    await ctx.flushOutbox();
    const row = await ctx.container.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    const shown = await ctx.api('get', `/api/cases/${row.ref}`);
    expect(shown.status).toBe(200);
    const receipts = fake.messages.filter((message) => message.to === PHONES.citizen);
    expect(receipts).toHaveLength(1);
    return { ref: row.ref, shown: shown.body, receipt: receipts[0].body };
  };

  it('"东关街垃圾桶满了" gets the place 东关街, and the receipt names it', async () => {
    const { ref, shown, receipt } = await complain('东关街垃圾桶满了');

    expect(shown).toMatchObject({
      place: '东关街',
      placeId: 'dongguan-street',
      description: '东关街垃圾桶满了',
    });
    expect(receipt).toBe(
      `市民热线已受理，编号${ref}，地点：东关街，72小时内答复。回复“查询 ${ref}”查进度，30分钟内回复可补充。`,
    );
    // The officer on duty (who reads English) is told where too, as the citizen named it.
    expect(fake.messages.filter((message) => message.to === PHONES.primary).map((m) => m.body)).toEqual([
      `New case ${ref} (SMS) at 东关街, ${PHONES.citizen}: 东关街垃圾桶满了 Reply ACK ${ref}`,
    ]);
  });

  it('a full-width alias inside a Chinese text is understood, and the place is named in Chinese', async () => {
    const { ref, shown, receipt } = await complain('ＤＡＬＩ　Ｒｏａｄ口的垃圾桶满了');

    expect(shown).toMatchObject({ place: '大理路', placeId: 'dali-road' });
    expect(receipt).toContain(`编号${ref}，地点：大理路，`);
  });

  it('an English alias in mixed case gets the place, named in English in an English receipt', async () => {
    const { ref, shown, receipt } = await complain('Overflowing bins on DONGGUAN st near the school');

    expect(shown).toMatchObject({ place: 'Dongguan Street', placeId: 'dongguan-street', language: 'en' });
    expect(receipt).toBe(
      `Hotline: complaint received, ref ${ref}, place: Dongguan Street. We answer within 72h. Text STATUS ${ref} to check; reply within 30 min to add details.`,
    );
  });

  it('a text naming no place leaves the place empty, and the receipt is the usual one', async () => {
    const { ref, shown, receipt } = await complain('The street lamp on Jiefang Road is out');

    expect(shown).toMatchObject({ place: null, placeId: null });
    expect(fake.messages.find((message) => message.to === PHONES.primary)?.body).toBe(
      `New case ${ref} (SMS) ${PHONES.citizen}: The street lamp on Jiefang Road is out Reply ACK ${ref}`,
    );
    expect(receipt).toBe(
      `Hotline: complaint received, ref ${ref}. We answer within 72h. Text STATUS ${ref} to check; reply within 30 min to add details.`,
    );
  });
});
