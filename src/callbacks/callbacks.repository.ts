import type { Selectable } from 'kysely';
import type { Db, DbOrTransaction } from '../shared/db';
import type { CallbackTasksTable } from '../shared/db.schema';
import {
  type CallbackOutcome,
  type CallbackReason,
  type CallbackTask,
  type CallbackTaskOutcome,
  feedbackCallbackDueAt,
  type OpenCallback,
} from './callbacks.models';

function toCallbackTask(row: Selectable<CallbackTasksTable>): CallbackTask {
  return {
    id: row.id,
    caseId: row.case_id,
    reason: row.reason,
    outboxId: row.outbox_id,
    errorCode: row.error_code,
    assigneeId: row.assignee_id,
    dueAt: row.due_at,
    attempts: row.attempts,
    createdAt: row.created_at,
    doneAt: row.done_at,
    outcome: row.outcome,
    note: row.note,
    doneBy: row.done_by,
    updatedAt: row.updated_at,
  };
}

export interface NewCallbackTask {
  caseId: number;
  reason: CallbackReason;
  dueAt: string;
  now: string;
  outboxId?: number | null;
  errorCode?: string | null;
}

/** The outbox row fields that decide whether a failed text owes the citizen a call. */
export interface EndedMessage {
  id: number;
  purpose: string;
  case_id: number | null;
  error_code: string | null;
}

// Events are written here rather than through the cases repository, because the outbox raises
// tasks from its own transactions (status callbacks, send failures) without the case use cases.
async function appendSystemEvent(
  trx: DbOrTransaction,
  caseId: number,
  at: string,
  type: string,
  data: Record<string, unknown>,
) {
  await trx
    .insertInto('case_events')
    .values({
      case_id: caseId,
      at,
      type,
      actor_type: 'system',
      actor_id: null,
      channel: 'system',
      data: JSON.stringify(data),
    })
    .execute();
}

/**
 * Call-back tasks. Every write takes the caller's transaction, so a task is raised together with
 * the failure that caused it, and settled together with the call that ends it.
 */
export function createCallbacksRepository({ db }: { db: Db }) {
  async function listOpenForCase(trx: DbOrTransaction, caseId: number): Promise<CallbackTask[]> {
    const rows = await trx
      .selectFrom('callback_tasks')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('done_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toCallbackTask);
  }

  /** Raises a task for the case's assignee, unless one for the same reason is still open. */
  async function raise(trx: DbOrTransaction, task: NewCallbackTask): Promise<CallbackTask | null> {
    const open = await listOpenForCase(trx, task.caseId);
    if (open.some((existing) => existing.reason === task.reason)) return null;
    const found = await trx
      .selectFrom('cases')
      .select('assignee_id')
      .where('id', '=', task.caseId)
      .executeTakeFirst();
    if (!found) return null;
    const row = await trx
      .insertInto('callback_tasks')
      .values({
        case_id: task.caseId,
        reason: task.reason,
        outbox_id: task.outboxId ?? null,
        error_code: task.errorCode ?? null,
        assignee_id: found.assignee_id,
        due_at: task.dueAt,
        created_at: task.now,
        updated_at: task.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendSystemEvent(trx, task.caseId, task.now, 'callback_raised', {
      taskId: row.id,
      reason: task.reason,
      dueAt: task.dueAt,
      ...(task.outboxId ? { outboxId: task.outboxId } : {}),
      ...(task.errorCode ? { errorCode: task.errorCode } : {}),
    });
    return toCallbackTask(row);
  }

  async function settle(
    trx: DbOrTransaction,
    caseId: number,
    reason: CallbackReason,
    outcome: Exclude<CallbackTaskOutcome, CallbackOutcome>,
    now: string,
  ): Promise<number> {
    const settled = await trx
      .updateTable('callback_tasks')
      .set({ done_at: now, outcome, updated_at: now })
      .where('case_id', '=', caseId)
      .where('reason', '=', reason)
      .where('done_at', 'is', null)
      .returning('id')
      .execute();
    for (const task of settled) {
      await appendSystemEvent(trx, caseId, now, 'callback_done', { taskId: task.id, outcome });
    }
    return settled.length;
  }

  return {
    raise,
    listOpenForCase,

    /**
     * A result text that ended without reaching the phone (invalid number, landline, opted out,
     * undelivered): the result is owed by phone instead. Other messages owe nothing.
     */
    async raiseForUndeliveredResult(
      trx: DbOrTransaction,
      message: EndedMessage,
      now: string,
    ): Promise<CallbackTask | null> {
      if (message.purpose !== 'result' || message.case_id === null) return null;
      return raise(trx, {
        caseId: message.case_id,
        reason: 'feedback_undeliverable',
        dueAt: feedbackCallbackDueAt(now),
        now,
        outboxId: message.id,
        errorCode: message.error_code,
      });
    },

    /** The result text arrived after a failure report: nobody needs to call about it any more. */
    settleByDelivery(trx: DbOrTransaction, caseId: number, now: string): Promise<number> {
      return settle(trx, caseId, 'feedback_undeliverable', 'sms_delivered', now);
    },

    /** The caller's message arrived after the hang-up was logged: they are heard, not owed a call. */
    settleByMessage(trx: DbOrTransaction, caseId: number, now: string): Promise<number> {
      return settle(trx, caseId, 'abandoned_call', 'message_left', now);
    },

    async recordAttempt(trx: DbOrTransaction, taskId: number, now: string, nextDueAt: string) {
      return toCallbackTask(
        await trx
          .updateTable('callback_tasks')
          .set((eb) => ({ attempts: eb('attempts', '+', 1), due_at: nextDueAt, updated_at: now }))
          .where('id', '=', taskId)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    },

    async complete(
      trx: DbOrTransaction,
      taskId: number,
      done: { now: string; outcome: CallbackOutcome; note: string | null; doneBy: number | null },
    ) {
      return toCallbackTask(
        await trx
          .updateTable('callback_tasks')
          .set((eb) => ({
            attempts: done.outcome === 'no_answer' ? eb('attempts', '+', 1) : eb.ref('attempts'),
            done_at: done.now,
            outcome: done.outcome satisfies CallbackTaskOutcome,
            note: done.note,
            done_by: done.doneBy,
            updated_at: done.now,
          }))
          .where('id', '=', taskId)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    },

    async hasOpen(caseId: number, trx: DbOrTransaction = db): Promise<boolean> {
      return (await listOpenForCase(trx, caseId)).length > 0;
    },

    async listForCase(caseId: number): Promise<CallbackTask[]> {
      const rows = await db
        .selectFrom('callback_tasks')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toCallbackTask);
    },

    /** Every open task, soonest due first, with its case; there are few, since each is a phone call owed. */
    async listOpen(limit = 1000): Promise<OpenCallback[]> {
      const rows = await db
        .selectFrom('callback_tasks')
        .innerJoin('cases', 'cases.id', 'callback_tasks.case_id')
        .selectAll('callback_tasks')
        .select(['cases.ref', 'cases.phone', 'cases.assignee_id as case_assignee_id'])
        .where('callback_tasks.done_at', 'is', null)
        .orderBy('callback_tasks.due_at')
        .orderBy('callback_tasks.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ...toCallbackTask(row),
        ref: row.ref,
        phone: row.phone,
        caseAssigneeId: row.case_assignee_id,
      }));
    },
  };
}

export type CallbacksRepository = ReturnType<typeof createCallbacksRepository>;
