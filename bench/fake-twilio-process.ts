import { startFakeTwilio } from '../test/helpers/fake-twilio';
import { createStatsCounter, type FakeReply, type FakeRequest } from './fake-twilio-stats';

// The fake Twilio in its own process, as Twilio is outside the server's: it accepts messages and
// posts their status callbacks, and answers the bench's questions over IPC.
async function main() {
  const fake = await startFakeTwilio({
    accountSid: process.env.BENCH_FAKE_ACCOUNT_SID,
    authToken: process.env.BENCH_FAKE_AUTH_TOKEN,
    statusCallbacks: { delayMs: Number(process.env.BENCH_FAKE_CALLBACK_DELAY_MS ?? 0) },
  });
  const countStats = createStatsCounter(fake);
  const reply = (message: FakeReply) => process.send?.(message);
  process.on('message', (request: FakeRequest) => {
    if (request.type === 'stats')
      reply({ type: 'stats', id: request.id, stats: countStats(request.bodyPrefix) });
  });
  process.on('disconnect', () => {
    fake.close().finally(() => process.exit(0));
  });
  reply({ type: 'ready', baseUrl: fake.baseUrl });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
