import type { ComponentChildren } from 'preact';
import type { CaseStatus } from '../cases/cases.models';
import type { Priority } from '../content/categories';
import { isoOf, showDateTime } from './format';
import type { PageContext } from './web.context';

const STATUS_TONE: Record<CaseStatus, string> = {
  received: 'warn',
  assigned: 'info',
  acknowledged: 'info',
  resolved: 'ok',
  closed: 'muted',
  reopened: 'bad',
  merged: 'muted',
};

/** A case's status as a coloured badge that also says it in words (colour is never the only sign). */
export function StatusBadge({ context, status }: { context: PageContext; status: CaseStatus }) {
  return <span class={`badge badge-${STATUS_TONE[status]}`}>{context.t(`status.${status}`)}</span>;
}

export function PriorityBadge({ context, priority }: { context: PageContext; priority: Priority }) {
  if (priority === 'normal') return <span class="muted">{context.t('priority.normal')}</span>;
  return (
    <span class={`badge ${priority === 'urgent' ? 'badge-bad' : 'badge-warn'}`}>
      {context.t(`priority.${priority}`)}
    </span>
  );
}

/** A time in the hotline's zone, with the exact instant for machines. */
export function Time({ context, value }: { context: PageContext; value: Date | string | null }) {
  if (value === null) return <span class="muted">–</span>;
  return <time dateTime={isoOf(value)}>{showDateTime(value, context.zone, context.language)}</time>;
}

export function CaseLink({ reference }: { reference: string }) {
  return <a href={`/console/cases/${reference}`}>{reference}</a>;
}

interface TableProps {
  caption: string;
  headers: string[];
  children: ComponentChildren;
}

/** A table that becomes a list of cards on a phone; each cell says its column there. */
export function StackTable(props: TableProps) {
  return <Table layout="stack" {...props} />;
}

/**
 * A narrow table (two or three columns) that stays a table on a phone, where StackTable would turn
 * each row into a card several lines tall.
 */
export function CompactTable(props: TableProps) {
  return <Table layout="compact" {...props} />;
}

function Table({ layout, caption, headers, children }: TableProps & { layout: 'stack' | 'compact' }) {
  return (
    <div class="table-wrap">
      <table class={layout}>
        {/* Each table sits under a heading that says the same: the caption is for screen readers. */}
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** One row saying there is nothing to list, across every column. */
export function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return (
    <tr>
      <td colSpan={columns} class="muted">
        {text}
      </td>
    </tr>
  );
}
