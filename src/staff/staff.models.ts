export const ROLES = ['staff', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Staff {
  id: number;
  name: string;
  phone: string;
  role: Role;
  language: Language;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Supervisors and admins see every case; staff see only their own. */
export function canSeeAllCases(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}
