import { useHotline } from '../helpers/hotline';

const HOUR = 3_600_000;

// SQLite answers synchronously, so a job looping over awaited queries would otherwise run from start
// to end in one turn of the event loop, while webhooks wait: a job must let them in between items.
describe('a long scheduled job lets waiting requests in', () => {
  const hotline = useHotline({ online: false });

  it('sla-watch escalating many overdue cases gives the event loop turns while it works', async () => {
    const { ctx } = hotline;
    for (let i = 0; i < 40; i += 1) {
      const res = await ctx.sms(`+861391000${String(i).padStart(4, '0')}`, `street lamp ${i} is out`);
      expect(res.status).toBe(200);
    }
    // Every case is now well past its time to acknowledge.
    ctx.clock.advance(30 * HOUR);

    let turnsWhileRunning = 0;
    let running = true;
    const countTurns = () => {
      if (!running) return;
      turnsWhileRunning += 1;
      setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const result = await ctx.container.jobs.runNow('sla-watch');
    running = false;

    expect(result).toMatchObject({ escalated: 40 });
    // One turn at least between each of the 40 escalations.
    expect(turnsWhileRunning).toBeGreaterThanOrEqual(40);
  });
});
