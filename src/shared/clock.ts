export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand, so that deadlines and shifts are exercised without sleeping. */
export function createManualClock(start: Date | string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: Date | string) {
      current = new Date(at);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export type ManualClock = ReturnType<typeof createManualClock>;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
