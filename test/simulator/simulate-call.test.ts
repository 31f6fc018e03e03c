import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { simulateCall } from '../../src/cli/simulate-call';
import { useHotline } from '../helpers/hotline';

const CALLER = '+8613900000077';

describe('dutyline simulate call, against a running hotline', () => {
  const hotline = useHotline();
  let server: Server;

  beforeEach(async () => {
    server = await new Promise<Server>((resolve) => {
      const listening = hotline.ctx.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Answers typed ahead, as `printf '1\n1\n东关街\n20\n' | dutyline simulate call …` would. */
  async function simulate(typed: string) {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
    });
    input.end(typed);
    const { port } = server.address() as AddressInfo;
    const result = await simulateCall(
      hotline.ctx.container,
      { from: CALLER, serverUrl: `http://127.0.0.1:${port}` },
      (line) => output.write(`${line}\n`),
      { input, output },
    );
    return { result, screen };
  }

  const caseOfCaller = () =>
    hotline.ctx.container.db
      .selectFrom('cases')
      .selectAll()
      .where('phone', '=', CALLER)
      .executeTakeFirstOrThrow();

  it('the person at the terminal answers "which street?" by typing the words, and the case gets the place', async () => {
    const { result, screen } = await simulate('1\n1\n东关街\n20\n');

    expect(screen).toContain(
      '🔊 [cmn-CN] 请说出问题所在的街道或地点名称，不清楚请稍候。\nsay (type the words, enter for silence, h to hang up)> 东关街\n',
    );
    expect(screen).toContain('your message length in seconds (enter for silence, h to hang up)> 20');
    expect(result.ended).toBe('hangup');
    expect(await caseOfCaller()).toMatchObject({
      place: '东关街',
      place_id: 'dongguan-street',
      recording_duration: 20,
    });
  });

  it('an empty line at the question is silence: the message is still taken, with no place', async () => {
    await simulate('1\n1\n\n15\n');

    expect(await caseOfCaller()).toMatchObject({ place: null, place_id: null, recording_duration: 15 });
  });
});
