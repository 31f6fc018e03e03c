import type { Slot } from './slots.models';

export type CallOutcome = 'connected' | 'message' | 'status' | 'abandoned';

export interface LoggedCall {
  startedAt: Date;
  /** Null while a call is still going, or when Twilio never told us how it ended. */
  outcome: CallOutcome | null;
  /** Asked for the duty officer and nobody accepted. */
  missed: boolean;
}

export interface CallbackCase {
  createdAt: Date;
  status: string;
}

export interface SlotCalls {
  /** Every call that started in the slot, including status enquiries and calls still going. */
  offered: number;
  connected: number;
  message: number;
  /** Overlaps `message`: a missed call usually ends with a message left. */
  missed: number;
  abandoned: number;
}

export interface SlotCallbacks {
  /** Call-back cases raised in the slot. */
  due: number;
  /** Those of them resolved or closed by now. */
  done: number;
}

export interface SlotActivity {
  calls: SlotCalls;
  callbacks: SlotCallbacks;
}

const DONE_STATUSES = new Set(['resolved', 'closed']);

/** The slot whose [from, to) holds `at`, by binary search over slots sorted by `from`; -1 if none. */
export function slotIndexAt(slots: readonly Slot[], at: number): number {
  let low = 0;
  let high = slots.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const slot = slots[middle];
    if (at < slot.from.getTime()) high = middle - 1;
    else if (at >= slot.to.getTime()) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** Counts per slot, in the slots' order; a call or case outside every slot is not counted. */
export function countSlotActivity(
  slots: readonly Slot[],
  calls: readonly LoggedCall[],
  callbacks: readonly CallbackCase[],
): SlotActivity[] {
  const activity: SlotActivity[] = slots.map(() => ({
    calls: { offered: 0, connected: 0, message: 0, missed: 0, abandoned: 0 },
    callbacks: { due: 0, done: 0 },
  }));
  for (const call of calls) {
    const index = slotIndexAt(slots, call.startedAt.getTime());
    if (index < 0) continue;
    const counts = activity[index].calls;
    counts.offered += 1;
    if (call.outcome === 'connected') counts.connected += 1;
    if (call.outcome === 'message') counts.message += 1;
    if (call.outcome === 'abandoned') counts.abandoned += 1;
    if (call.missed) counts.missed += 1;
  }
  for (const callback of callbacks) {
    const index = slotIndexAt(slots, callback.createdAt.getTime());
    if (index < 0) continue;
    activity[index].callbacks.due += 1;
    if (DONE_STATUSES.has(callback.status)) activity[index].callbacks.done += 1;
  }
  return activity;
}
