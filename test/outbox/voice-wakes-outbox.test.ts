import { callHotline } from '../helpers/calls';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

/** Polls until `check` holds, for at most `ms`: the outbox runs in the background after a webhook. */
async function eventually(check: () => boolean, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('voice intake wakes the outbox', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;

  beforeEach(() => {
    ({ fake, ctx } = hotline);
  });

  const sentTo = (phone: string) => fake.messages.filter((message) => message.to === phone);

  it("a caller who leaves a message gets the receipt at once, without waiting for the dispatch job's tick", async () => {
    // No job is running: only a kick from the voice webhooks can send the receipt.
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      {
        actions: [
          { press: '9' },
          { press: '1' },
          { press: '1' },
          { silence: true },
          { record: { seconds: 20 } },
        ],
      },
      { fake },
    );
    expect(call.ended).toBe('hangup');
    const { ref } = await ctx.container.db.selectFrom('cases').select('ref').executeTakeFirstOrThrow();

    expect(await eventually(() => sentTo(PHONES.citizen).length > 0)).toBe(true);
    expect(sentTo(PHONES.citizen).map((message) => message.body)).toEqual([expect.stringContaining(ref)]);
  });

  it('a caller who hangs up gets the call-back receipt at once', async () => {
    const call = await callHotline(ctx, PHONES.citizen, { actions: [{ hangup: true }] }, { fake });
    expect(call.ended).toBe('caller-hangup');
    const created = await ctx.container.db.selectFrom('cases').select('category').executeTakeFirstOrThrow();
    expect(created.category).toBe('callback');

    expect(await eventually(() => sentTo(PHONES.citizen).length > 0)).toBe(true);
  });
});
