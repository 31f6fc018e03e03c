import { currentVersions, type RotationVersion } from './roster.models';

/** The parts of a rotation a version can change, as the API names them. */
export const ROTATION_FIELDS = [
  'name',
  'position',
  'timezone',
  'startLocal',
  'shiftHours',
  'members',
  'weekdays',
  'window',
] as const;
export type RotationField = (typeof ROTATION_FIELDS)[number];

export interface RotationHistory {
  rotationId: number;
  /** The version in force now, or the first one when none is yet. */
  current: RotationVersion;
  /** Oldest first; each says what it changed from the one before (nothing for the first). */
  versions: { version: RotationVersion; changed: RotationField[] }[];
}

/** The fields in which a version differs from the one before it. */
export function changedFields(before: RotationVersion, after: RotationVersion): RotationField[] {
  return ROTATION_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Each rotation with every version it has had, in rotation order. */
export function rotationHistories(versions: readonly RotationVersion[], now: Date): RotationHistory[] {
  const byRotation = new Map<number, RotationVersion[]>();
  for (const version of versions) {
    const list = byRotation.get(version.rotationId) ?? [];
    list.push(version);
    byRotation.set(version.rotationId, list);
  }
  return currentVersions(versions, now).map((current) => {
    const list = [...(byRotation.get(current.rotationId) ?? [])].sort(
      (a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom),
    );
    return {
      rotationId: current.rotationId,
      current,
      versions: list.map((version, index) => ({
        version,
        changed: index === 0 ? [] : changedFields(list[index - 1], version),
      })),
    };
  });
}
