import type { TokensRepository } from '../auth/auth.repository';
import { AppError } from '../shared/errors';
import { toE164 } from '../shared/phone';
import type { Language, Role, Staff } from './staff.models';
import type { StaffChanges, StaffRepository } from './staff.repository';

export interface StaffInput {
  name: string;
  phone: string;
  role: Role;
  language?: Language;
}

function normalizePhone(phone: string): string {
  const e164 = toE164(phone);
  if (!e164) {
    throw new AppError(
      400,
      'staff.invalid_phone',
      `${phone} is not a valid phone number in international form (+86…)`,
    );
  }
  return e164;
}

export function createStaffService(deps: {
  staffRepository: StaffRepository;
  tokensRepository: TokensRepository;
  defaultLanguage: Language;
}) {
  async function assertPhoneFree(phone: string, exceptId?: number) {
    const holder = await deps.staffRepository.findByPhone(phone);
    if (holder && holder.id !== exceptId) {
      throw new AppError(409, 'staff.phone_taken', `${phone} already belongs to staff member ${holder.id}`);
    }
  }

  return {
    async add(input: StaffInput): Promise<Staff> {
      const phone = normalizePhone(input.phone);
      await assertPhoneFree(phone);
      return deps.staffRepository.create({
        name: input.name.trim(),
        phone,
        role: input.role,
        language: input.language ?? deps.defaultLanguage,
      });
    },

    async update(id: number, changes: StaffChanges): Promise<Staff> {
      const phone = changes.phone === undefined ? undefined : normalizePhone(changes.phone);
      if (phone) await assertPhoneFree(phone, id);
      const updated = await deps.staffRepository.update(id, { ...changes, ...(phone ? { phone } : {}) });
      if (!updated) throw new AppError(404, 'staff.not_found', `No staff member ${id}`);
      return updated;
    },

    list: () => deps.staffRepository.list(),

    async issueToken(id: number): Promise<string> {
      const member = await deps.staffRepository.findById(id);
      if (!member) throw new AppError(404, 'staff.not_found', `No staff member ${id}`);
      return deps.tokensRepository.issue(id);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
