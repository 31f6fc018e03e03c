import type { StaffRepository } from '../staff/staff.repository';
import type { Case } from './cases.models';
import type { PresentContext } from './cases.presenter';
import type { CasesRepository } from './cases.repository';

export interface LoadPresentContextDeps {
  casesRepository: Pick<CasesRepository, 'findById'>;
  staffRepository: Pick<StaffRepository, 'findByIds'>;
  zone: string;
}

/** What presentCase needs beyond the cases: the staff they name and the refs they were merged into. */
export async function loadPresentContext(
  { casesRepository, staffRepository, zone }: LoadPresentContextDeps,
  cases: readonly Case[],
): Promise<PresentContext> {
  const staffIds = new Set<number>();
  const mergedIds = new Set<number>();
  for (const found of cases) {
    for (const id of [
      found.assigneeId,
      found.signedOffBy,
      found.concernsStaffId,
      found.onDuty.primary,
      found.onDuty.backup,
      found.onDuty.supervisor,
    ]) {
      if (id !== null) staffIds.add(id);
    }
    if (found.mergedInto !== null) mergedIds.add(found.mergedInto);
  }
  const refsById = new Map<number, string>();
  for (const id of mergedIds) {
    const target = await casesRepository.findById(id);
    if (target) refsById.set(id, target.ref);
  }
  return { zone, staff: await staffRepository.findByIds([...staffIds]), refsById };
}
