import type { Selectable } from 'kysely';
import type { Db, DbOrTransaction } from '../shared/db';
import type { CallbackTasksTable } from '../shared/db.schema';
import type {
  CallbackOutcome,
  CallbackReason,
  CallbackTask,
  CallbackTaskOutcome,
  OpenCallback,
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

/**
 * Call-back tasks. Every write takes the caller's transaction, so a task is raised together with
 * the failure that caused it, and settled together with the call that ends it. This repository
 * writes only `callback_tasks`; the events about a task go on the case's audit trail through the
 * cases repository, from the use cases that raise and settle tasks (callbacks.tasks.ts).
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
    return toCallbackTask(row);
  }

  return {
    raise,
    listOpenForCase,

    /** Ends the case's open tasks for `reason` without a call (the text arrived after all, ...); returns their ids. */
    async settleOpen(
      trx: DbOrTransaction,
      settle: {
        caseId: number;
        reason: CallbackReason;
        outcome: Exclude<CallbackTaskOutcome, CallbackOutcome>;
        now: string;
      },
    ): Promise<number[]> {
      const settled = await trx
        .updateTable('callback_tasks')
        .set({ done_at: settle.now, outcome: settle.outcome, updated_at: settle.now })
        .where('case_id', '=', settle.caseId)
        .where('reason', '=', settle.reason)
        .where('done_at', 'is', null)
        .returning('id')
        .execute();
      return settled.map((task) => task.id);
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

    /**
     * One page of open tasks with their cases, soonest due first, after `after` (keyset paging on the
     * open-tasks index): the callbacks job reads every page, so no task is left unreminded.
     */
    async listOpen(page: { after?: OpenCallbackCursor; limit: number }): Promise<OpenCallback[]> {
      const { after } = page;
      const rows = await db
        .selectFrom('callback_tasks')
        .innerJoin('cases', 'cases.id', 'callback_tasks.case_id')
        .selectAll('callback_tasks')
        .select(['cases.ref', 'cases.phone', 'cases.assignee_id as case_assignee_id'])
        .where('callback_tasks.done_at', 'is', null)
        .$if(after !== undefined, (query) =>
          query.where((eb) =>
            eb(
              eb.refTuple('callback_tasks.due_at', 'callback_tasks.id'),
              '>',
              eb.tuple(after!.dueAt, after!.id),
            ),
          ),
        )
        .orderBy('callback_tasks.due_at')
        .orderBy('callback_tasks.id')
        .limit(page.limit)
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

/** Where the previous page of open tasks ended. */
export interface OpenCallbackCursor {
  dueAt: string;
  id: number;
}

export type CallbacksRepository = ReturnType<typeof createCallbacksRepository>;
