import { type ApiToken, tokenExpiry } from '../auth/auth.models';
import type { TokensRepository } from '../auth/auth.repository';
import type { Clock } from '../shared/clock';
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
  clock: Clock;
  defaultLanguage: Language;
}) {
  async function assertPhoneFree(phone: string, exceptId?: number) {
    const holder = await deps.staffRepository.findByPhone(phone);
    if (holder && holder.id !== exceptId) {
      throw new AppError(409, 'staff.phone_taken', `${phone} already belongs to staff member ${holder.id}`);
    }
  }

  async function findMember(id: number): Promise<Staff> {
    const member = await deps.staffRepository.findById(id);
    if (!member) throw new AppError(404, 'staff.not_found', `No staff member ${id}`);
    return member;
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
      // Revoked first: should the update then fail, the member keeps working without tokens, and
      // re-activating someone never revives the tokens they had.
      if (changes.active === false) await deps.tokensRepository.revokeAllForStaff(id);
      const updated = await deps.staffRepository.update(id, { ...changes, ...(phone ? { phone } : {}) });
      if (!updated) throw new AppError(404, 'staff.not_found', `No staff member ${id}`);
      return updated;
    },

    list: () => deps.staffRepository.list(),

    /** A new token, shown once; it expires after `expiresInDays` when given. */
    async issueToken(id: number, options: { expiresInDays?: number } = {}) {
      await findMember(id);
      const now = deps.clock.now();
      return deps.tokensRepository.issue(id, {
        createdAt: now,
        expiresAt: tokenExpiry(now, options.expiresInDays),
      });
    },

    async listTokens(id: number): Promise<ApiToken[]> {
      await findMember(id);
      return deps.tokensRepository.listForStaff(id);
    },

    async revokeToken(id: number, tokenId: number): Promise<void> {
      await findMember(id);
      if (!(await deps.tokensRepository.revoke(id, tokenId))) {
        throw new AppError(404, 'token.not_found', `Staff member ${id} has no token ${tokenId}`);
      }
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
