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

export const NO_ACTIVITY: SlotActivity = {
  calls: { offered: 0, connected: 0, message: 0, missed: 0, abandoned: 0 },
  callbacks: { due: 0, done: 0 },
};
