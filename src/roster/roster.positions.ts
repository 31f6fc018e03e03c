// The roster's vocabulary, apart from its arithmetic, so the CLI can offer the choices without
// loading the time-zone library.

export const POSITIONS = ['primary', 'backup', 'supervisor'] as const;
export type Position = (typeof POSITIONS)[number];

export const OVERRIDE_REASONS = ['sick', 'leave', 'swap', 'other'] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];
