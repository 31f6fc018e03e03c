import type { CallSession } from './call-session';

/** How the driver delivers voice status callbacks, to test that the server dedupes them. */
export interface StatusCallbackDelivery {
  /** Send the terminal callback twice, as Twilio's retries do. */
  finalTwice?: boolean;
  /** Hold back the `in-progress` callback until after the terminal one. */
  outOfOrder?: boolean;
}

/** Twilio's "Call status changes" webhook for one call, each event with the next SequenceNumber. */
export function createStatusCallbacks(
  session: CallSession,
  path: string,
  callParams: Record<string, string>,
  delivery: StatusCallbackDelivery,
) {
  let sequence = 0;
  const held: Record<string, string>[] = [];

  function event(callStatus: string, extra: Record<string, string> = {}): Record<string, string> {
    const params = {
      ...callParams,
      CallStatus: callStatus,
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(sequence),
      Timestamp: session.timestamp(),
      ...extra,
    };
    sequence += 1;
    return params;
  }

  return {
    async answered(): Promise<void> {
      const params = event('in-progress');
      if (delivery.outOfOrder) held.push(params);
      else await session.notify(path, params);
    },
    /** The final event: `completed`, or how an outbound call failed to connect (`no-answer`, `busy`, …). */
    async completed(callStatus = 'completed'): Promise<void> {
      const params = event(callStatus, { CallDuration: String(session.seconds) });
      await session.notify(path, params);
      if (delivery.finalTwice) await session.notify(path, params);
      for (const late of held.splice(0)) await session.notify(path, late);
    },
  };
}
