import { systemActor } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { DbOrTransaction } from '../shared/db';
import type { CallbackOutcome, CallbackReason, CallbackTask, CallbackTaskOutcome } from './callbacks.models';
import type { CallbacksRepository, NewCallbackTask } from './callbacks.repository';

// Raising and settling a call-back task, each with its event on the case's audit trail, in the
// caller's transaction: the one way tasks start and end without a call being logged.

export interface CallbackTaskDeps {
  casesRepository: Pick<CasesRepository, 'appendEvent'>;
  callbacksRepository: Pick<CallbacksRepository, 'raise' | 'settleOpen'>;
}

/** Owes the case's citizen a call, unless a task for the same reason is still open. */
export async function raiseCallbackTask(
  { casesRepository, callbacksRepository }: CallbackTaskDeps,
  trx: DbOrTransaction,
  task: NewCallbackTask,
): Promise<CallbackTask | null> {
  const raised = await callbacksRepository.raise(trx, task);
  if (!raised) return null;
  await casesRepository.appendEvent(trx, {
    caseId: task.caseId,
    at: task.now,
    type: 'callback_raised',
    actor: systemActor,
    data: {
      taskId: raised.id,
      reason: task.reason,
      dueAt: task.dueAt,
      ...(task.outboxId ? { outboxId: task.outboxId } : {}),
      ...(task.errorCode ? { errorCode: task.errorCode } : {}),
    },
  });
  return raised;
}

/** The call is no longer owed (the text arrived, the caller left a message): ends the open tasks for `reason`. */
export async function settleCallbackTasks(
  { casesRepository, callbacksRepository }: CallbackTaskDeps,
  trx: DbOrTransaction,
  settle: {
    caseId: number;
    reason: CallbackReason;
    outcome: Exclude<CallbackTaskOutcome, CallbackOutcome>;
    now: string;
  },
): Promise<number> {
  const taskIds = await callbacksRepository.settleOpen(trx, settle);
  for (const taskId of taskIds) {
    await casesRepository.appendEvent(trx, {
      caseId: settle.caseId,
      at: settle.now,
      type: 'callback_done',
      actor: systemActor,
      data: { taskId, outcome: settle.outcome },
    });
  }
  return taskIds.length;
}
