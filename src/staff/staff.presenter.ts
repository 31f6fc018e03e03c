import type { Staff } from './staff.models';

export function presentStaff(member: Staff) {
  return {
    id: member.id,
    name: member.name,
    phone: member.phone,
    role: member.role,
    language: member.language,
    active: member.active,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}
