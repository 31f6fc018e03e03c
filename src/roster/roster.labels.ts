import type { DutySource, Override, OverrideReason, RotationVersion } from './roster.models';

export interface StaffRef {
  id: number;
  name: string;
}

export type LabelledSource =
  | { kind: 'rotation'; rotationId: number; name: string }
  | { kind: 'override'; overrideId: number; reason: OverrideReason }
  | null;

export interface RosterLabels {
  staff(id: number | null): StaffRef | null;
  source(source: DutySource, at: Date): LabelledSource;
}

/**
 * Names for ids in resolved segments. A rotation is named by the version in force at the time, so a
 * renamed rotation keeps its old name in last week's shifts.
 */
export function createRosterLabels({
  staff,
  versions,
  overrides,
}: {
  staff: ReadonlyMap<number, { id: number; name: string }>;
  versions: readonly RotationVersion[];
  overrides: readonly Override[];
}): RosterLabels {
  const versionsByRotation = new Map<number, RotationVersion[]>();
  for (const version of versions) {
    const list = versionsByRotation.get(version.rotationId) ?? [];
    list.push(version);
    versionsByRotation.set(version.rotationId, list);
  }
  for (const list of versionsByRotation.values()) {
    list.sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  }
  const reasons = new Map(overrides.map((override) => [override.id, override.reason]));

  function rotationNameAt(rotationId: number, at: Date): string {
    const list = versionsByRotation.get(rotationId) ?? [];
    const inForce = list.filter((version) => Date.parse(version.effectiveFrom) <= at.getTime()).at(-1);
    return (inForce ?? list[0])?.name ?? `rotation ${rotationId}`;
  }

  return {
    staff(id) {
      if (id === null) return null;
      const member = staff.get(id);
      // A person removed from the staff table still held the shift; the id keeps that on record.
      return { id, name: member?.name ?? `staff ${id}` };
    },
    source(source, at) {
      if (source === null) return null;
      if (source.kind === 'rotation') {
        return {
          kind: 'rotation',
          rotationId: source.rotationId,
          name: rotationNameAt(source.rotationId, at),
        };
      }
      return {
        kind: 'override',
        overrideId: source.overrideId,
        reason: reasons.get(source.overrideId) ?? 'other',
      };
    },
  };
}
