import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets requests waiting on the event loop go first, between two items of a long job. SQLite answers
 * synchronously, so a loop of awaited queries never gives the event loop a turn by itself: a job
 * with two thousand overdue cases to tell about would hold every webhook for half a second.
 */
export function yieldToRequests(): Promise<void> {
  return nextTurn();
}
