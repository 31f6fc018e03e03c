import type { Principal } from '../auth/auth.middleware';
import type { CallbackTask } from '../callbacks/callbacks.models';
import { type CallbackLog, logCallback } from '../callbacks/callbacks.usecases';
import type { Priority } from '../content/categories';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import { canSeeAllCases, type Language } from '../staff/staff.models';
import { actorOf, assertVisible } from './cases.access';
import type { CaseDeps } from './cases.deps';
import { handOverOpenCases } from './cases.handover';
import { openCase } from './cases.intake';
import {
  acknowledgeCase,
  addNote,
  assignCase,
  recordResult,
  reopenCase,
  signOffCase,
} from './cases.lifecycle';
import { mergeCase } from './cases.merge';
import type { Case, Channel, EventChannel } from './cases.models';
import type { CaseFilters } from './cases.repository';

export interface StaffLoggedCase {
  phone: string | null;
  description: string;
  category: string;
  channel: Extract<Channel, 'letter' | 'visit' | 'web'>;
  priority: Priority;
  language?: Language;
  place?: string | null;
}

/** The case operations staff perform, by API or by SMS, each in one transaction with its messages. */
export function createCaseService(deps: CaseDeps) {
  async function inTransaction<T>(work: (trx: DbOrTransaction) => Promise<T>): Promise<T> {
    const result = await deps.db.transaction().execute(work);
    deps.kickOutbox();
    return result;
  }

  /** Loads the case visible to the principal inside the transaction, then applies one step. */
  function onVisibleCase(
    ref: string,
    principal: Principal,
    step: (trx: DbOrTransaction, found: Case) => Promise<Case>,
  ): Promise<Case> {
    return inTransaction(async (trx) => {
      const found = assertVisible(principal, await deps.casesRepository.findByRef(ref, trx), ref);
      return step(trx, found);
    });
  }

  return {
    async create(input: StaffLoggedCase, principal: Principal): Promise<Case> {
      if (!deps.categories.get(input.category)) {
        throw new AppError(400, 'case.unknown_category', `Unknown category ${input.category}`);
      }
      const onDuty = await deps.roster.onDutyAt(deps.clock.now());
      return inTransaction((trx) =>
        openCase(
          deps,
          trx,
          {
            ...input,
            language: input.language ?? deps.defaultLanguage,
            actor: actorOf(principal, input.channel),
          },
          onDuty,
        ),
      );
    },

    async get(ref: string, principal: Principal): Promise<Case> {
      return assertVisible(principal, await deps.casesRepository.findByRef(ref), ref);
    },

    list(filters: CaseFilters, page: { limit: number; cursor?: number }, principal: Principal) {
      const scoped =
        principal.kind === 'staff' && principal.role === 'staff'
          ? { ...filters, assigneeId: principal.staffId }
          : filters;
      return deps.casesRepository.list(scoped, page);
    },

    async assign(ref: string, staffId: number, principal: Principal, channel: EventChannel = 'api') {
      const assignee = await deps.staffRepository.findById(staffId);
      if (!assignee?.active) throw new AppError(400, 'staff.not_found', `No active staff member ${staffId}`);
      return onVisibleCase(ref, principal, (trx, found) =>
        assignCase(deps, trx, found, assignee, actorOf(principal, channel)),
      );
    },

    acknowledge(ref: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        acknowledgeCase(deps, trx, found, actorOf(principal, channel)),
      );
    },

    recordResult(ref: string, text: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        recordResult(deps, trx, found, text, actorOf(principal, channel)),
      );
    },

    addNote(ref: string, text: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        addNote(deps, trx, found, text, actorOf(principal, channel)),
      );
    },

    /**
     * Merges one case into another (a group complaint). A supervisor may merge any two; a staff
     * member only two cases that are both theirs, as they see no others.
     */
    merge(ref: string, into: string, principal: Principal) {
      return inTransaction(async (trx) => {
        const source = assertVisible(principal, await deps.casesRepository.findByRef(ref, trx), ref);
        const target = assertVisible(principal, await deps.casesRepository.findByRef(into, trx), into);
        return mergeCase(deps, trx, source, target, actorOf(principal, 'api'));
      });
    },

    /** A supervisor's say before an important or urgent case closes; the route admits supervisors only. */
    signOff(ref: string, principal: Principal) {
      return onVisibleCase(ref, principal, (trx, found) =>
        signOffCase(deps, trx, found, actorOf(principal, 'api')),
      );
    },

    /** A call to the citizen and how it went; only a supervisor may give up on an unanswered number. */
    async logCallback(ref: string, log: CallbackLog, principal: Principal, channel: EventChannel = 'api') {
      if (log.close && !canSeeAllCases(principal.role)) {
        throw new AppError(403, 'auth.forbidden', 'Only a supervisor may close a call-back nobody answered');
      }
      const onDuty = log.satisfaction ? await deps.roster.onDutyAt(deps.clock.now()) : null;
      return onVisibleCase(
        ref,
        principal,
        async (trx, found) =>
          (await logCallback(deps, trx, found, log, actorOf(principal, channel), onDuty)).found,
      );
    },

    listCallbacks(found: Case): Promise<CallbackTask[]> {
      return deps.callbacksRepository.listForCase(found.id);
    },

    /**
     * An absence recorded through the roster API that has already begun: the absent person's open
     * cases go to whoever takes over, as after a SICK text. One for later changes nothing now.
     */
    async handOverForAbsence(
      absence: { absentStaffId: number | null; coverStaffId: number | null; from: Date; to: Date },
      principal: Principal,
    ): Promise<void> {
      const now = deps.clock.now();
      const { absentStaffId, coverStaffId } = absence;
      if (absentStaffId === null || absence.from > now || absence.to <= now) return;
      // Read once the absence is stored, so it counts: nobody absent is chosen.
      const onDuty = await deps.roster.onDutyAt(now);
      await inTransaction((trx) =>
        handOverOpenCases(deps, trx, {
          absentStaffId,
          coverStaffId,
          onDuty: {
            primary: onDuty.primary?.id ?? null,
            backup: onDuty.backup?.id ?? null,
            supervisor: onDuty.supervisor?.id ?? null,
          },
          reason: 'handover_absence',
          actor: actorOf(principal, 'api'),
        }),
      );
    },

    reopen(ref: string, reason: string, principal: Principal) {
      return onVisibleCase(ref, principal, (trx, found) =>
        reopenCase(deps, trx, found, reason, actorOf(principal, 'api')),
      );
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
