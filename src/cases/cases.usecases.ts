import type { Principal } from '../auth/auth.middleware';
import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { type CallbackLog, logCallback } from '../callbacks/callbacks.usecases';
import type { Categories, Priority } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PetitionsRepository } from '../petitions/petitions.repository';
import type { RosterService } from '../roster/roster.service';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { canSeeAllCases, type Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { actorOf, assertVisible, canActOnCase } from './cases.access';
import { setConcernedStaff } from './cases.conduct';
import { openCase } from './cases.intake';
import {
  acknowledgeCase,
  addNote,
  assignCase,
  claimCase,
  recordResult,
  reopenCase,
  signOffCase,
} from './cases.lifecycle';
import { mergeCase } from './cases.merge';
import { type Case, type Channel, type EventChannel, isOpen, STAFF_CONDUCT_CATEGORY } from './cases.models';
import { createCaseQueries } from './cases.queries';
import type { CasesRepository } from './cases.repository';
import { type Triage, triageCase } from './cases.triage';
import type { ReviewsRepository } from './review/review.repository';
import { assertNoReviewOpen } from './review/review.steps';

export interface StaffLoggedCase {
  phone: string | null;
  description: string;
  category: string;
  channel: Extract<Channel, 'letter' | 'visit' | 'web'>;
  priority: Priority;
  language?: Language;
  place?: string | null;
  concernsStaffId?: number | null;
}

export interface CaseServiceDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  templates: Templates;
  categories: Categories;
  /** The gazetteer staff-typed places are looked up in. */
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  defaultLanguage: Language;
  /** How long a resolved case waits for the citizen's answer before it may close (SATISFACTION_WINDOW_HOURS). */
  satisfactionWindowHours: number;
  /** Called after a transaction that queued messages commits, so they go out without waiting for the next tick. */
  kickOutbox: () => void;
  /** While a collective review is open, its reviewers sign off, not one supervisor. */
  reviewsRepository: ReviewsRepository;
  /** How a result's reporters are asked whether they are satisfied: a text or a survey call. */
  askSatisfaction: AskSatisfaction;
  /** A case carrying a petition is never merged into another. */
  petitionsRepository: Pick<PetitionsRepository, 'findByCaseId'>;
}

/** The case operations staff perform through the API, each in one transaction with its messages. */
export function createCaseService({
  db,
  casesRepository,
  staffRepository,
  callbacksRepository,
  outbox,
  rosterService,
  templates,
  categories,
  places,
  clock,
  logger,
  randomInt,
  defaultLanguage,
  satisfactionWindowHours,
  kickOutbox,
  reviewsRepository,
  askSatisfaction,
  petitionsRepository,
}: CaseServiceDeps) {
  /** The staff member a complaint names must exist; a bad id is the caller's mistake (400). */
  async function findNamedStaff(staffId: number) {
    const named = await staffRepository.findById(staffId);
    if (!named) throw new AppError(400, 'staff.not_found', `No staff member ${staffId}`);
    return named;
  }

  async function inTransaction<T>(work: (trx: DbOrTransaction) => Promise<T>): Promise<T> {
    const result = await db.transaction().execute(work);
    kickOutbox();
    return result;
  }

  /** Loads the case visible to the principal inside the transaction, then applies one step. */
  function onVisibleCase(
    ref: string,
    principal: Principal,
    step: (trx: DbOrTransaction, found: Case) => Promise<Case>,
  ): Promise<Case> {
    return inTransaction(async (trx) => {
      const found = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
      return step(trx, found);
    });
  }

  return {
    // What staff read: the same case and list rules, kept apart from the steps that change cases.
    ...createCaseQueries({ casesRepository, callbacksRepository, rosterService, clock }),

    async create(input: StaffLoggedCase, principal: Principal): Promise<Case> {
      if (!categories.get(input.category)) {
        throw new AppError(400, 'case.unknown_category', `Unknown category ${input.category}`);
      }
      if (input.concernsStaffId) await findNamedStaff(input.concernsStaffId);
      const onDuty = await rosterService.onDutyAt(clock.now());
      return inTransaction((trx) =>
        openCase(
          { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
          trx,
          {
            ...input,
            language: input.language ?? defaultLanguage,
            // A place typed as a gazetteer name or alias is that place, as at triage.
            placeId: input.place ? (places.lookup(input.place)?.id ?? null) : null,
            actor: actorOf(principal, input.channel),
          },
          onDuty,
        ),
      );
    },

    /**
     * A staff member takes an open case nobody holds, as an SMS command on it would (claimCase): only
     * while on duty, unless they may see every case. Taking one's own case again changes nothing;
     * a case someone else took first is refused.
     */
    async claim(ref: string, principal: Principal, channel: EventChannel = 'api'): Promise<Case> {
      if (principal.kind !== 'staff') {
        throw new AppError(403, 'auth.forbidden', 'Only a staff member can take a case');
      }
      const claimant = await staffRepository.findById(principal.staffId);
      if (!claimant?.active) throw new AppError(403, 'auth.forbidden', 'Only active staff can take a case');
      const onDuty = await rosterService.onDutyAt(clock.now());
      const onDutyIds = Object.values(onDuty).map((member) => member?.id ?? null);
      return inTransaction(async (trx) => {
        const found = await casesRepository.findByRef(ref, trx);
        if (!found || !canActOnCase(principal, found, onDutyIds)) {
          throw new AppError(404, 'case.not_found', `No case ${ref}`);
        }
        if (found.assigneeId === principal.staffId) return found;
        if (found.assigneeId !== null) {
          throw new AppError(409, 'case.already_assigned', `Case ${ref} is held by someone else`);
        }
        if (!isOpen(found.status)) {
          throw new AppError(
            409,
            'case.invalid_transition',
            `Case ${ref} is ${found.status}; not to be taken`,
          );
        }
        return claimCase(
          { casesRepository, outbox, templates, clock },
          trx,
          found,
          claimant,
          actorOf(principal, channel),
        );
      });
    },

    async assign(ref: string, staffId: number, principal: Principal, channel: EventChannel = 'api') {
      const assignee = await staffRepository.findById(staffId);
      if (!assignee?.active) throw new AppError(400, 'staff.not_found', `No active staff member ${staffId}`);
      return onVisibleCase(ref, principal, (trx, found) =>
        assignCase(
          { casesRepository, outbox, templates, clock },
          trx,
          found,
          assignee,
          actorOf(principal, channel),
        ),
      );
    },

    acknowledge(ref: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        acknowledgeCase(
          { casesRepository, staffRepository, outbox, templates, clock },
          trx,
          found,
          actorOf(principal, channel),
        ),
      );
    },

    recordResult(ref: string, text: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        recordResult(
          { casesRepository, outbox, templates, clock, askSatisfaction },
          trx,
          found,
          text,
          actorOf(principal, channel),
        ),
      );
    },

    addNote(ref: string, text: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        addNote({ casesRepository, clock }, trx, found, text, actorOf(principal, channel)),
      );
    },

    /**
     * Merges one case into another (a group complaint). A supervisor may merge any two; a staff
     * member only two cases that are both theirs, as they see no others.
     */
    merge(ref: string, into: string, principal: Principal, channel: EventChannel = 'api') {
      return inTransaction(async (trx) => {
        const source = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
        const target = assertVisible(principal, await casesRepository.findByRef(into, trx), into);
        return mergeCase(
          { casesRepository, petitionsRepository, outbox, templates, clock, askSatisfaction },
          trx,
          source,
          target,
          actorOf(principal, channel),
        );
      });
    },

    /** A supervisor's say before an important or urgent case closes; the route admits supervisors only. */
    signOff(ref: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, async (trx, found) => {
        await assertNoReviewOpen({ reviewsRepository }, trx, found);
        return signOffCase(
          { casesRepository, callbacksRepository, clock, satisfactionWindowHours },
          trx,
          found,
          actorOf(principal, channel),
        );
      });
    },

    /**
     * Sets or corrects category, priority and place (see triageCase): a staff member on their own
     * cases, a supervisor on any, as they see them. Only a supervisor names the staff member a
     * complaint is about (setConcernedStaff).
     */
    async triage(
      ref: string,
      { concernsStaffId, ...triage }: Triage & { concernsStaffId?: number | null },
      principal: Principal,
      channel: EventChannel = 'api',
    ) {
      if (concernsStaffId !== undefined && !canSeeAllCases(principal.role)) {
        throw new AppError(403, 'auth.forbidden', 'Only a supervisor may say whom a complaint is about');
      }
      if (concernsStaffId) await findNamedStaff(concernsStaffId);
      // Who is on duty is read before the transaction (SQLite has one connection); only an urgent
      // alert and a complaint about staff handed to a supervisor need it.
      const onDuty =
        triage.priority === 'urgent' || concernsStaffId || triage.category === STAFF_CONDUCT_CATEGORY
          ? await rosterService.onDutyAt(clock.now())
          : { primary: null, backup: null, supervisor: null };
      return onVisibleCase(ref, principal, async (trx, found) => {
        const actor = actorOf(principal, channel);
        const triaged = await triageCase(
          { casesRepository, staffRepository, outbox, templates, categories, places, clock, logger },
          trx,
          found,
          triage,
          actor,
          onDuty,
        );
        if (concernsStaffId === undefined) return triaged;
        return setConcernedStaff(
          { casesRepository, staffRepository, outbox, templates, clock, logger },
          trx,
          triaged,
          concernsStaffId,
          actor,
          onDuty,
        );
      });
    },

    /** A call to the citizen and how it went; only a supervisor may give up on an unanswered number. */
    async logCallback(ref: string, log: CallbackLog, principal: Principal, channel: EventChannel = 'api') {
      if (log.close && !canSeeAllCases(principal.role)) {
        throw new AppError(403, 'auth.forbidden', 'Only a supervisor may close a call-back nobody answered');
      }
      const onDuty = log.satisfaction ? await rosterService.onDutyAt(clock.now()) : null;
      return onVisibleCase(
        ref,
        principal,
        async (trx, found) =>
          (
            await logCallback(
              { casesRepository, callbacksRepository, outbox, templates, clock },
              trx,
              found,
              log,
              actorOf(principal, channel),
              onDuty,
            )
          ).found,
      );
    },

    reopen(ref: string, reason: string, principal: Principal, channel: EventChannel = 'api') {
      return onVisibleCase(ref, principal, (trx, found) =>
        reopenCase({ casesRepository, clock }, trx, found, reason, actorOf(principal, channel)),
      );
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
