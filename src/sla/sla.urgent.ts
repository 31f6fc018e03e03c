import type { CaseDeps, OnDuty } from '../cases/cases.deps';
import { type Case, summarize, systemActor } from '../cases/cases.models';
import type { DbOrTransaction } from '../shared/db';
import type { Staff } from '../staff/staff.models';
import { chooseUrgentRecipients } from './sla.models';
import { findActiveSupervisors } from './sla.repository';

// Keeps the Chinese alert within one 70-character SMS segment.
const SUMMARY_LENGTH = 30;

/**
 * An urgent case is told at once, in the transaction that opens it, to the supervisor on duty (see
 * chooseUrgentRecipients for who hears when that is the assignee or nobody), with an
 * `urgent_alerted` event saying who was told.
 */
export async function queueUrgentAlert(
  deps: CaseDeps,
  trx: DbOrTransaction,
  created: Case,
  assignee: Staff | null,
  onDuty: OnDuty,
): Promise<void> {
  if (created.priority !== 'urgent') return;
  const choice = chooseUrgentRecipients(created.onDuty, created.assigneeId);
  let recipients: Staff[] = [];
  if (choice.kind === 'supervisor' || choice.kind === 'backup') {
    const member = onDuty[choice.kind];
    recipients = member ? [member] : [];
  } else if (choice.kind === 'all_supervisors') {
    recipients = (await findActiveSupervisors(trx, deps.staffRepository)).filter(
      (supervisor) => supervisor.id !== created.assigneeId,
    );
  }
  if (recipients.length === 0) {
    deps.logger.warn({ ref: created.ref, recipients: choice.kind }, 'an urgent case and nobody else to tell');
  }
  for (const recipient of recipients) {
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
        summary: summarize(created.description, SUMMARY_LENGTH),
      }),
    });
  }
  await deps.casesRepository.appendEvent(trx, {
    caseId: created.id,
    at: created.createdAt,
    type: 'urgent_alerted',
    actor: systemActor,
    data: { recipients: choice.kind, staffIds: recipients.map((staff) => staff.id) },
  });
}
