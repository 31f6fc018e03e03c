import { formatInstant, formatTime } from '../shared/time-format';
import type { Staff } from '../staff/staff.models';
import { firstHandoff, type RotationVersion } from './roster.models';
import type { StoredOverride } from './roster.repository';

/** API times carry an offset, shown in the zone people reading them work in. */
export function renderStaff(staff: Staff | null) {
  if (!staff) return null;
  const { id, name, phone, role, language, active } = staff;
  return { id, name, phone, role, language, active };
}

/** `start` is the local wall-clock of the first handoff in the rotation's zone; `startsAt` is that instant. */
export function renderRotation(version: RotationVersion, zone: string) {
  const startsAt = firstHandoff(version);
  return {
    id: version.rotationId,
    name: version.name,
    position: version.position,
    timezone: version.timezone,
    start: version.startLocal,
    startsAt: startsAt && formatInstant(startsAt, version.timezone),
    shiftHours: version.shiftHours,
    handoffTime: version.startLocal.slice(11),
    members: version.members,
    weekdays: version.weekdays,
    window: version.window,
    effectiveFrom: formatTime(version.effectiveFrom, zone),
  };
}

export function renderOverride(override: StoredOverride, zone: string) {
  return {
    id: override.id,
    position: override.position,
    absentStaffId: override.absentStaffId,
    coverStaffId: override.coverStaffId,
    from: formatTime(override.from, zone),
    to: formatTime(override.to, zone),
    reason: override.reason,
    createdBy: override.createdBy,
    createdAt: formatTime(override.createdAt, zone),
    cancelledAt: formatTime(override.cancelledAt, zone),
  };
}
