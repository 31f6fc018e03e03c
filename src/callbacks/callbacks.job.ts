import { type OnDuty, systemActor } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Templates } from '../content/templates';
import type { NoticesRepository } from '../notices/notices.repository';
import { supervisorsOnDutyOrAll } from '../notices/notices.supervisors';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { yieldToRequests } from '../shared/event-loop';
import type { Logger } from '../shared/logger';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { formatDueTime } from './callbacks.format';
import {
  callbackEscalationKey,
  callbackReminderKey,
  isCallbackOverdue,
  type OpenCallback,
} from './callbacks.models';
import type { CallbacksRepository, OpenCallbackCursor } from './callbacks.repository';

export interface CallbacksRunResult {
  open: number;
  reminded: number;
  escalated: number;
}

export interface CallbacksJobDeps {
  db: Db;
  callbacksRepository: CallbacksRepository;
  casesRepository: CasesRepository;
  noticesRepository: NoticesRepository;
  staffRepository: StaffRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** The hotline's zone, in which staff read the due times. */
  timezone: string;
}

type NotifyDeps = Pick<
  CallbacksJobDeps,
  'db' | 'casesRepository' | 'noticesRepository' | 'outbox' | 'templates' | 'clock' | 'timezone'
>;

/**
 * callbacks: every open call-back task reminds the case's assignee once per due time (the first
 * run after it is raised, and again after each unanswered call moves it on), and is told to the
 * supervisor on duty once when its due time has passed. Keys are claimed in the transaction that
 * queues the text, so running again sends nothing more.
 */
export async function runCallbacks({
  db,
  callbacksRepository,
  casesRepository,
  noticesRepository,
  staffRepository,
  rosterService,
  outbox,
  templates,
  clock,
  logger,
  kickOutbox,
  timezone,
}: CallbacksJobDeps): Promise<CallbacksRunResult> {
  const now = clock.now();
  const result: CallbacksRunResult = { open: 0, reminded: 0, escalated: 0 };
  const duty = onDutyOnce({ rosterService, staffRepository }, now);
  const remind = {
    db,
    casesRepository,
    noticesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    timezone,
  };
  for await (const tasks of pagesOfOpenTasks({ callbacksRepository })) {
    result.open += tasks.length;
    await remindAndEscalate(remind, { tasks, now, duty, result });
  }
  if (result.reminded + result.escalated > 0) kickOutbox();
  return result;
}

const OPEN_TASKS_PAGE = 200;

async function* pagesOfOpenTasks({
  callbacksRepository,
}: Pick<CallbacksJobDeps, 'callbacksRepository'>): AsyncGenerator<OpenCallback[]> {
  let after: OpenCallbackCursor | undefined;
  for (;;) {
    const page = await callbacksRepository.listOpen({ after, limit: OPEN_TASKS_PAGE });
    if (page.length > 0) yield page;
    if (page.length < OPEN_TASKS_PAGE) return;
    const last = page[page.length - 1];
    after = { dueAt: last.dueAt, id: last.id };
  }
}

/** Who is on duty and which supervisors to tell, read once per run and only if a page needs them. */
function onDutyOnce(
  { rosterService, staffRepository }: Pick<CallbacksJobDeps, 'rosterService' | 'staffRepository'>,
  now: Date,
) {
  let onDuty: Promise<OnDuty> | undefined;
  let supervisors: Promise<Staff[]> | undefined;
  return {
    onDuty: () => {
      onDuty ??= rosterService.onDutyAt(now);
      return onDuty;
    },
    supervisors: () => {
      supervisors ??= supervisorsOnDutyOrAll({ rosterService, staffRepository }, now);
      return supervisors;
    },
  };
}

async function remindAndEscalate(
  {
    db,
    casesRepository,
    noticesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    timezone,
  }: NotifyDeps & Pick<CallbacksJobDeps, 'staffRepository' | 'logger'>,
  run: { tasks: OpenCallback[]; now: Date; duty: ReturnType<typeof onDutyOnce>; result: CallbacksRunResult },
): Promise<void> {
  const { tasks, now, duty, result } = run;
  const pending: { task: OpenCallback; remind: boolean; escalate: boolean }[] = [];
  for (const task of tasks) {
    const remind = !(await noticesRepository.wasSent(callbackReminderKey(task)));
    const escalate =
      isCallbackOverdue(task, now) && !(await noticesRepository.wasSent(callbackEscalationKey(task)));
    if (remind || escalate) pending.push({ task, remind, escalate });
  }
  if (pending.length === 0) return;

  const staff = await staffRepository.findByIds(
    pending.flatMap(({ task }) => [task.caseAssigneeId, task.assigneeId].filter((id) => id !== null)),
  );
  const onDuty = await duty.onDuty();
  const supervisors = pending.some((item) => item.escalate) ? await duty.supervisors() : [];
  const notify: NotifyDeps = { db, casesRepository, noticesRepository, outbox, templates, clock, timezone };
  for (const { task, remind, escalate } of pending) {
    await yieldToRequests();
    const assignee = staff.get(task.caseAssigneeId ?? task.assigneeId ?? -1);
    if (remind) {
      // A case nobody holds (or whose holder left) is the primary on duty's to call.
      const recipient = assignee?.active ? assignee : onDuty.primary;
      if (recipient && (await remindAssignee(notify, task, recipient))) result.reminded += 1;
      else if (!recipient)
        logger.warn({ ref: task.ref }, 'a call-back is due and nobody is on duty to make it');
    }
    if (escalate && supervisors.length > 0 && (await escalateOverdue(notify, task, assignee, supervisors)))
      result.escalated += 1;
  }
}

function remindAssignee(
  { db, casesRepository, noticesRepository, outbox, templates, clock, timezone }: NotifyDeps,
  task: OpenCallback,
  recipient: Staff,
): Promise<boolean> {
  const now = clock.now();
  const { language } = recipient;
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, callbackReminderKey(task), now))) return false;
    await outbox.enqueue(trx, {
      to: recipient.phone,
      purpose: 'callback_reminder',
      caseId: task.caseId,
      staffId: recipient.id,
      body: templates.render('callbackReminder', language, {
        ref: task.ref,
        phone: task.phone ?? '',
        time: formatDueTime(task.dueAt, timezone, language),
        reason: templates.render(`callbackReason.${task.reason}`, language),
      }),
    });
    await casesRepository.appendEvent(trx, {
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
  { db, casesRepository, noticesRepository, outbox, templates, clock, timezone }: NotifyDeps,
  task: OpenCallback,
  assignee: Staff | undefined,
  supervisors: Staff[],
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, callbackEscalationKey(task), now))) return false;
    for (const supervisor of supervisors) {
      const { language } = supervisor;
      await outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'callback_escalation',
        caseId: task.caseId,
        staffId: supervisor.id,
        body: templates.render('callbackOverdue', language, {
          ref: task.ref,
          phone: task.phone ?? '',
          time: formatDueTime(task.dueAt, timezone, language),
          assignee: assignee?.name ?? templates.render('nobody', language),
        }),
      });
    }
    await casesRepository.appendEvent(trx, {
      caseId: task.caseId,
      at: now.toISOString(),
      type: 'callback_escalated',
      actor: systemActor,
      data: { taskId: task.id, dueAt: task.dueAt, supervisorIds: supervisors.map((member) => member.id) },
    });
    return true;
  });
}
