import type { FakeMessage, FakeStatusCallback } from '../test/helpers/fake-twilio';

/** What the fake Twilio's process reports to the bench over IPC. */
export interface FakeStats {
  /** Messages accepted. */
  messages: number;
  /** Accepted messages whose To and Body an earlier accepted message already had: sent twice. */
  duplicates: number;
  /** Accepted messages whose body starts with the asked prefix. */
  matching: number;
  /** Status callbacks owed: two (`sent`, `delivered`) for each message that named a StatusCallback. */
  callbacksOwed: number;
  /** Posted and answered 2xx. */
  callbacksAccepted: number;
  /** Posted and answered otherwise, or the request failed. */
  callbacksRefused: number;
}

export type FakeRequest = { type: 'stats'; id: number; bodyPrefix?: string };
export type FakeReply = { type: 'ready'; baseUrl: string } | { type: 'stats'; id: number; stats: FakeStats };

/** Counts over the fake's growing lists, scanning each message and callback once. */
export function createStatsCounter(lists: {
  messages: FakeMessage[];
  statusCallbacks: FakeStatusCallback[];
}) {
  const seen = new Set<string>();
  let scanned = 0;
  let duplicates = 0;
  let callbacksOwed = 0;

  return (bodyPrefix?: string): FakeStats => {
    for (; scanned < lists.messages.length; scanned += 1) {
      const message = lists.messages[scanned];
      const key = `${message.to}\n${message.body}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
      if (message.statusCallback) callbacksOwed += 2;
    }
    let callbacksAccepted = 0;
    let callbacksRefused = 0;
    for (const callback of lists.statusCallbacks) {
      if (callback.answered === null) continue;
      if (callback.answered >= 200 && callback.answered < 300) callbacksAccepted += 1;
      else callbacksRefused += 1;
    }
    const matching = bodyPrefix
      ? lists.messages.reduce((count, message) => count + (message.body.startsWith(bodyPrefix) ? 1 : 0), 0)
      : 0;
    return {
      messages: lists.messages.length,
      duplicates,
      matching,
      callbacksOwed,
      callbacksAccepted,
      callbacksRefused,
    };
  };
}
