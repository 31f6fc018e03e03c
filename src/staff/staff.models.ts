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

/**
 * Who hears what a supervisor must know: the supervisor on duty; when there is none (or they are
 * among `except`, say the sender), every active supervisor but those, so a notice is never told to
 * nobody while a supervisor exists.
 */
export function chooseSupervisorsToTell(
  onDutySupervisor: Staff | null,
  activeSupervisors: readonly Staff[],
  except: readonly number[] = [],
): Staff[] {
  if (onDutySupervisor?.active && !except.includes(onDutySupervisor.id)) return [onDutySupervisor];
  return activeSupervisors.filter((member) => member.active && !except.includes(member.id));
}
