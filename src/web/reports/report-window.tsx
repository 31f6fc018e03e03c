import type { ComponentChildren } from 'preact';
import { AppError } from '../../shared/errors';
import { MAX_REPORT_DAYS } from '../../shared/time-window';
import { fromLocalInput, showDateTime, toLocalInput } from '../format';
import type { PageContext } from '../web.context';
import { reportWindowMessages } from './report-window.i18n';

/** A report's window as the form shows it (the person's own text) and as instants, when readable. */
export interface ReportWindow<End extends Date | null = Date | null> {
  input: { from: string; to: string };
  from: Date;
  /** Null only where the page allows an open end (the call log). */
  to: End;
  /** A time was given that is no date and time at all. */
  unreadable: boolean;
}

function queryText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Reads `from` and `to` from a page's query as wall-clock times in the hotline's zone (what a
 * datetime-local field sends; an ISO time with an offset reads too), falling back to the page's
 * defaults when a field is blank.
 */
export function readReportWindow<End extends Date | null>(
  query: Record<string, unknown>,
  zone: string,
  defaults: { from: Date; to: End },
): ReportWindow<End> {
  const given = { from: queryText(query.from), to: queryText(query.to) };
  const from = given.from === null ? defaults.from : fromLocalInput(given.from, zone);
  const to = given.to === null ? defaults.to : fromLocalInput(given.to, zone);
  // The fields show what was read, in the field's own local form (an ISO time with an offset
  // would leave a datetime-local field blank); text that could not be read is shown as given.
  const shown = (text: string | null, read: Date | null, fallback: Date | null) => {
    if (text !== null && read === null) return text;
    const instant = read ?? fallback;
    return instant ? toLocalInput(instant, zone) : '';
  };
  return {
    input: {
      from: shown(given.from, from, defaults.from),
      to: shown(given.to, to, defaults.to),
    },
    from: from ?? defaults.from,
    to: (to ?? defaults.to) as End,
    unreadable: from === null || (given.to !== null && to === null),
  };
}

export type WindowProblem = 'unreadable' | 'invalid';

/**
 * Runs a report's use case for the window. The use case holds the window's rules; a window it
 * refuses (400) comes back as a problem the page shows beside the form, not as an error page.
 */
export async function runForWindow<T, End extends Date | null>(
  window: ReportWindow<End>,
  build: (from: Date, to: End) => Promise<T>,
): Promise<{ result: T | null; problem: WindowProblem | null }> {
  if (window.unreadable) return { result: null, problem: 'unreadable' };
  try {
    return { result: await build(window.from, window.to), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.status === 400) return { result: null, problem: 'invalid' };
    throw error;
  }
}

export function windowProblemText(context: PageContext, problem: WindowProblem | null): string | null {
  if (problem === null) return null;
  return reportWindowMessages(context.language)(problem, { days: MAX_REPORT_DAYS });
}

/** The query string that asks for the same window again (for the CSV link and paging). */
export function windowQuery(window: ReportWindow, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  params.set('from', window.input.from);
  if (window.input.to !== '') params.set('to', window.input.to);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

/** The GET form choosing a report's window; `children` adds the page's own filters. */
export function WindowForm({
  context,
  action,
  window,
  openEnd = false,
  children,
}: {
  context: PageContext;
  action: string;
  window: ReportWindow;
  /** The end may be left blank (until now). */
  openEnd?: boolean;
  children?: ComponentChildren;
}) {
  const t = reportWindowMessages(context.language);
  return (
    <form method="get" action={action} class="window-form no-print">
      <div class="field">
        <label for="window-from">{t('from')}</label>
        <input type="datetime-local" id="window-from" name="from" value={window.input.from} required />
      </div>
      <div class="field">
        <label for="window-to">{openEnd ? t('toOpen') : t('to')}</label>
        <input type="datetime-local" id="window-to" name="to" value={window.input.to} required={!openEnd} />
      </div>
      {children}
      <div class="field">
        <button type="submit">{t('show')}</button>
      </div>
    </form>
  );
}

/** The window in words, for the page and its printout. */
export function WindowSpan({ context, from, to }: { context: PageContext; from: Date; to: Date | null }) {
  const t = reportWindowMessages(context.language);
  const show = (value: Date) => showDateTime(value, context.zone, context.language);
  return (
    <p class="window-span">
      <strong>{t('window')}:</strong> {t('span', { from: show(from), to: to ? show(to) : t('untilNow') })}{' '}
      <span class="muted">({context.zone})</span>
    </p>
  );
}
