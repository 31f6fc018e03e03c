import fs from 'node:fs';
import path from 'node:path';

// The bench's one table: every figure with its target, printed and written as JSON.

export interface Row {
  measurement: string;
  figure: string;
  target: string;
  /** null for a figure that has no target. */
  ok: boolean | null;
  /** The figure as a number, in the unit `figure` names, for whoever reads the JSON. */
  value: number | null;
}

const format = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : String(value);

export function createTable() {
  const rows: Row[] = [];
  return {
    rows,
    /** A figure that must stay below `limit`. */
    below(measurement: string, value: number, limit: number, unit: string, digits = 1) {
      rows.push({
        measurement,
        figure: `${format(value, digits)} ${unit}`.trim(),
        target: `< ${limit} ${unit}`.trim(),
        ok: value < limit,
        value,
      });
    },
    /** A figure that must reach `floor`. */
    atLeast(measurement: string, value: number, floor: number, unit: string, digits = 1) {
      rows.push({
        measurement,
        figure: `${format(value, digits)} ${unit}`.trim(),
        target: `≥ ${floor} ${unit}`.trim(),
        ok: value >= floor,
        value,
      });
    },
    /** A figure with a target that is not a bound, e.g. "300/s ± 5%". */
    check(measurement: string, figure: string, target: string, ok: boolean, value: number | null = null) {
      rows.push({ measurement, figure, target, ok, value });
    },
    note(measurement: string, figure: string, value: number | null = null) {
      rows.push({ measurement, figure, target: '', ok: null, value });
    },
  };
}

export type Table = ReturnType<typeof createTable>;

export function printTable(rows: Row[]): void {
  const cells = rows.map((row) => [
    row.measurement,
    row.figure,
    row.target,
    row.ok === null ? '' : row.ok ? 'ok' : 'MISSED',
  ]);
  const header = ['measurement', 'figure', 'target', 'ok?'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column].length)),
  );
  const line = (cell: string[]) => cell.map((text, column) => text.padEnd(widths[column])).join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const cell of cells) console.log(line(cell));
}

export function writeResults(file: string, results: { settings: object; rows: Row[] }): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
}
