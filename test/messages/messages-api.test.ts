import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

describe('GET /api/messages: the inbox and the outbox as one log', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    await ctx.sms(PHONES.citizen, 'Broken street lamp');
    ctx.clock.advance(60_000);
    await ctx.sms(PHONES.neighbour, 'Noisy bar');
  });

  type Item = {
    direction: string;
    body: string;
    to: string;
    from: string | null;
    status: string;
    caseRef: string | null;
  };
  const summary = (items: Item[]) =>
    items.map((item) => `${item.direction} ${item.from ?? item.to}: ${item.body.slice(0, 12)}`);

  it('lists texts in and out, newest first, across pages', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await ctx.api('get', `/api/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.next;
    } while (cursor);
    // Each text: its inbound row, the receipt to the citizen and the alert to the officer.
    expect(seen).toHaveLength(6);
    expect(seen.filter((item) => item.direction === 'in').map((item) => item.from)).toEqual([
      PHONES.neighbour,
      PHONES.citizen,
    ]);
    expect(summary(seen).at(-1)).toBe(`in ${PHONES.citizen}: Broken stree`);
    expect(seen.every((item) => item.caseRef?.match(/^\d{8}$/))).toBe(true);
    expect(new Set(seen.map((item) => `${item.direction}${item.body}`)).size).toBe(6);
  });

  it('filters outgoing texts by status and recipient, and incoming ones by sender', async () => {
    const toCitizen = await ctx.api(
      'get',
      `/api/messages?to=${encodeURIComponent(PHONES.citizen)}&status=held`,
    );
    expect(toCitizen.body.items).toHaveLength(1);
    expect(toCitizen.body.items[0]).toMatchObject({
      direction: 'out',
      to: PHONES.citizen,
      status: 'held',
      purpose: 'receipt',
    });

    const fromNeighbour = await ctx.api('get', `/api/messages?from=${PHONES.neighbour.slice(1)}`);
    expect(fromNeighbour.body.items).toEqual([
      expect.objectContaining({
        direction: 'in',
        from: PHONES.neighbour,
        body: 'Noisy bar',
        status: 'complaint',
      }),
    ]);
    expect(fromNeighbour.body.items[0].at).toMatch(/\+08:00$/);
  });

  it('rejects a forged cursor or unknown status, and is for supervisors only', async () => {
    expect((await ctx.api('get', '/api/messages?cursor=bm9wZQ')).status).toBe(400);
    expect((await ctx.api('get', '/api/messages?status=lost')).status).toBe(400);
    const staffToken = await issueToken(ctx, team.primary.id);
    expect((await ctx.api('get', '/api/messages', staffToken)).status).toBe(403);
  });
});
