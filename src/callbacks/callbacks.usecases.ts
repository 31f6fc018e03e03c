import { answerSatisfaction } from '../cases/cases.lifecycle';
import type { Actor, Case, OnDuty } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import { applyCallbackOutcome, type CallbackOutcome, type CallbackTask } from './callbacks.models';
import type { CallbacksRepository } from './callbacks.repository';

export interface CallbackLog {
  outcome: CallbackOutcome;
  note: string;
  /** Ends the open tasks even after `no_answer`: a supervisor giving up on a number. */
  close?: boolean;
  /** What the citizen said on the phone when asked whether they are satisfied. */
  satisfaction?: 'satisfied' | 'unsatisfied';
}

export interface LoggedCallback {
  found: Case;
  tasks: CallbackTask[];
  /** When the next try is due after `no_answer`; null when nothing more is owed. */
  nextDueAt: string | null;
}

/** A call was made to the case's citizen whose result is known: whether they were told it. */
function givesFeedback(found: Case, tasks: CallbackTask[]): boolean {
  if (tasks.some((task) => task.reason === 'feedback_undeliverable')) return true;
  return found.result !== null && (found.status === 'resolved' || found.status === 'closed');
}

export interface LogCallbackDeps {
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
}

/**
 * Records a call to the citizen, made by staff, inside the caller's transaction. Every open task
 * of the case takes the outcome. A call that reached the citizen about a result completes the
 * case's feedback as `via: 'call'` (an SMS delivered earlier keeps its proof). `no_answer` keeps
 * the tasks open, counts an attempt and moves their due time on.
 */
export async function logCallback(
  { casesRepository, callbacksRepository, outbox, templates, clock }: LogCallbackDeps,
  trx: DbOrTransaction,
  found: Case,
  log: CallbackLog,
  actor: Actor,
  onDuty: OnDuty | null,
): Promise<LoggedCallback> {
  if (log.satisfaction && (log.outcome !== 'reached' || found.status !== 'resolved')) {
    throw new AppError(
      409,
      'callback.satisfaction_not_expected',
      `Case ${found.ref} is ${found.status}; a satisfaction answer is recorded only when a call reaches the citizen of a resolved case`,
    );
  }
  const now = clock.now().toISOString();
  const open = await callbacksRepository.listOpenForCase(trx, found.id);
  const step = applyCallbackOutcome(log.outcome, log.close ?? false, now);
  const note = log.note === '' ? null : log.note;
  const tasks: CallbackTask[] = [];
  for (const task of open) {
    tasks.push(
      step.kind === 'retry'
        ? await callbacksRepository.recordAttempt(trx, task.id, now, step.dueAt)
        : await callbacksRepository.complete(trx, task.id, {
            now,
            outcome: step.outcome,
            note,
            doneBy: actor.staffId,
          }),
    );
  }
  const nextDueAt = step.kind === 'retry' && tasks.length > 0 ? step.dueAt : null;
  await casesRepository.appendEvent(trx, {
    caseId: found.id,
    at: now,
    type: 'callback_logged',
    actor,
    data: {
      outcome: log.outcome,
      note: log.note,
      taskIds: tasks.map((task) => task.id),
      ...(nextDueAt ? { nextDueAt } : {}),
      ...(step.kind === 'done' && log.outcome === 'no_answer' ? { closed: true } : {}),
    },
  });

  let current = found;
  if (log.outcome === 'reached' && givesFeedback(found, open) && found.feedbackDeliveredAt === null) {
    current = await casesRepository.update(trx, found.id, {
      feedback_via: 'call',
      feedback_sent_at: found.feedbackSentAt ?? now,
      feedback_delivered_at: now,
      updated_at: now,
    });
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now,
      type: 'feedback_delivered',
      actor,
      data: { via: 'call' },
    });
  }
  if (log.satisfaction) {
    current = await casesRepository.update(trx, found.id, {
      satisfaction_asked_at: current.satisfactionAskedAt ?? now,
      updated_at: now,
    });
    if (!onDuty) throw new Error('logCallback: a satisfaction answer needs who is on duty');
    current = await answerSatisfaction(
      { casesRepository, outbox, templates, clock },
      trx,
      current,
      log.satisfaction,
      actor,
      onDuty,
    );
  }
  return { found: current, tasks, nextDueAt };
}
