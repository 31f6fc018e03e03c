import type { Categories, Priority } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import { queueUrgentAlert } from './cases.alerts';
import { handOverComplaintAboutStaff } from './cases.conduct';
import { type Actor, addHours, type Case, isOpen, type OnDuty } from './cases.models';
import type { CasesRepository } from './cases.repository';

/** What triage may set or correct; a field left out stays as it is, a null place clears it. */
export interface Triage {
  category?: string;
  priority?: Priority;
  place?: string | null;
  /** A gazetteer place; its name in the case's language becomes the place shown, unless `place` is given. */
  placeId?: string | null;
}

type Change<T> = { from: T; to: T };

/** The `triaged` event's data: only the fields that changed, each with its old and new value. */
export interface TriageChanges {
  category?: Change<string>;
  priority?: Change<Priority>;
  place?: Change<string | null>;
  placeId?: Change<string | null>;
  dueAt?: Change<string | null>;
  ackDueAt?: Change<string | null>;
}

export interface TriageCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  places: Places;
  clock: Clock;
  logger: Logger;
}

/**
 * The place and gazetteer id triage leaves the case with. Typed text that is a gazetteer name or
 * alias is that place (the hotspots count it with the texts naming it); other text has no id.
 */
function placeAfterTriage(
  places: Places,
  found: Case,
  { place, placeId }: Triage,
): { place: string | null; placeId: string | null } {
  if (placeId !== undefined && placeId !== null && !places.get(placeId)) {
    throw new AppError(400, 'case.unknown_place', `Unknown place ${placeId}; see flows/places.json`);
  }
  if (placeId !== undefined) {
    // Text given with the id is how staff want it shown; otherwise the place's own name.
    return { place: place ?? (placeId && places.name(placeId, found.language)!), placeId };
  }
  if (place !== undefined)
    return { place, placeId: place === null ? null : (places.lookup(place)?.id ?? null) };
  return { place: found.place, placeId: found.placeId };
}

/**
 * Sets or corrects a case's category, priority and place inside the caller's transaction, with one
 * `triaged` event holding each change (from, to).
 *
 * - The service commitment follows the new category and priority: while the case is open, its
 *   deadlines are computed again from flows/categories.json, counted from the case's creation (as
 *   at intake), so a case raised to urgent may be overdue at once and sla-watch escalates it. A
 *   resolved or closed case keeps the deadline it was worked against, so on-time figures stay true.
 * - Raising to important or urgent brings the sign-off rule (needsSignOff reads the priority when
 *   the case closes); raising to urgent also tells the supervisors at once, as intake does.
 * - Recategorised as a complaint about staff, an open case goes to supervisors as on arrival
 *   (handOverComplaintAboutStaff).
 * - A closed case's priority stays what it closed under (it closed with or without a sign-off by
 *   it); its category and place may still be corrected. A merged case follows the case it joined.
 * - Nothing changed, nothing recorded.
 */
export async function triageCase(
  { casesRepository, staffRepository, outbox, templates, categories, places, clock, logger }: TriageCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  triage: Triage,
  actor: Actor,
  onDuty: OnDuty,
): Promise<Case> {
  if (triage.category !== undefined && !categories.get(triage.category)) {
    throw new AppError(400, 'case.unknown_category', `Unknown category ${triage.category}`);
  }
  if (found.status === 'merged') {
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${found.ref} is merged; triage the case it joined`,
    );
  }
  const changes: TriageChanges = {};
  if (triage.category !== undefined && triage.category !== found.category)
    changes.category = { from: found.category, to: triage.category };
  if (triage.priority !== undefined && triage.priority !== found.priority)
    changes.priority = { from: found.priority, to: triage.priority };
  const { place, placeId } = placeAfterTriage(places, found, triage);
  if (place !== found.place) changes.place = { from: found.place, to: place };
  if (placeId !== found.placeId) changes.placeId = { from: found.placeId, to: placeId };
  if (changes.priority && found.status === 'closed') {
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${found.ref} is closed; its priority stays what it closed under`,
    );
  }
  if (!changes.category && !changes.priority && !changes.place && !changes.placeId) return found;

  const category = changes.category?.to ?? found.category;
  const priority = changes.priority?.to ?? found.priority;
  let deadlines: { due_at: string; ack_due_at: string } | undefined;
  if ((changes.category || changes.priority) && isOpen(found.status)) {
    const commitment = categories.commitment(category, priority);
    deadlines = {
      due_at: addHours(found.createdAt, commitment.resultHours),
      ack_due_at: addHours(found.createdAt, commitment.acknowledgeHours),
    };
    if (deadlines.due_at !== found.dueAt) changes.dueAt = { from: found.dueAt, to: deadlines.due_at };
    if (deadlines.ack_due_at !== found.ackDueAt)
      changes.ackDueAt = { from: found.ackDueAt, to: deadlines.ack_due_at };
  }

  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    category,
    priority,
    place,
    place_id: placeId,
    ...deadlines,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'triaged',
    actor,
    data: { ...changes },
  });
  if (changes.priority?.to === 'urgent') {
    const assignee =
      updated.assigneeId === null
        ? null
        : ((await staffRepository.findById(updated.assigneeId, trx)) ?? null);
    await queueUrgentAlert(
      { casesRepository, staffRepository, outbox, templates, categories, logger },
      trx,
      updated,
      assignee,
      onDuty,
      now,
    );
  }
  if (!changes.category) return updated;
  return handOverComplaintAboutStaff(
    { casesRepository, staffRepository, outbox, templates, clock, logger },
    trx,
    found,
    updated,
    actor,
    onDuty,
  );
}
