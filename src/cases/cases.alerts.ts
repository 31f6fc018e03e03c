import type { Categories } from '../content/categories';
import type { Templates } from '../content/templates';
import { listRefs } from '../notices/notices.models';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { DbOrTransaction } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { type Case, chooseUrgentRecipients, type OnDuty, summarize, systemActor } from './cases.models';
import type { CasesRepository } from './cases.repository';

// Keeps the Chinese urgent alert within one 70-character SMS segment.
const URGENT_SUMMARY_LENGTH = 30;

export interface QueueOfficerAlertDeps {
  outbox: OutboxRepository;
  templates: Templates;
}

/**
 * Tells a staff member, in their language, that a case is now theirs, and where when the place is
 * one of the gazetteer's (a call's words or a text's place): an officer on the street goes there.
 */
export function queueOfficerAlert(
  { outbox, templates }: QueueOfficerAlertDeps,
  trx: DbOrTransaction,
  found: Case,
  officer: Staff,
) {
  return outbox.enqueue(trx, {
    to: officer.phone,
    purpose: 'officer_alert',
    caseId: found.id,
    staffId: officer.id,
    body: renderOfficerAlert(templates, found, officer),
  });
}

function renderOfficerAlert(templates: Templates, found: Case, officer: Staff): string {
  const vars = {
    ref: found.ref,
    channel: templates.render(`channel.${found.channel}`, officer.language),
    phone: found.phone ?? '',
    summary: summarize(found.description),
  };
  // Only a gazetteer place: the template comes with places.json, typed text may come without.
  if (found.placeId && found.place) {
    return templates.render('officerAlertWithPlace', officer.language, { ...vars, place: found.place });
  }
  return templates.render('officerAlert', officer.language, vars);
}

export interface QueueUrgentAlertDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  logger: Logger;
}

/**
 * An urgent case is told at once, in the transaction that opens it, to the supervisors to tell
 * (see chooseUrgentRecipients for who hears when the supervisor has the case), with an
 * `urgent_alerted` event saying who was told. A case raised to urgent at triage is told the same
 * way, at that moment (`at`).
 */
export async function queueUrgentAlert(
  { casesRepository, staffRepository, outbox, templates, categories, logger }: QueueUrgentAlertDeps,
  trx: DbOrTransaction,
  created: Case,
  assignee: Staff | null,
  onDuty: OnDuty,
  at: string = created.createdAt,
): Promise<void> {
  if (created.priority !== 'urgent') return;
  const activeSupervisors = await staffRepository.listActiveSupervisors(trx);
  const choice = chooseUrgentRecipients(onDuty, activeSupervisors, created.assigneeId, created);
  if (choice.staff.length === 0) {
    logger.warn({ ref: created.ref, recipients: choice.kind }, 'an urgent case and nobody else to tell');
  }
  for (const recipient of choice.staff) {
    const { language } = recipient;
    await outbox.enqueue(trx, {
      to: recipient.phone,
      purpose: 'urgent_alert',
      caseId: created.id,
      staffId: recipient.id,
      body: templates.render('urgentAlert', language, {
        ref: created.ref,
        category: categories.name(created.category, language),
        assignee: assignee?.name ?? templates.render('nobody', language),
        summary: summarize(created.description, URGENT_SUMMARY_LENGTH),
      }),
    });
  }
  await casesRepository.appendEvent(trx, {
    caseId: created.id,
    at,
    type: 'urgent_alerted',
    actor: systemActor,
    data: { recipients: choice.kind, staffIds: choice.staff.map((staff) => staff.id) },
  });
}

export interface QueueUnclaimedCasesAlertDeps {
  outbox: OutboxRepository;
  templates: Templates;
  logger: Logger;
}

/** A long absence can leave dozens; the text stays short, and the console lists them all. */
const UNCLAIMED_REFS_LISTED = 10;

/**
 * Tells the supervisors that an absent officer's cases found nobody on duty to take them: the ten
 * due soonest, and how many more.
 */
export async function queueUnclaimedCasesAlert(
  { outbox, templates, logger }: QueueUnclaimedCasesAlertDeps,
  trx: DbOrTransaction,
  { absent, cases, supervisors }: { absent: Staff; cases: readonly Case[]; supervisors: readonly Staff[] },
): Promise<void> {
  if (supervisors.length === 0) {
    logger.warn(
      { refs: cases.map((found) => found.ref) },
      'an absent officer’s cases and no supervisor to tell',
    );
  }
  const soonestDue = [...cases].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.id - b.id);
  const list = listRefs(
    soonestDue.slice(0, UNCLAIMED_REFS_LISTED).map((found) => found.ref),
    cases.length,
  );
  for (const supervisor of supervisors) {
    await outbox.enqueue(trx, {
      to: supervisor.phone,
      purpose: 'supervisor_alert',
      caseId: cases.length === 1 ? cases[0].id : null,
      staffId: supervisor.id,
      body: templates.render('handoverUnclaimed', supervisor.language, { name: absent.name, list }),
    });
  }
}
