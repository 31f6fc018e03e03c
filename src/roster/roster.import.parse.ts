import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { toE164 } from '../shared/phone';
import type { Language, Role } from '../staff/staff.models';
import { newStaffSchema } from '../staff/staff.schemas';
import type { Position, RotationWindow } from './roster.models';
import { createRotationSchema } from './roster.schemas';

export const STAFF_COLUMNS = ['name', 'phone', 'role', 'language'] as const;
export const ROTATION_COLUMNS = [
  'name',
  'position',
  'timezone',
  'start',
  'handoff_time',
  'shift_hours',
  'members',
  'weekdays',
  'window_start',
  'window_end',
] as const;
const KNOWN_COLUMNS = new Set<string>(['kind', ...STAFF_COLUMNS, ...ROTATION_COLUMNS]);

/** One thing wrong with the file; `row` is the line in the file, the header being line 1. */
export interface ImportProblem {
  row: number;
  /** `rotation "night desk"`, or null when the row's kind is unreadable. */
  label: string | null;
  field: string | null;
  message: string;
}

export interface StaffRow {
  row: number;
  name: string;
  phone: string;
  role: Role;
  language?: Language;
}

export interface RotationRow {
  row: number;
  name: string;
  position: Position;
  timezone: string;
  start: string;
  handoffTime?: string;
  shiftHours: number;
  /** E.164, in rotation order; each is a staff row of the same file or an existing staff member. */
  memberPhones: string[];
  weekdays: number[] | null;
  window: RotationWindow | null;
}

export interface ParsedRoster {
  staff: StaffRow[];
  rotations: RotationRow[];
  /** The phone of every staff row, those with problems too, so members naming them are not reported twice. */
  staffPhones: string[];
  problems: ImportProblem[];
}

type Record = { [column: string]: string };

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const rotationSchema = createRotationSchema.omit({ members: true, effectiveFrom: true });

// The schemas speak the API's camelCase; problems name the file's columns.
const COLUMN_OF_PATH: { [key: string]: string } = {
  handoffTime: 'handoff_time',
  shiftHours: 'shift_hours',
  'window.start': 'window_start',
  'window.end': 'window_end',
};

function columnOf(path: PropertyKey[]): string {
  const key = path.filter((part) => typeof part === 'string').join('.');
  return COLUMN_OF_PATH[key] ?? key.split('.')[0] ?? 'row';
}

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function describeProblem(problem: ImportProblem): string {
  const where = problem.label ? `row ${problem.row} (${problem.label})` : `row ${problem.row}`;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

interface RowContext {
  row: number;
  label: string;
  problems: ImportProblem[];
}

function report(context: RowContext, field: string | null, message: string) {
  context.problems.push({ row: context.row, label: context.label, field, message });
}

function reportZodIssues(context: RowContext, error: z.ZodError, skip: Set<string>) {
  for (const issue of error.issues) {
    const column = columnOf(issue.path);
    if (!skip.has(column)) report(context, column, issue.message);
  }
}

/** Reports required columns left empty; the schemas would say "expected string, received undefined". */
function missingColumns(context: RowContext, record: Record, required: readonly string[]): Set<string> {
  const missing = new Set(required.filter((column) => !record[column]));
  for (const column of missing) report(context, column, 'is required');
  return missing;
}

function rejectForeignColumns(context: RowContext, record: Record, allowed: readonly string[], kind: string) {
  for (const [column, value] of Object.entries(record)) {
    if (value && column !== 'kind' && !allowed.includes(column)) {
      report(context, column, `is not used by ${kind} rows; leave it empty`);
    }
  }
}

function parseStaffRow(context: RowContext, record: Record): StaffRow | null {
  const before = context.problems.length;
  rejectForeignColumns(context, record, STAFF_COLUMNS, 'staff');
  const missing = missingColumns(context, record, ['name', 'phone']);
  const parsed = newStaffSchema.safeParse({
    name: record.name || undefined,
    phone: record.phone || undefined,
    role: record.role || 'staff',
    language: record.language || undefined,
  });
  if (!parsed.success) reportZodIssues(context, parsed.error, missing);
  const phone = record.phone ? toE164(record.phone) : null;
  if (record.phone && !phone) {
    report(context, 'phone', `${record.phone} is not a valid phone number in international form (+86…)`);
  }
  if (context.problems.length > before || !parsed.success || !phone) return null;
  return { row: context.row, ...parsed.data, phone };
}

function parseWeekdays(context: RowContext, value: string): number[] | null | undefined {
  if (!value) return undefined;
  const days: number[] = [];
  for (const token of splitList(value)) {
    const lower = token.toLowerCase();
    const byName = WEEKDAY_NAMES.findIndex((name) => lower === name || lower === name.slice(0, 3));
    const day = /^[1-7]$/.test(token) ? Number(token) : byName + 1;
    if (day < 1) {
      report(context, 'weekdays', `"${token}" is not a weekday (1–7 from Monday, or mon…sun)`);
      return null;
    }
    days.push(day);
  }
  return days;
}

function parseRotationRow(context: RowContext, record: Record): RotationRow | null {
  const before = context.problems.length;
  rejectForeignColumns(context, record, ROTATION_COLUMNS, 'rotation');
  const missing = missingColumns(context, record, [
    'name',
    'position',
    'timezone',
    'start',
    'shift_hours',
    'members',
  ]);

  let shiftHours: number | undefined;
  if (record.shift_hours) {
    shiftHours = /^\d+(\.\d+)?$/.test(record.shift_hours) ? Number(record.shift_hours) : undefined;
    if (shiftHours === undefined) {
      report(context, 'shift_hours', `"${record.shift_hours}" is not a number of hours, such as 24 or 12`);
      missing.add('shift_hours');
    }
  }
  const weekdays = parseWeekdays(context, record.weekdays);
  if (weekdays === null) missing.add('weekdays');
  let window: RotationWindow | undefined;
  if (record.window_start && record.window_end) {
    window = { start: record.window_start, end: record.window_end };
  } else if (record.window_start || record.window_end) {
    const absent = record.window_start ? 'window_end' : 'window_start';
    report(context, absent, 'is required when the other window column is given');
  }

  const parsed = rotationSchema.safeParse({
    name: record.name || undefined,
    position: record.position || undefined,
    timezone: record.timezone || undefined,
    start: record.start || undefined,
    handoffTime: record.handoff_time || undefined,
    shiftHours,
    weekdays: weekdays ?? undefined,
    window,
  });
  if (!parsed.success) reportZodIssues(context, parsed.error, missing);

  const memberPhones: string[] = [];
  for (const member of splitList(record.members ?? '')) {
    const phone = toE164(member);
    if (phone) memberPhones.push(phone);
    else report(context, 'members', `${member} is not a phone number in international form (+86…)`);
  }
  if (record.members && memberPhones.length === 0 && context.problems.length === before) {
    report(context, 'members', 'lists no staff phones (separate them with ";")');
  }

  if (context.problems.length > before || !parsed.success) return null;
  const { handoffTime, weekdays: days, window: hours, ...fields } = parsed.data;
  return {
    row: context.row,
    ...fields,
    ...(handoffTime ? { handoffTime } : {}),
    memberPhones,
    weekdays: days ?? null,
    window: hours ?? null,
  };
}

interface Line {
  record: string[];
  info: { lines: number };
}

function readLines(text: string): Line[] | ImportProblem {
  try {
    return parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Spreadsheets drop trailing empty cells; too many cells is still an error, reported below.
      relax_column_count: true,
      info: true,
    }) as unknown as Line[];
  } catch (error) {
    const csvError = error as { lines?: number; message?: string };
    const message = (csvError.message ?? String(error)).replace(/\s*(on|at) line \d+\.?$/, '');
    return { row: csvError.lines ?? 1, label: null, field: null, message: `not readable as CSV: ${message}` };
  }
}

/**
 * Reads and checks every row of a roster CSV without touching the database: the file's own
 * mistakes. Checks against what is stored (phones taken, unknown members) are `planRosterImport`'s.
 */
export function parseRosterCsv(text: string): ParsedRoster {
  const result: ParsedRoster = { staff: [], rotations: [], staffPhones: [], problems: [] };
  const lines = readLines(text);
  if (!Array.isArray(lines)) {
    result.problems.push(lines);
    return result;
  }
  const [header, ...rows] = lines;
  if (!header) {
    result.problems.push({ row: 1, label: null, field: null, message: 'the file is empty' });
    return result;
  }
  const columns = header.record.map(normaliseHeader);
  const headerRow = header.info.lines;
  const headerProblem = (message: string) =>
    result.problems.push({ row: headerRow, label: null, field: null, message });
  const unknown = columns.filter((column) => !KNOWN_COLUMNS.has(column));
  if (unknown.length > 0) {
    headerProblem(
      `unknown column ${unknown.map((column) => `"${column}"`).join(', ')}; the columns are ${[...KNOWN_COLUMNS].join(', ')}`,
    );
  }
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (repeated.length > 0) headerProblem(`column "${repeated[0]}" appears twice`);
  if (!columns.includes('kind') || !columns.includes('name')) {
    headerProblem('the header needs at least the columns kind and name');
  }
  if (result.problems.length > 0) return result;
  if (rows.length === 0) {
    headerProblem('the file has a header but no staff or rotation rows');
    return result;
  }

  for (const line of rows) {
    // A quoted value may span lines; the row is named by the line it starts on.
    const newlines = line.record.reduce(
      (count, value) => count + (value.match(/\r\n|\r|\n/g)?.length ?? 0),
      0,
    );
    const row = line.info.lines - newlines;
    const record: Record = {};
    columns.forEach((column, i) => {
      record[column] = line.record[i] ?? '';
    });
    const kind = record.kind.toLowerCase();
    const name = record.name.replace(/\s+/g, ' ');
    const label = kind === 'staff' || kind === 'rotation' ? `${kind}${name ? ` "${name}"` : ''}` : null;
    const context: RowContext = { row, label: label ?? '', problems: result.problems };
    if (line.record.length > columns.length) {
      result.problems.push({
        row,
        label,
        field: null,
        message: `has ${line.record.length} values but the header has ${columns.length} columns`,
      });
      continue;
    }
    if (newlines > 0) {
      result.problems.push({ row, label, field: null, message: 'a value spans several lines' });
      continue;
    }
    if (kind === 'staff') {
      const phone = toE164(record.phone ?? '');
      if (phone) result.staffPhones.push(phone);
      const staff = parseStaffRow(context, record);
      if (staff) result.staff.push(staff);
    } else if (kind === 'rotation') {
      const rotation = parseRotationRow(context, record);
      if (rotation) result.rotations.push(rotation);
    } else {
      result.problems.push({
        row,
        label: null,
        field: 'kind',
        message: record.kind
          ? `"${record.kind}" is neither staff nor rotation`
          : 'is required (staff or rotation)',
      });
    }
  }
  return result;
}
