import { scriptedCaller } from '../../src/simulator/index';
import { callHotline } from '../helpers/calls';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

describe('the hunt when someone on duty is deactivated during the call', () => {
  const hotline = useHotline();

  it('skips the departed primary and rings the backup once, then the supervisor', async () => {
    const { ctx, team, fake } = hotline;
    const script = scriptedCaller({
      actions: [{ press: '0' }, { record: { seconds: 10 } }],
      dial: { [PHONES.backup]: 'no-answer', [PHONES.supervisor]: 'no-answer' },
    });
    let departed = false;
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [] },
      {
        fake,
        caller: {
          ...script,
          // The greeting took the on-duty snapshot; the primary leaves before the caller presses 0.
          async nextCallerAction(context) {
            if (!departed) {
              departed = true;
              const res = await ctx.api('patch', `/api/staff/${team.primary.id}`).send({ active: false });
              expect(res.status).toBe(200);
            }
            return script.nextCallerAction(context);
          },
        },
      },
    );

    expect(call.dialed.map((dialed) => dialed.phone)).toEqual([PHONES.backup, PHONES.supervisor]);
  });
});
