import { systemActor } from '../cases/cases.models';
import { supervisorsOnDutyOrAll } from '../notices/notices.deps';
import type { Staff } from '../staff/staff.models';
import type { CallbacksJobDeps } from './callbacks.deps';
import { formatDueTime } from './callbacks.format';
import {
  callbackEscalationKey,
  callbackReminderKey,
  isCallbackOverdue,
  type OpenCallback,
} from './callbacks.models';
import type { OpenCallbackCursor } from './callbacks.repository';

export interface CallbacksRunResult {
  open: number;
  reminded: number;
  escalated: number;
}

/**
 * callbacks: every open call-back task reminds the case's assignee once per due time (the first
 * run after it is raised, and again after each unanswered call moves it on), and is told to the
 * supervisor on duty once when its due time has passed. Keys are claimed in the transaction that
 * queues the text, so running again sends nothing more.
 */
export async function runCallbacks(deps: CallbacksJobDeps): Promise<CallbacksRunResult> {
  const now = deps.clock.now();
  const result: CallbacksRunResult = { open: 0, reminded: 0, escalated: 0 };
  const duty = onDutyOnce(deps, now);
  for await (const tasks of pagesOfOpenTasks(deps)) {
    result.open += tasks.length;
    await remindAndEscalate(deps, { tasks, now, duty, result });
  }
  if (result.reminded + result.escalated > 0) deps.kickOutbox();
  return result;
}

const OPEN_TASKS_PAGE = 200;

async function* pagesOfOpenTasks(deps: CallbacksJobDeps): AsyncGenerator<OpenCallback[]> {
  let after: OpenCallbackCursor | undefined;
  for (;;) {
    const page = await deps.callbacksRepository.listOpen({ after, limit: OPEN_TASKS_PAGE });
    if (page.length > 0) yield page;
    if (page.length < OPEN_TASKS_PAGE) return;
    const last = page[page.length - 1];
    after = { dueAt: last.dueAt, id: last.id };
  }
}

/** Who is on duty and which supervisors to tell, read once per run and only if a page needs them. */
function onDutyOnce(deps: CallbacksJobDeps, now: Date) {
  let onDuty: ReturnType<CallbacksJobDeps['rosterService']['onDutyAt']> | undefined;
  let supervisors: Promise<Staff[]> | undefined;
  return {
    onDuty: () => {
      onDuty ??= deps.rosterService.onDutyAt(now);
      return onDuty;
    },
    supervisors: () => {
      supervisors ??= supervisorsOnDutyOrAll(deps, now);
      return supervisors;
    },
  };
}

async function remindAndEscalate(
  deps: CallbacksJobDeps,
  run: { tasks: OpenCallback[]; now: Date; duty: ReturnType<typeof onDutyOnce>; result: CallbacksRunResult },
): Promise<void> {
  const { tasks, now, duty, result } = run;
  const pending: { task: OpenCallback; remind: boolean; escalate: boolean }[] = [];
  for (const task of tasks) {
    const remind = !(await deps.noticesRepository.wasSent(callbackReminderKey(task)));
    const escalate =
      isCallbackOverdue(task, now) && !(await deps.noticesRepository.wasSent(callbackEscalationKey(task)));
    if (remind || escalate) pending.push({ task, remind, escalate });
  }
  if (pending.length === 0) return;

  const staff = await deps.staffRepository.findByIds(
    pending.flatMap(({ task }) => [task.caseAssigneeId, task.assigneeId].filter((id) => id !== null)),
  );
  const onDuty = await duty.onDuty();
  const supervisors = pending.some((item) => item.escalate) ? await duty.supervisors() : [];
  for (const { task, remind, escalate } of pending) {
    const assignee = staff.get(task.caseAssigneeId ?? task.assigneeId ?? -1);
    if (remind) {
      // A case nobody holds (or whose holder left) is the primary on duty's to call.
      const recipient = assignee?.active ? assignee : onDuty.primary;
      if (recipient && (await remindAssignee(deps, task, recipient))) result.reminded += 1;
      else if (!recipient)
        deps.logger.warn({ ref: task.ref }, 'a call-back is due and nobody is on duty to make it');
    }
    if (escalate && supervisors.length > 0 && (await escalateOverdue(deps, task, assignee, supervisors)))
      result.escalated += 1;
  }
}

function remindAssignee(deps: CallbacksJobDeps, task: OpenCallback, recipient: Staff): Promise<boolean> {
  const now = deps.clock.now();
  const { language } = recipient;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, callbackReminderKey(task), now))) return false;
    await deps.outbox.enqueue(trx, {
      to: recipient.phone,
      purpose: 'callback_reminder',
      caseId: task.caseId,
      staffId: recipient.id,
      body: deps.templates.render('callbackReminder', language, {
        ref: task.ref,
        phone: task.phone ?? '',
        time: formatDueTime(task.dueAt, deps.timezone, language),
        reason: deps.templates.render(`callbackReason.${task.reason}`, language),
      }),
    });
    await deps.casesRepository.appendEvent(trx, {
      caseId: task.caseId,
      at: now.toISOString(),
      type: 'callback_reminded',
      actor: systemActor,
      data: { taskId: task.id, staffId: recipient.id, dueAt: task.dueAt },
    });
    return true;
  });
}

function escalateOverdue(
  deps: CallbacksJobDeps,
  task: OpenCallback,
  assignee: Staff | undefined,
  supervisors: Staff[],
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, callbackEscalationKey(task), now))) return false;
    for (const supervisor of supervisors) {
      const { language } = supervisor;
      await deps.outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'callback_escalation',
        caseId: task.caseId,
        staffId: supervisor.id,
        body: deps.templates.render('callbackOverdue', language, {
          ref: task.ref,
          phone: task.phone ?? '',
          time: formatDueTime(task.dueAt, deps.timezone, language),
          assignee: assignee?.name ?? deps.templates.render('nobody', language),
        }),
      });
    }
    await deps.casesRepository.appendEvent(trx, {
      caseId: task.caseId,
      at: now.toISOString(),
      type: 'callback_escalated',
      actor: systemActor,
      data: { taskId: task.id, dueAt: task.dueAt, supervisorIds: supervisors.map((member) => member.id) },
    });
    return true;
  });
}
