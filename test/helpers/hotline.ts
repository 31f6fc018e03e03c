import { createTestContext, type TestContext } from './context';
import { type FakeTwilio, startFakeTwilio } from './fake-twilio';
import { seedDutyTeam } from './seed';

export type DutyTeam = Awaited<ReturnType<typeof seedDutyTeam>>;

export interface HotlineOptions {
  /** Online against a fresh fake Twilio (the default), or offline with no fake at all. */
  online?: boolean;
  /** Where the manual clock starts; createTestContext's default when left out. */
  start?: string;
  /** Extra environment for parseConfig, over the test defaults. */
  env?: Record<string, string>;
  /** Seed the duty team with seedDutyTeam (the default). */
  team?: boolean;
}

/** The current test's hotline. Read its properties inside a test or a hook, never at describe time. */
export interface Hotline {
  readonly ctx: TestContext;
  /** Only when online. */
  readonly fake: FakeTwilio;
  /** Only when the team is seeded. */
  readonly team: DutyTeam;
}

/**
 * Registers a beforeEach that starts a fake Twilio (when online), creates a test context and seeds
 * the duty team, and an afterEach that closes the context and then the fake. Call it in a describe
 * block (or at the top of a file) before any beforeEach that uses what it returns.
 */
export function useHotline(options: HotlineOptions = {}): Hotline {
  const { online = true, start, env, team: seedTeam = true } = options;
  type Made = { fake?: FakeTwilio; ctx?: TestContext; team?: DutyTeam };
  let current: Made | undefined;

  beforeEach(async () => {
    const made: Made = {};
    current = made;
    if (online) made.fake = await startFakeTwilio();
    made.ctx = await createTestContext({ fake: made.fake, start, env });
    if (seedTeam) made.team = await seedDutyTeam(made.ctx);
  });

  afterEach(async () => {
    const made = current;
    current = undefined;
    try {
      await made?.ctx?.close();
    } finally {
      await made?.fake?.close();
    }
  });

  function read<K extends keyof Made>(key: K, missing: string): NonNullable<Made[K]> {
    if (!current) {
      throw new Error('useHotline: read the hotline inside a test or a hook, not at describe time');
    }
    const value = current[key];
    if (value === undefined) throw new Error(`useHotline: ${missing}`);
    return value;
  }

  return {
    get ctx() {
      return read('ctx', 'the test context is not set up yet');
    },
    get fake() {
      return read(
        'fake',
        online ? 'the fake Twilio is not started yet' : 'an offline hotline has no fake Twilio',
      );
    },
    get team() {
      return read('team', seedTeam ? 'the duty team is not seeded yet' : 'the duty team was not seeded');
    },
  };
}
