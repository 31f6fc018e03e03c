import { badRequest } from './errors';

/** A year and a day, so that a whole leap year fits; longer windows are refused rather than slow. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

/** What is wrong with a report window, or null when it is usable. */
export function windowProblem(from: Date, to: Date): string | null {
  if (!(from.getTime() < to.getTime())) return 'to: must be after from';
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    return `to: the window may span at most ${MAX_REPORT_DAYS} days`;
  }
  return null;
}

export function assertReportWindow(from: Date, to: Date): void {
  const problem = windowProblem(from, to);
  if (problem) throw badRequest('request.invalid', problem, { field: 'to' });
}
