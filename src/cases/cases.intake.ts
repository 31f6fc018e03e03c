import type { Priority } from '../content/categories';
import type { DbOrTransaction } from '../shared/db';
import { maskPhone } from '../shared/phone';
import type { Language, Staff } from '../staff/staff.models';
import { generateReference } from './case-reference';
import { queueOfficerAlert, queueUrgentAlert } from './cases.alerts';
import type { CaseDeps, OnDuty } from './cases.deps';
import { type Actor, addHours, type Case, type Channel, chooseAssignee } from './cases.models';

export interface NewCase {
  channel: Channel;
  phone: string | null;
  language: Language;
  category: string;
  priority: Priority;
  description: string;
  actor: Actor;
  /** Who takes it, when not the duty roster's choice (the officer who accepted a call). */
  assignTo?: Staff;
  /** The citizen's receipt; a call-back case says so instead of "complaint received". */
  receiptTemplate?: 'receipt' | 'callbackReceipt';
  recording?: { sid: string; durationSeconds: number | null };
  missed?: boolean;
  callSid?: string;
  /** Where it is about, when staff know it (a letter, a visit); the KPI hotspots group by it. */
  place?: string | null;
}

async function uniqueReference(deps: CaseDeps, trx: DbOrTransaction): Promise<string> {
  for (;;) {
    const ref = generateReference(deps.randomInt);
    if (!(await deps.casesRepository.refExists(trx, ref))) return ref;
  }
}

/**
 * Opens a case inside the caller's transaction: the record, the assignee (chooseAssignee: the
 * primary on duty, else the backup, else the supervisor), the citizen's receipt and the officer's
 * alert, all or nothing. The roster is read before the transaction, because SQLite has one connection.
 */
export async function openCase(
  deps: CaseDeps,
  trx: DbOrTransaction,
  input: NewCase,
  onDuty: OnDuty,
): Promise<Case> {
  const now = deps.clock.now().toISOString();
  const assignee = input.assignTo ?? chooseAssignee(onDuty);
  const commitment = deps.categories.commitment(input.category, input.priority);
  const created = await deps.casesRepository.insert(trx, {
    ref: await uniqueReference(deps, trx),
    status: assignee ? 'assigned' : 'received',
    channel: input.channel,
    phone: input.phone,
    language: input.language,
    category: input.category,
    priority: input.priority,
    description: input.description,
    assignee_id: assignee?.id ?? null,
    on_duty: JSON.stringify({
      primary: onDuty.primary?.id ?? null,
      backup: onDuty.backup?.id ?? null,
      supervisor: onDuty.supervisor?.id ?? null,
    }),
    due_at: addHours(now, commitment.resultHours),
    ack_due_at: addHours(now, commitment.acknowledgeHours),
    recording_sid: input.recording?.sid ?? null,
    recording_duration: input.recording?.durationSeconds ?? null,
    missed: input.missed ? 1 : 0,
    call_sid: input.callSid ?? null,
    place: input.place ?? null,
    created_at: now,
    updated_at: now,
  });
  await deps.casesRepository.appendEvent(trx, {
    caseId: created.id,
    at: now,
    type: 'created',
    actor: input.actor,
    data: { channel: input.channel, category: input.category, priority: input.priority },
  });
  if (assignee) {
    await deps.casesRepository.appendEvent(trx, {
      caseId: created.id,
      at: now,
      type: 'assigned',
      actor: { type: 'system', staffId: null, channel: 'system' },
      data: { staffId: assignee.id, reason: assignmentReason(input, onDuty) },
    });
  }

  if (input.phone) {
    await deps.outbox.enqueue(trx, {
      to: input.phone,
      purpose: 'receipt',
      caseId: created.id,
      body: deps.templates.render(input.receiptTemplate ?? 'receipt', input.language, {
        ref: created.ref,
        hours: commitment.resultHours,
      }),
    });
  }
  if (assignee) await queueOfficerAlert(deps, trx, created, assignee);
  await queueUrgentAlert(deps, trx, created, assignee, onDuty);
  await alertSupervisorWhenPrimaryMissing(deps, trx, created, assignee, onDuty);
  return created;
}

function assignmentReason(input: NewCase, onDuty: OnDuty): string {
  if (input.assignTo) return 'accepted_call';
  return onDuty.primary ? 'primary_on_duty' : 'no_primary_on_duty';
}

async function alertSupervisorWhenPrimaryMissing(
  deps: CaseDeps,
  trx: DbOrTransaction,
  created: Case,
  assignee: Staff | null,
  onDuty: OnDuty,
) {
  if (onDuty.primary) return;
  deps.logger.warn(
    { ref: created.ref, phone: maskPhone(created.phone) },
    'a case arrived with no primary on duty',
  );
  const supervisor = onDuty.supervisor;
  if (!supervisor || supervisor.id === assignee?.id) return;
  await deps.outbox.enqueue(trx, {
    to: supervisor.phone,
    purpose: 'supervisor_alert',
    caseId: created.id,
    staffId: supervisor.id,
    body: deps.templates.render('supervisorUncovered', supervisor.language, {
      ref: created.ref,
      assignee: assignee?.name ?? deps.templates.render('nobody', supervisor.language),
    }),
  });
}
