import type { DbOrTransaction } from '../shared/db';
import type { Staff } from '../staff/staff.models';
import type { CaseDeps, OnDuty } from './cases.deps';
import { type Case, chooseUrgentRecipients, summarize, systemActor } from './cases.models';

// Keeps the Chinese urgent alert within one 70-character SMS segment.
const URGENT_SUMMARY_LENGTH = 30;

/** Tells a staff member, in their language, that a case is now theirs. */
export function queueOfficerAlert(
  deps: Pick<CaseDeps, 'outbox' | 'templates'>,
  trx: DbOrTransaction,
  found: Case,
  officer: Staff,
) {
  return deps.outbox.enqueue(trx, {
    to: officer.phone,
    purpose: 'officer_alert',
    caseId: found.id,
    staffId: officer.id,
    body: deps.templates.render('officerAlert', officer.language, {
      ref: found.ref,
      channel: deps.templates.render(`channel.${found.channel}`, officer.language),
      phone: found.phone ?? '',
      summary: summarize(found.description),
    }),
  });
}

/**
 * An urgent case is told at once, in the transaction that opens it, to the supervisors to tell
 * (see chooseUrgentRecipients for who hears when the supervisor has the case), with an
 * `urgent_alerted` event saying who was told.
 */
export async function queueUrgentAlert(
  deps: Pick<
    CaseDeps,
    'outbox' | 'templates' | 'categories' | 'casesRepository' | 'staffRepository' | 'logger'
  >,
  trx: DbOrTransaction,
  created: Case,
  assignee: Staff | null,
  onDuty: OnDuty,
): Promise<void> {
  if (created.priority !== 'urgent') return;
  const activeSupervisors = await deps.staffRepository.listActiveSupervisors(trx);
  const choice = chooseUrgentRecipients(onDuty, activeSupervisors, created.assigneeId);
  if (choice.staff.length === 0) {
    deps.logger.warn({ ref: created.ref, recipients: choice.kind }, 'an urgent case and nobody else to tell');
  }
  for (const recipient of choice.staff) {
    const { language } = recipient;
    await deps.outbox.enqueue(trx, {
      to: recipient.phone,
      purpose: 'urgent_alert',
      caseId: created.id,
      staffId: recipient.id,
      body: deps.templates.render('urgentAlert', language, {
        ref: created.ref,
        category: deps.categories.name(created.category, language),
        assignee: assignee?.name ?? deps.templates.render('nobody', language),
        summary: summarize(created.description, URGENT_SUMMARY_LENGTH),
      }),
    });
  }
  await deps.casesRepository.appendEvent(trx, {
    caseId: created.id,
    at: created.createdAt,
    type: 'urgent_alerted',
    actor: systemActor,
    data: { recipients: choice.kind, staffIds: choice.staff.map((staff) => staff.id) },
  });
}

/** Tells the supervisors that an absent officer's cases found nobody on duty to take them. */
export async function queueUnclaimedCasesAlert(
  deps: Pick<CaseDeps, 'outbox' | 'templates' | 'logger'>,
  trx: DbOrTransaction,
  { absent, cases, supervisors }: { absent: Staff; cases: readonly Case[]; supervisors: readonly Staff[] },
): Promise<void> {
  if (supervisors.length === 0) {
    deps.logger.warn(
      { refs: cases.map((found) => found.ref) },
      'an absent officer’s cases and no supervisor to tell',
    );
  }
  const list = cases.map((found) => found.ref).join(', ');
  for (const supervisor of supervisors) {
    await deps.outbox.enqueue(trx, {
      to: supervisor.phone,
      purpose: 'supervisor_alert',
      caseId: cases.length === 1 ? cases[0].id : null,
      staffId: supervisor.id,
      body: deps.templates.render('handoverUnclaimed', supervisor.language, { name: absent.name, list }),
    });
  }
}
