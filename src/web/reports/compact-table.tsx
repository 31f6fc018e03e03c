import type { ComponentChildren } from 'preact';

/**
 * A narrow table (two or three columns) that stays a table on a phone, where StackTable would turn
 * each row into a card several lines tall.
 */
export function CompactTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: string[];
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="compact">
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
