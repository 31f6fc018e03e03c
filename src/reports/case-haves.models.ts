export type Have = 'assignee' | 'result' | 'feedback';

export interface CaseHaves {
  ref: string;
  status: string;
  dueAt: Date;
  assigneeId: number | null;
  result: string | null;
  feedbackDeliveredAt: string | null;
  feedbackVia: string | null;
}

export interface CaseMissingHaves {
  ref: string;
  status: string;
  dueAt: Date;
  assigneeId: number | null;
  missing: Have[];
}

/**
 * Which of the assignee, result and feedback a case lacks (the record is the case itself). Feedback
 * counts once it was delivered, or logged as given by a call-back.
 */
export function missingHaves(
  item: Pick<CaseHaves, 'assigneeId' | 'result' | 'feedbackDeliveredAt' | 'feedbackVia'>,
): Have[] {
  const missing: Have[] = [];
  if (item.assigneeId === null) missing.push('assignee');
  if (item.result === null || item.result.trim() === '') missing.push('result');
  if (item.feedbackDeliveredAt === null && item.feedbackVia === null) missing.push('feedback');
  return missing;
}

/**
 * Cases whose deadline lies in [from, to) and has passed at `now`, missing any have, by deadline. A
 * merged case is left out: its assignee, result and feedback are those of the case it joined.
 */
export function findCasesMissingHaves(
  cases: readonly CaseHaves[],
  window: { from: Date; to: Date },
  now: Date,
): CaseMissingHaves[] {
  const until = Math.min(window.to.getTime(), now.getTime());
  return cases
    .filter((item) => item.status !== 'merged')
    .filter((item) => item.dueAt.getTime() >= window.from.getTime() && item.dueAt.getTime() < until)
    .map((item) => ({
      ref: item.ref,
      status: item.status,
      dueAt: item.dueAt,
      assigneeId: item.assigneeId,
      missing: missingHaves(item),
    }))
    .filter((item) => item.missing.length > 0)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.ref.localeCompare(b.ref));
}
