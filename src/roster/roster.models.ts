export const POSITIONS = ['primary', 'backup', 'supervisor'] as const;
export type Position = (typeof POSITIONS)[number];
