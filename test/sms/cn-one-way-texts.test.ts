import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';
import { findReplyInstructions } from './reply-instructions';

// SPEC §19: in mainland China SMS is outbound only, so nothing texted may ask for a reply.
describe('the texts of a hotline in mainland China (HOTLINE_REGION=cn)', () => {
  const hotline = useHotline({ env: { HOTLINE_REGION: 'cn' } });
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const sentTo = (phone: string) =>
    fake.messages.filter((message) => message.to === phone).map((message) => message.body);

  async function logLetter() {
    const res = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: '解放路的路灯已经三天不亮了',
      category: 'roads',
      channel: 'letter',
      language: 'zh-CN',
    });
    expect(res.status).toBe(201);
    await ctx.flushOutbox();
    return res.body as { ref: string };
  }

  it("a citizen's receipt gives the reference and the commitment, and asks for no reply", async () => {
    const { ref } = await logLetter();

    const receipts = sentTo(PHONES.citizen);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain(`编号${ref}`);
    expect(receipts[0]).toMatch(/\d+小时内答复/);
    expect(findReplyInstructions(receipts[0])).toEqual([]);
  });

  it('the officer alert points to "My cases" on the duty console instead of asking for ACK', async () => {
    const { ref } = await logLetter();

    const alerts = sentTo(PHONES.primary);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(ref);
    expect(alerts[0]).toContain('"My cases" on the duty console');
    expect(findReplyInstructions(alerts[0])).toEqual([]);
  });

  it('the result reaches the citizen with the reference and no "reply 1 or 2"', async () => {
    const { ref } = await logLetter();
    const before = sentTo(PHONES.citizen).length;
    const officerToken = await issueToken(ctx, team.primary.id);

    const resolved = await ctx
      .api('post', `/api/cases/${ref}/result`, officerToken)
      .send({ text: '路灯已于今天上午修复。' });
    expect(resolved.status).toBe(200);
    await ctx.flushOutbox();

    const texts = sentTo(PHONES.citizen).slice(before);
    expect(texts[0]).toBe(`案件${ref}办理结果：路灯已于今天上午修复。（热线将来电询问您是否满意）`);
    for (const text of texts) expect(findReplyInstructions(text)).toEqual([]);
  });
});
