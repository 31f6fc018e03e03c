import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../helpers/context';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { seedDutyTeam } from '../helpers/seed';
import { pollUntil } from '../helpers/server-process';

// The bench's fake Twilio posts each accepted message's status callbacks over real HTTP, signed
// with the auth token, as Twilio does; the server must take them as Twilio's own.

describe('a fake Twilio that posts status callbacks', () => {
  let fake: FakeTwilio;
  let ctx: TestContext;
  let server: http.Server;

  beforeEach(async () => {
    fake = await startFakeTwilio({ statusCallbacks: { delayMs: 5 } });
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ctx = await createTestContext({ fake, env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } });
    server.on('request', ctx.app);
    await seedDutyTeam(ctx);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await ctx.close();
    await fake.close();
  });

  it('takes the receipt and the officer alert to delivered, through signed `sent` and `delivered` callbacks', async () => {
    const created = await ctx.api('post', '/api/cases').send({
      phone: '+8613912345678',
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(created.status).toBe(201);

    await ctx.flushOutbox();
    expect(fake.messages).toHaveLength(2);
    await pollUntil(
      () =>
        fake.statusCallbacks.filter((callback) => callback.answered !== null).length === 4 ? true : undefined,
      5_000,
      () => `four answered status callbacks, have ${JSON.stringify(fake.statusCallbacks)}`,
    );

    for (const message of fake.messages) {
      const posted = fake.statusCallbacks.filter((callback) => callback.sid === message.sid);
      expect(posted).toEqual([
        { sid: message.sid, status: 'sent', answered: 204 },
        { sid: message.sid, status: 'delivered', answered: 204 },
      ]);
    }
    const found = (await ctx.api('get', `/api/cases/${created.body.ref}`)).body;
    expect(found.messages).toEqual([
      expect.objectContaining({ purpose: 'receipt', status: 'delivered' }),
      expect.objectContaining({ status: 'delivered' }),
    ]);
  });
});
