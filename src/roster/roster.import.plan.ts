import type { Language, Staff } from '../staff/staff.models';
import type { NewStaff } from '../staff/staff.repository';
import type { ImportProblem, ParsedRoster, RotationRow, StaffRow } from './roster.import.parse';
import type { RotationVersion } from './roster.models';
import type { NewRotation } from './roster.repository';
import { toStartLocal } from './roster.start';

/** A member is either someone already stored or a staff row of the same file, created first. */
export type PlannedMember = { staffId: number } | { phone: string };

export interface PlannedRotation extends Omit<NewRotation, 'members'> {
  row: number;
  members: PlannedMember[];
}

export interface RosterImportPlan {
  staff: Array<NewStaff & { row: number }>;
  rotations: PlannedRotation[];
}

export interface StoredRoster {
  staff: Staff[];
  /** The current version of each stored rotation. */
  rotations: RotationVersion[];
}

const rotationKey = (name: string) => name.trim().toLowerCase();

function checkStaff(rows: StaffRow[], stored: StoredRoster, problems: ImportProblem[]) {
  const byPhone = new Map(stored.staff.map((member) => [member.phone, member]));
  const seen = new Map<string, number>();
  for (const row of rows) {
    const label = `staff "${row.name}"`;
    const holder = byPhone.get(row.phone);
    const earlier = seen.get(row.phone);
    if (holder) {
      problems.push({
        row: row.row,
        label,
        field: 'phone',
        message: `${row.phone} already belongs to staff member ${holder.id} (${holder.name})`,
      });
    } else if (earlier !== undefined) {
      problems.push({
        row: row.row,
        label,
        field: 'phone',
        message: `${row.phone} is already on row ${earlier}`,
      });
    }
    if (!seen.has(row.phone)) seen.set(row.phone, row.row);
  }
}

function checkRotation(
  row: RotationRow,
  context: { stored: StoredRoster; fileStaff: Set<string>; names: Map<string, number> },
  problems: ImportProblem[],
): PlannedRotation | null {
  const label = `rotation "${row.name}"`;
  const before = problems.length;
  const report = (field: string, message: string) => problems.push({ row: row.row, label, field, message });

  const existing = context.stored.rotations.find(
    (rotation) => rotationKey(rotation.name) === rotationKey(row.name),
  );
  const earlier = context.names.get(rotationKey(row.name));
  if (existing) {
    report(
      'name',
      `a rotation named "${existing.name}" already exists (id ${existing.rotationId}); change it with PATCH /api/roster/rotations/${existing.rotationId}`,
    );
  } else if (earlier !== undefined) {
    report('name', `"${row.name}" is already on row ${earlier}`);
  }
  if (earlier === undefined) context.names.set(rotationKey(row.name), row.row);

  const members: PlannedMember[] = [];
  for (const phone of row.memberPhones) {
    const member = context.stored.staff.find((staff) => staff.phone === phone);
    if (member && !member.active)
      report('members', `${phone} (${member.name}) is not an active staff member`);
    else if (member) members.push({ staffId: member.id });
    else if (context.fileStaff.has(phone)) members.push({ phone });
    else report('members', `${phone} is not a staff member (add a staff row for it, or add them first)`);
  }

  const start = toStartLocal({ start: row.start, handoffTime: row.handoffTime, timezone: row.timezone });
  if (!start.ok) report(start.field === 'handoffTime' ? 'handoff_time' : 'start', start.message);
  if (problems.length > before || !start.ok) return null;
  return {
    row: row.row,
    name: row.name,
    position: row.position,
    timezone: row.timezone,
    startLocal: start.startLocal,
    shiftHours: row.shiftHours,
    members,
    weekdays: row.weekdays,
    window: row.window,
  };
}

/**
 * Checks the parsed file against what is stored and says exactly what to write, or lists every
 * problem: a phone already taken, a member nobody knows, a rotation name already in use (so that
 * running the same file twice fails instead of doubling the roster).
 */
export function planRosterImport(
  parsed: ParsedRoster,
  stored: StoredRoster,
  defaultLanguage: Language,
): { plan: RosterImportPlan; problems: [] } | { plan: null; problems: ImportProblem[] } {
  const problems = [...parsed.problems];
  checkStaff(parsed.staff, stored, problems);
  // Staff rows that failed their own checks still count as known here, so one typo is reported once.
  const fileStaff = new Set(parsed.staffPhones);
  const context = { stored, fileStaff, names: new Map<string, number>() };
  const rotations = parsed.rotations.map((row) => checkRotation(row, context, problems));
  if (problems.length > 0) {
    return { plan: null, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return {
    plan: {
      staff: parsed.staff.map((row) => ({
        row: row.row,
        name: row.name,
        phone: row.phone,
        role: row.role,
        language: row.language ?? defaultLanguage,
      })),
      rotations: rotations.filter((rotation) => rotation !== null),
    },
    problems: [],
  };
}
