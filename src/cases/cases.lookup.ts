import type { DbOrTransaction } from '../shared/db';
import { survivingCase } from './cases.merge';
import type { Case } from './cases.models';
import { isReporterOf } from './cases.reporters';
import type { CasesRepository } from './cases.repository';

/** What a number may learn about a reference it asks after. */
export type CaseDisclosure =
  | { kind: 'nothing' }
  /** The reference's own status, never a detail. */
  | { kind: 'status'; found: Case }
  /** The status and result of `target`, the case the reference stands for now (itself, or the one it joined). */
  | { kind: 'result'; found: Case; target: Case };

/**
 * What this number may learn about this (well-formed) reference, for SMS and voice alike. Any
 * reporter of the complaint, or of the group complaint it belongs to, learns the surviving case's
 * status and result. Anyone else learns nothing by SMS, not even that the case exists; by phone
 * they hear its status only, as the voice menu has always told any caller.
 */
export async function discloseCase(
  { casesRepository }: { casesRepository: CasesRepository },
  trx: DbOrTransaction,
  { ref, phone, channel }: { ref: string; phone: string | null; channel: 'sms' | 'voice' },
): Promise<CaseDisclosure> {
  const found = await casesRepository.findByRef(ref, trx);
  if (!found) return { kind: 'nothing' };
  const target = await survivingCase({ casesRepository }, trx, found);
  if (phone !== null && (await isReporterOf({ casesRepository }, trx, target, phone)))
    return { kind: 'result', found, target };
  return channel === 'voice' ? { kind: 'status', found } : { kind: 'nothing' };
}
