import { type Case, chooseSupervisorsAbout, systemActor } from '../cases/cases.models';
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
import type { Language, Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { formatDeadline } from './sla.format';
import {
  DEADLINES,
  ESCALATION_LOOKBACK_MS,
  MAX_LEAD_MS,
  type SlaStage,
  slaNoticeKey,
  stageAt,
  WATCHED_STATUSES,
} from './sla.models';
import type { SlaRepository, WatchedDeadline } from './sla.repository';

export interface SlaWatchResult {
  reminded: number;
  escalated: number;
}

interface DueNotice extends WatchedDeadline {
  stage: SlaStage;
  key: string;
}

export interface SlaWatchDeps {
  db: Db;
  slaRepository: SlaRepository;
  /** Its notices_sent `claim`: a reminder or escalation and its key commit together. */
  noticesRepository: Pick<NoticesRepository, 'claim'>;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** The hotline's zone, for the deadline's local time in texts. */
  timezone: string;
}

type SendNoticeDeps = Pick<
  SlaWatchDeps,
  | 'db'
  | 'noticesRepository'
  | 'casesRepository'
  | 'staffRepository'
  | 'outbox'
  | 'templates'
  | 'clock'
  | 'logger'
  | 'timezone'
>;

/**
 * sla-watch: for each open case, one reminder shortly before each deadline (to the assignee, or to
 * the supervisors when nobody has it), and one escalation to the supervisor on duty once the
 * deadline has passed, with an `escalated` event on the case. Each notice's key is claimed in the
 * transaction that queues it, so running again sends nothing more.
 */
export async function runSlaWatch({
  db,
  slaRepository,
  noticesRepository,
  casesRepository,
  staffRepository,
  rosterService,
  outbox,
  templates,
  clock,
  logger,
  kickOutbox,
  timezone,
}: SlaWatchDeps): Promise<SlaWatchResult> {
  const now = clock.now();
  const from = new Date(now.getTime() - ESCALATION_LOOKBACK_MS);
  const to = new Date(now.getTime() + MAX_LEAD_MS);
  const due: DueNotice[] = [];
  for (const deadline of DEADLINES) {
    for (const watched of await slaRepository.listDeadlinesBetween(deadline, from, to)) {
      const stage = stageAt(now, new Date(watched.createdAt), new Date(watched.dueAt));
      if (stage === null) continue;
      due.push({ ...watched, stage, key: slaNoticeKey(watched.caseId, deadline, stage, watched.dueAt) });
    }
  }
  const claimed = await slaRepository.claimedKeys(due.map((notice) => notice.key));
  const pending = due.filter((notice) => !claimed.has(notice.key));

  const result: SlaWatchResult = { reminded: 0, escalated: 0 };
  if (pending.length === 0) return result;
  const supervisors = await supervisorsOnDutyOrAll({ rosterService, staffRepository }, now);
  const send = {
    db,
    noticesRepository,
    casesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    timezone,
  };
  for (const notice of pending) {
    await yieldToRequests();
    if (!(await sendNotice(send, notice, supervisors))) continue;
    if (notice.stage === 'remind') result.reminded += 1;
    else result.escalated += 1;
  }
  if (result.reminded + result.escalated > 0) kickOutbox();
  return result;
}

/** Whether the case, as it is now, still owes the deadline this notice was placed for. */
function stillOwes(found: Case, notice: DueNotice): boolean {
  if (!WATCHED_STATUSES[notice.deadline].includes(found.status)) return false;
  if (notice.deadline === 'result') return found.dueAt === notice.dueAt;
  return found.ackDueAt === notice.dueAt && found.acknowledgedAt === null;
}

async function sendNotice(
  {
    db,
    noticesRepository,
    casesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    timezone,
  }: SendNoticeDeps,
  notice: DueNotice,
  supervisors: Staff[],
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    // Read again in the transaction: the case may have been acknowledged or resolved since the scan.
    const found = await casesRepository.findById(notice.caseId, trx);
    if (!found || !stillOwes(found, notice)) return false;
    const assignee =
      found.assigneeId === null ? undefined : await staffRepository.findById(found.assigneeId, trx);
    const toAssignee = notice.stage === 'remind' && assignee?.active === true;
    // Whom a complaint about staff names never hears of it (SPEC §18).
    const recipients =
      toAssignee && assignee
        ? [assignee]
        : chooseSupervisorsAbout(
            found,
            supervisors,
            found.concernsStaffId === null ? [] : await staffRepository.listActiveSupervisors(trx),
          );
    const text: NoticeText =
      notice.stage === 'escalate' ? 'escalation' : toAssignee ? 'reminder' : 'unassigned';
    if (recipients.length === 0) {
      // The key stays unclaimed, so the first supervisor added hears of it.
      logger.warn({ ref: found.ref, deadline: notice.deadline }, 'a case deadline and no supervisor to tell');
      return false;
    }
    if (!(await noticesRepository.claim(trx, notice.key, now))) return false;
    for (const recipient of recipients) {
      await outbox.enqueue(trx, {
        to: recipient.phone,
        purpose: notice.stage === 'remind' ? 'sla_reminder' : 'sla_escalation',
        caseId: found.id,
        staffId: recipient.id,
        body: renderNotice(
          { templates, timezone },
          text,
          notice,
          found.ref,
          recipient.language,
          assignee?.name ?? null,
        ),
      });
    }
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: notice.stage === 'remind' ? 'reminded' : 'escalated',
      actor: systemActor,
      data: { deadline: notice.deadline, dueAt: notice.dueAt, staffIds: recipients.map((staff) => staff.id) },
    });
    return true;
  });
}

type NoticeText = 'reminder' | 'unassigned' | 'escalation';

function renderNotice(
  { templates, timezone }: Pick<SlaWatchDeps, 'templates' | 'timezone'>,
  text: NoticeText,
  notice: DueNotice,
  ref: string,
  language: Language,
  assigneeName: string | null,
): string {
  const time = formatDeadline(new Date(notice.dueAt), timezone, language);
  if (text === 'reminder') return templates.render(`slaReminder.${notice.deadline}`, language, { ref, time });
  const deadline = templates.render(`slaDeadline.${notice.deadline}`, language);
  if (text === 'unassigned') return templates.render('slaUnassigned', language, { ref, deadline, time });
  return templates.render('slaEscalation', language, {
    ref,
    deadline,
    time,
    assignee: assigneeName ?? templates.render('nobody', language),
  });
}
