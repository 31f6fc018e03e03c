import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import { type ClosingReason, decideClosing } from '../satisfaction/satisfaction.models';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { queueOfficerAlert } from './cases.alerts';
import { NO_FEEDBACK_YET } from './cases.delivery';
import {
  type Actor,
  type Case,
  canAcknowledge,
  canResolve,
  concernsStaff,
  needsSignOff,
  type OnDuty,
} from './cases.models';
import { queueResultAndQuestion, queueResultToMergedReporters } from './cases.reporters';
import type { CasesRepository } from './cases.repository';

// Each step changes one case inside the caller's transaction and appends its event, so the
// audit trail and the state can never disagree.

function invalidTransition(found: Case, action: string): AppError {
  return new AppError(
    409,
    'case.invalid_transition',
    `Case ${found.ref} is ${found.status}; cannot ${action}`,
  );
}

/** Why a case changed hands, when not a plain reassignment; kept on its `assigned` event. */
export type AssignmentReason = 'claimed' | 'handover_sick' | 'handover_absence' | 'about_staff';

export interface AssignCaseDeps {
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
}

/**
 * Gives the case to `assignee`, or to nobody, with an `assigned` event naming the previous holder.
 * The new holder is alerted, unless they made the change themselves.
 */
export async function assignCase(
  { casesRepository, outbox, templates, clock }: AssignCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  assignee: Staff | null,
  actor: Actor,
  reason?: AssignmentReason,
) {
  if (!canResolve(found.status)) throw invalidTransition(found, 'assign');
  if (assignee && concernsStaff(found, assignee.id)) {
    throw new AppError(
      409,
      'case.assignee_concerned',
      `Case ${found.ref} is a complaint about ${assignee.name}; it cannot be theirs`,
    );
  }
  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    assignee_id: assignee?.id ?? null,
    status: statusWhenAssigned(found, assignee),
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'assigned',
    actor,
    data: { staffId: assignee?.id ?? null, previousStaffId: found.assigneeId, ...(reason ? { reason } : {}) },
  });
  if (assignee && assignee.id !== found.assigneeId && assignee.id !== actor.staffId)
    await queueOfficerAlert({ outbox, templates }, trx, updated, assignee);
  return updated;
}

// `received` means nobody holds the case yet; later statuses keep their meaning under a new holder.
function statusWhenAssigned(found: Case, assignee: Staff | null): Case['status'] {
  if (assignee && found.status === 'received') return 'assigned';
  if (!assignee && found.status === 'assigned') return 'received';
  return found.status;
}

/**
 * Someone acting on an open case nobody holds takes it first, so that no step is ever done with
 * nobody responsible. Who may do so is the channel's decision (see canActOnCase).
 */
export async function claimCase(
  { casesRepository, outbox, templates, clock }: AssignCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  claimant: Staff,
  actor: Actor,
): Promise<Case> {
  if (found.assigneeId !== null || !canResolve(found.status)) return found;
  return assignCase({ casesRepository, outbox, templates, clock }, trx, found, claimant, actor, 'claimed');
}

export interface AcknowledgeCaseDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
}

export async function acknowledgeCase(
  { casesRepository, staffRepository, outbox, templates, clock }: AcknowledgeCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  actor: Actor,
) {
  if (!canAcknowledge(found.status)) throw invalidTransition(found, 'acknowledge');
  const claimant =
    found.assigneeId === null && actor.staffId !== null
      ? await staffRepository.findById(actor.staffId, trx)
      : undefined;
  const held = claimant
    ? await claimCase({ casesRepository, outbox, templates, clock }, trx, found, claimant, actor)
    : found;
  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    status: 'acknowledged',
    acknowledged_at: held.acknowledgedAt ?? now,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, { caseId: found.id, at: now, type: 'acknowledged', actor });
  return updated;
}

export interface RecordResultDeps {
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  /** A text, or a survey call where citizens cannot text back. */
  askSatisfaction: AskSatisfaction;
}

/**
 * Resolves the case and queues, for every reporter (its citizen and those of the cases merged into
 * it, each number once), the result and the satisfaction question.
 */
export async function recordResult(
  { casesRepository, outbox, templates, clock, askSatisfaction }: RecordResultDeps,
  trx: DbOrTransaction,
  found: Case,
  text: string,
  actor: Actor,
) {
  if (!canResolve(found.status)) throw invalidTransition(found, 'record a result');
  // A result needs someone who answers for it; over SMS the sender claims the case first.
  if (found.assigneeId === null)
    throw new AppError(409, 'case.unassigned', `Case ${found.ref} has no assignee; assign it first`);
  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    status: 'resolved',
    result: text,
    resolved_at: now,
    ...NO_FEEDBACK_YET,
    satisfaction_asked_at: found.phone ? now : null,
    satisfaction_answer: null,
    satisfaction_answered_at: null,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'resolved',
    actor,
    data: { result: text },
  });
  if (found.phone) {
    await queueResultAndQuestion({ outbox, templates, askSatisfaction }, trx, {
      reporter: found,
      ref: found.ref,
      result: text,
    });
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now,
      type: 'satisfaction_asked',
      actor,
    });
  }
  await queueResultToMergedReporters(
    { casesRepository, outbox, templates, clock, askSatisfaction },
    trx,
    updated,
    text,
    actor,
  );
  return updated;
}

export interface AddNoteDeps {
  casesRepository: CasesRepository;
  clock: Clock;
}

export async function addNote(
  { casesRepository, clock }: AddNoteDeps,
  trx: DbOrTransaction,
  found: Case,
  text: string,
  actor: Actor,
) {
  const now = clock.now().toISOString();
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'note',
    actor,
    data: { text },
  });
  return casesRepository.update(trx, found.id, { updated_at: now });
}

export interface ReopenCaseDeps {
  casesRepository: CasesRepository;
  clock: Clock;
}

export async function reopenCase(
  { casesRepository, clock }: ReopenCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  reason: string,
  actor: Actor,
) {
  if (found.status !== 'resolved' && found.status !== 'closed') throw invalidTransition(found, 'reopen');
  const now = clock.now().toISOString();
  const updated = await casesRepository.update(trx, found.id, {
    status: 'reopened',
    closed_at: null,
    // A sign-off covers one resolution; the next one needs its own.
    signed_off_at: null,
    signed_off_by: null,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'reopened',
    actor,
    data: { reason },
  });
  return updated;
}

export interface RecordSatisfactionAnswerDeps {
  casesRepository: CasesRepository;
  clock: Clock;
}

/** Stores a citizen's answer on their case, with its event; `about` names the case it judged, if another. */
export async function recordSatisfactionAnswer(
  { casesRepository, clock }: RecordSatisfactionAnswerDeps,
  trx: DbOrTransaction,
  found: Case,
  answer: 'satisfied' | 'unsatisfied',
  actor: Actor,
  about?: string,
) {
  const now = clock.now().toISOString();
  await casesRepository.update(trx, found.id, {
    satisfaction_answer: answer,
    satisfaction_answered_at: now,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'satisfaction_answered',
    actor,
    data: about ? { answer, about } : { answer },
  });
}

export interface AnswerSatisfactionDeps {
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
}

/**
 * The citizen's answer to "are you satisfied?". Satisfied closes the case, unless it needs a
 * supervisor's sign-off first; unsatisfied reopens it and tells the supervisor on duty.
 */
export async function answerSatisfaction(
  { casesRepository, outbox, templates, clock }: AnswerSatisfactionDeps,
  trx: DbOrTransaction,
  found: Case,
  answer: 'satisfied' | 'unsatisfied',
  actor: Actor,
  onDuty: OnDuty,
) {
  await recordSatisfactionAnswer({ casesRepository, clock }, trx, found, answer, actor);
  if (answer === 'unsatisfied') {
    const reopened = await reopenCase({ casesRepository, clock }, trx, found, 'citizen unsatisfied', actor);
    const supervisor = onDuty.supervisor;
    if (supervisor && !concernsStaff(found, supervisor.id)) {
      await outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'supervisor_alert',
        caseId: found.id,
        staffId: supervisor.id,
        body: templates.render('supervisorUnsatisfied', supervisor.language, { ref: found.ref }),
      });
    }
    return reopened;
  }
  if (needsSignOff(found) && found.signedOffAt === null)
    return (await casesRepository.findById(found.id, trx))!;
  return closeResolvedCase({ casesRepository, clock }, trx, found, 'satisfied', actor);
}

export interface CloseResolvedCaseDeps {
  casesRepository: CasesRepository;
  clock: Clock;
}

/** Closes a resolved case for good; the event says why (the citizen's answer, or the window's end). */
export async function closeResolvedCase(
  { casesRepository, clock }: CloseResolvedCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  reason: ClosingReason,
  actor: Actor,
): Promise<Case> {
  const now = clock.now().toISOString();
  const closed = await casesRepository.update(trx, found.id, {
    status: 'closed',
    closed_at: now,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'closed',
    actor,
    data: { reason },
  });
  return closed;
}

export interface SignOffCaseDeps {
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
  clock: Clock;
  /** How long a resolved case waits for the citizen's answer before it may close (SATISFACTION_WINDOW_HOURS). */
  satisfactionWindowHours: number;
}

/**
 * A supervisor's sign-off on a resolved important or urgent case. If the citizen already said
 * satisfied, or their window ended, the case closes now; otherwise it closes when that happens.
 * Signing off twice changes nothing.
 */
export async function signOffCase(
  { casesRepository, callbacksRepository, clock, satisfactionWindowHours }: SignOffCaseDeps,
  trx: DbOrTransaction,
  found: Case,
  actor: Actor,
) {
  if (!needsSignOff(found)) {
    throw new AppError(
      409,
      'case.sign_off_not_needed',
      `Case ${found.ref} is ${found.priority}; only important, urgent and staff-conduct cases need a sign-off`,
    );
  }
  if (found.status !== 'resolved') throw invalidTransition(found, 'sign off');
  if (found.signedOffAt !== null) return found;
  const now = clock.now().toISOString();
  const signed = await casesRepository.update(trx, found.id, {
    signed_off_at: now,
    signed_off_by: actor.staffId,
    updated_at: now,
  });
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'signed_off',
    actor,
    data: { satisfaction: found.satisfactionAnswer },
  });
  const callbackOpen = await callbacksRepository.hasOpen(found.id, trx);
  const verdict = decideClosing(signed, clock.now(), satisfactionWindowHours, callbackOpen);
  return verdict.kind === 'close'
    ? closeResolvedCase({ casesRepository, clock }, trx, signed, verdict.reason, actor)
    : signed;
}
