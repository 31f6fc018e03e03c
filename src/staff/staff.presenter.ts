import { formatTime } from '../shared/time-format';
import type { Staff } from './staff.models';

export function presentStaff(member: Staff, zone: string) {
  return {
    id: member.id,
    name: member.name,
    phone: member.phone,
    role: member.role,
    language: member.language,
    active: member.active,
    createdAt: formatTime(member.createdAt, zone),
    updatedAt: formatTime(member.updatedAt, zone),
  };
}
