import type { StoredOverride } from './roster.repository';

/** Where an override stands at `now`; only a planned or running one can still be cancelled. */
export type OverrideState = 'planned' | 'under_way' | 'over' | 'cancelled';

export function overrideState(
  override: Pick<StoredOverride, 'from' | 'to' | 'cancelledAt'>,
  now: Date,
): OverrideState {
  if (override.cancelledAt !== null) return 'cancelled';
  const at = now.getTime();
  if (Date.parse(override.to) <= at) return 'over';
  return Date.parse(override.from) <= at ? 'under_way' : 'planned';
}

export function canCancelOverride(state: OverrideState): boolean {
  return state === 'planned' || state === 'under_way';
}
