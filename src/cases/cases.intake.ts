import type { Categories, Priority } from '../content/categories';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import type { Language, Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { generateReference } from './case-reference';
import { queueOfficerAlert, queueUrgentAlert } from './cases.alerts';
import {
  type Actor,
  addHours,
  type Case,
  type Channel,
  chooseAssignee,
  concernsStaff,
  isAboutStaff,
  type OnDuty,
} from './cases.models';
import type { CasesRepository } from './cases.repository';

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
  /** The gazetteer place it names (see Case.placeId); its receipt then says which place was understood. */
  placeId?: string | null;
  /** The staff member a complaint about staff names (see Case.concernsStaffId). */
  concernsStaffId?: number | null;
}

async function uniqueReference(
  { casesRepository, randomInt }: Pick<OpenCaseDeps, 'casesRepository' | 'randomInt'>,
  trx: DbOrTransaction,
): Promise<string> {
  for (;;) {
    const ref = generateReference(randomInt);
    if (!(await casesRepository.refExists(trx, ref))) return ref;
  }
}

export interface OpenCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
}

/**
 * Opens a case inside the caller's transaction: the record, the assignee (chooseAssignee: the
 * primary on duty, else the backup, else the supervisor), the citizen's receipt and the officer's
 * alert, all or nothing. The roster is read before the transaction, because SQLite has one connection.
 */
export async function openCase(
  { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt }: OpenCaseDeps,
  trx: DbOrTransaction,
  input: NewCase,
  onDuty: OnDuty,
): Promise<Case> {
  const now = clock.now().toISOString();
  const assignee = await chooseIntakeAssignee({ staffRepository }, trx, input, onDuty);
  const commitment = categories.commitment(input.category, input.priority);
  const created = await casesRepository.insert(trx, {
    ref: await uniqueReference({ casesRepository, randomInt }, trx),
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
    place_id: input.placeId ?? null,
    concerns_staff_id: input.concernsStaffId ?? null,
    created_at: now,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: created.id,
    at: now,
    type: 'created',
    actor: input.actor,
    data: { channel: input.channel, category: input.category, priority: input.priority },
  });
  if (assignee) {
    await casesRepository.appendEvent(trx, {
      caseId: created.id,
      at: now,
      type: 'assigned',
      actor: { type: 'system', staffId: null, channel: 'system' },
      data: { staffId: assignee.id, reason: assignmentReason(input, onDuty) },
    });
  }

  if (input.phone) {
    await outbox.enqueue(trx, {
      to: input.phone,
      purpose: 'receipt',
      caseId: created.id,
      body: renderReceipt(templates, input, { ref: created.ref, hours: commitment.resultHours }),
    });
  }
  if (assignee) await queueOfficerAlert({ outbox, templates }, trx, created, assignee);
  await queueUrgentAlert(
    { casesRepository, staffRepository, outbox, templates, categories, logger },
    trx,
    created,
    assignee,
    onDuty,
  );
  await alertSupervisorWhenPrimaryMissing({ outbox, templates, logger }, trx, created, assignee, onDuty);
  return created;
}

/**
 * The officer who accepted the call, else chooseAssignee's pick. A complaint about staff is always
 * chooseAssignee's, asked with the active supervisors, so it never reaches the officer it names.
 */
async function chooseIntakeAssignee(
  { staffRepository }: Pick<OpenCaseDeps, 'staffRepository'>,
  trx: DbOrTransaction,
  input: NewCase,
  onDuty: OnDuty,
): Promise<Staff | null> {
  const subject = { category: input.category, concernsStaffId: input.concernsStaffId ?? null };
  if (!isAboutStaff(subject)) return input.assignTo ?? chooseAssignee(onDuty);
  const activeSupervisors = await staffRepository.listActiveSupervisors(trx);
  return chooseAssignee(onDuty, [], { concernsStaffId: subject.concernsStaffId, activeSupervisors });
}

/** A complaint whose place was understood says which, so that a citizen can correct a wrong one. */
function renderReceipt(templates: Templates, input: NewCase, vars: { ref: string; hours: number }): string {
  const template = input.receiptTemplate ?? 'receipt';
  if (template === 'receipt' && input.placeId && input.place) {
    return templates.render('receiptWithPlace', input.language, { ...vars, place: input.place });
  }
  return templates.render(template, input.language, vars);
}

function assignmentReason(input: NewCase, onDuty: OnDuty): string {
  if (isAboutStaff({ category: input.category, concernsStaffId: input.concernsStaffId ?? null }))
    return 'about_staff';
  if (input.assignTo) return 'accepted_call';
  return onDuty.primary ? 'primary_on_duty' : 'no_primary_on_duty';
}

async function alertSupervisorWhenPrimaryMissing(
  { outbox, templates, logger }: Pick<OpenCaseDeps, 'outbox' | 'templates' | 'logger'>,
  trx: DbOrTransaction,
  created: Case,
  assignee: Staff | null,
  onDuty: OnDuty,
) {
  if (onDuty.primary) return;
  logger.warn(
    { ref: created.ref, phone: maskPhone(created.phone) },
    'a case arrived with no primary on duty',
  );
  const supervisor = onDuty.supervisor;
  if (!supervisor || supervisor.id === assignee?.id || concernsStaff(created, supervisor.id)) return;
  await outbox.enqueue(trx, {
    to: supervisor.phone,
    purpose: 'supervisor_alert',
    caseId: created.id,
    staffId: supervisor.id,
    body: templates.render('supervisorUncovered', supervisor.language, {
      ref: created.ref,
      assignee: assignee?.name ?? templates.render('nobody', supervisor.language),
    }),
  });
}
