import type { PresentContext } from '../cases/cases.presenter';
import { formatTime } from '../shared/time-format';
import type { CallbackTask } from './callbacks.models';

/** A call-back task as the case page shows it. */
export function presentCallbackTask(task: CallbackTask, context: PresentContext) {
  const person = (id: number | null) =>
    id === null ? null : { id, name: context.staff.get(id)?.name ?? null };
  return {
    id: task.id,
    reason: task.reason,
    errorCode: task.errorCode,
    assignee: person(task.assigneeId),
    dueAt: formatTime(task.dueAt, context.zone),
    attempts: task.attempts,
    createdAt: formatTime(task.createdAt, context.zone),
    doneAt: formatTime(task.doneAt, context.zone),
    outcome: task.outcome,
    note: task.note,
    doneBy: person(task.doneBy),
  };
}
