import type { Principal } from '../auth/auth.middleware';
import { actorOf, assertVisible, canSeeCase } from '../cases/cases.access';
import type { Case, EventChannel, OnDuty } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import { triageCase } from '../cases/cases.triage';
import type { Categories, Priority } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import { AppError, conflict, notFound } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { canSeeAllCases } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { diffPetition, type Petition, type PetitionFields, priorityWithPetition } from './petitions.models';
import type { PetitionsRepository } from './petitions.repository';

export interface PetitionsDeps {
  db: Db;
  petitionsRepository: PetitionsRepository;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  places: Places;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}

/** A petition with its case and the refs of the cases merged into that case. */
export interface PetitionView {
  found: Case;
  petition: Petition;
  mergedRefs: string[];
}

const NOBODY_ON_DUTY: OnDuty = { primary: null, backup: null, supervisor: null };

/** A headcount counts the representatives among the people who came. */
function assertConsistent(fields: PetitionFields) {
  if (fields.headcount < fields.representatives.length)
    throw new AppError(
      400,
      'petition.headcount_below_representatives',
      `headcount: ${fields.headcount} is fewer than the ${fields.representatives.length} representatives`,
      { field: 'headcount' },
    );
}

/** Recording, correcting and reading group petitions; the routes admit supervisors to the writes. */
export function createPetitions({
  db,
  petitionsRepository,
  casesRepository,
  staffRepository,
  outbox,
  templates,
  categories,
  places,
  rosterService,
  clock,
  logger,
  kickOutbox,
}: PetitionsDeps) {
  // What the triage step touches when a petition raises its case.
  const triageDeps = {
    casesRepository,
    staffRepository,
    outbox,
    templates,
    categories,
    places,
    clock,
    logger,
  };

  async function inTransaction<T>(work: (trx: DbOrTransaction) => Promise<T>): Promise<T> {
    const result = await db.transaction().execute(work);
    kickOutbox();
    return result;
  }

  return {
    /**
     * Records the petition a case carries (one per case) with a `petition_recorded` event. The case's
     * priority follows priorityWithPetition through the triage step, so its deadlines move as a
     * triage's would, and the event says so. A merged case's group is the case it joined; a closed
     * case is finished.
     */
    async record(
      ref: string,
      input: PetitionFields & { priority?: Priority },
      principal: Principal,
      channel: EventChannel = 'api',
    ): Promise<PetitionView> {
      const { priority: chosen, ...fields } = input;
      assertConsistent(fields);
      // Read before the transaction (SQLite has one connection); only an urgent alert needs it.
      const onDuty = chosen === 'urgent' ? await rosterService.onDutyAt(clock.now()) : NOBODY_ON_DUTY;
      return inTransaction(async (trx) => {
        const found = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
        if (found.status === 'merged')
          throw conflict(
            'petition.case_merged',
            `Case ${ref} is merged; record the petition on the case it joined`,
          );
        if (found.status === 'closed') throw conflict('petition.case_closed', `Case ${ref} is closed`);
        if (await petitionsRepository.findByCaseId(found.id, trx))
          throw conflict('petition.exists', `Case ${ref} already has a petition; correct it with PATCH`);
        const actor = actorOf(principal, channel);
        const now = clock.now().toISOString();
        const petition = await petitionsRepository.insert(
          trx,
          found.id,
          fields,
          principal.kind === 'staff' ? principal.staffId : null,
          now,
        );
        const priority = priorityWithPetition(found.priority, chosen);
        const triaged = await triageCase(triageDeps, trx, found, { priority }, actor, onDuty);
        await casesRepository.appendEvent(trx, {
          caseId: found.id,
          at: now,
          type: 'petition_recorded',
          actor,
          data: {
            headcount: fields.headcount,
            representatives: fields.representatives.map((each) => each.name),
            visitDate: fields.visitDate,
            demands: fields.demands,
            ...(triaged.priority !== found.priority
              ? { priority: { from: found.priority, to: triaged.priority } }
              : {}),
            ...(triaged.dueAt !== found.dueAt ? { dueAt: { from: found.dueAt, to: triaged.dueAt } } : {}),
          },
        });
        const mergedRefs = (await petitionsRepository.mergedRefs([found.id], trx)).get(found.id) ?? [];
        return { found: triaged, petition, mergedRefs };
      });
    },

    /** Corrects a petition; a `petition_updated` event holds each change. Nothing changed, nothing recorded. */
    async update(
      ref: string,
      patch: Partial<PetitionFields>,
      principal: Principal,
      channel: EventChannel = 'api',
    ): Promise<PetitionView> {
      return inTransaction(async (trx) => {
        const found = assertVisible(principal, await casesRepository.findByRef(ref, trx), ref);
        const before = await petitionsRepository.findByCaseId(found.id, trx);
        if (!before) throw notFound('petition.not_found', `Case ${ref} has no petition`);
        const changes = diffPetition(before, patch);
        let petition = before;
        if (Object.keys(changes).length > 0) {
          const fields: PetitionFields = {
            headcount: patch.headcount ?? before.headcount,
            representatives: patch.representatives ?? before.representatives,
            visitDate: patch.visitDate === undefined ? before.visitDate : patch.visitDate,
            demands: patch.demands ?? before.demands,
          };
          assertConsistent(fields);
          const now = clock.now().toISOString();
          petition = await petitionsRepository.update(trx, found.id, fields, now);
          await casesRepository.appendEvent(trx, {
            caseId: found.id,
            at: now,
            type: 'petition_updated',
            actor: actorOf(principal, channel),
            data: { ...changes },
          });
        }
        const mergedRefs = (await petitionsRepository.mergedRefs([found.id], trx)).get(found.id) ?? [];
        return { found, petition, mergedRefs };
      });
    },

    /** The case the principal may see (else 404 case.not_found), as the forms check first. */
    async caseOf(ref: string, principal: Principal): Promise<Case> {
      return assertVisible(principal, await casesRepository.findByRef(ref), ref);
    },

    /** The petition a visible case carries, or null. */
    async petitionOf(found: Case): Promise<Petition | null> {
      return (await petitionsRepository.findByCaseId(found.id)) ?? null;
    },

    /** Petitions the principal may see (a staff member: on the cases they hold), open cases first. */
    async list(
      page: { limit: number; offset: number },
      principal: Principal,
    ): Promise<{ items: PetitionView[]; next: number | null }> {
      const assigneeId =
        principal.kind === 'staff' && !canSeeAllCases(principal.role) ? principal.staffId : undefined;
      const { items, next } = await petitionsRepository.list({ ...page, assigneeId });
      const mergedRefs = await petitionsRepository.mergedRefs(items.map((petition) => petition.caseId));
      const views: PetitionView[] = [];
      for (const petition of items) {
        const found = await casesRepository.findById(petition.caseId);
        // The same visibility rule as the case itself (canSeeCase), whatever the list's filter read.
        if (found && canSeeCase(principal, found))
          views.push({ found, petition, mergedRefs: mergedRefs.get(found.id) ?? [] });
      }
      return { items: views, next };
    },
  };
}

export type Petitions = ReturnType<typeof createPetitions>;
