import type { Principal } from '../auth/auth.middleware';
import type { CallbackTask } from '../callbacks/callbacks.models';
import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import { canSeeAllCases } from '../staff/staff.models';
import { assertVisible } from './cases.access';
import type { Case } from './cases.models';
import type { CaseFilters, CasesRepository } from './cases.repository';

export interface CaseQueriesDeps {
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  clock: Clock;
}

/** The cases a principal may read, one by one and as lists (canSeeCase's rules, in SQL for lists). */
export function createCaseQueries({
  casesRepository,
  callbacksRepository,
  rosterService,
  clock,
}: CaseQueriesDeps) {
  return {
    async get(ref: string, principal: Principal): Promise<Case> {
      return assertVisible(principal, await casesRepository.findByRef(ref), ref);
    },

    list(filters: CaseFilters, page: { limit: number; cursor?: number }, principal: Principal) {
      if (principal.kind !== 'staff') return casesRepository.list(filters, page);
      const hidden = { ...filters, hiddenFrom: principal.staffId };
      const scoped = principal.role === 'staff' ? { ...hidden, assigneeId: principal.staffId } : hidden;
      return casesRepository.list(scoped, page);
    },

    /**
     * The open cases a staff member holds, the most pressing deadline first: what an officer works
     * through (the console's "my cases", in place of SMS commands where two-way SMS is unavailable).
     */
    listHeldOpen(principal: Principal, limit: number): Promise<{ items: Case[]; total: number }> {
      if (principal.kind !== 'staff') return Promise.resolve({ items: [], total: 0 });
      return casesRepository.listOpenByDeadline(principal.staffId, limit);
    },

    /**
     * Open cases nobody holds that this staff member may take (canActOnCase): any while they are on
     * duty now, in any position, as over SMS; a supervisor may take them at any time.
     */
    async listClaimable(
      principal: Principal,
      limit: number,
    ): Promise<{ mayClaim: boolean; items: Case[]; total: number }> {
      const none = { mayClaim: false, items: [], total: 0 };
      if (principal.kind !== 'staff') return none;
      if (!canSeeAllCases(principal.role)) {
        const onDuty = await rosterService.onDutyAt(clock.now());
        if (!Object.values(onDuty).some((member) => member?.id === principal.staffId)) return none;
      }
      const viewer = { staffId: principal.staffId, seesAboutStaff: canSeeAllCases(principal.role) };
      return { mayClaim: true, ...(await casesRepository.listOpenByDeadline(null, limit, viewer)) };
    },

    listCallbacks(found: Case): Promise<CallbackTask[]> {
      return callbacksRepository.listForCase(found.id);
    },
  };
}
