import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { closeResolvedCase } from '../cases/cases.lifecycle';
import { addHours, type Case, chooseSupervisorsAbout, systemActor } from '../cases/cases.models';
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
import type { AskSatisfaction } from './satisfaction.ask';
import { type ClosingReason, decideClosing, signOffRequestKey, unreachableKey } from './satisfaction.models';
import type { SatisfactionRepository } from './satisfaction.repository';

/** Bounds one run; the next run, 15 minutes on, takes the rest. */
const BATCH = 500;

export interface SatisfactionRunResult {
  asked: number;
  /** Cases never asked because their number cannot receive texts; their window runs from the resolution. */
  notAsked: number;
  closed: number;
  /** Settled important and urgent cases still waiting for a supervisor's sign-off. */
  awaitingSignOff: number;
  signOffRequested: number;
}

export interface SatisfactionJobDeps {
  db: Db;
  satisfactionRepository: SatisfactionRepository;
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
  noticesRepository: NoticesRepository;
  staffRepository: StaffRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** SATISFACTION_WINDOW_HOURS: how long the citizen has to answer before the case may close. */
  satisfactionWindowHours: number;
  /** A text, or a survey call where citizens cannot text back. */
  askSatisfaction: AskSatisfaction;
}

/**
 * satisfaction: asks once on resolved cases never asked (feedback given by phone, say), by text
 * unless the number cannot receive one, or by survey call where citizens cannot text back; closes resolved cases whose citizen said satisfied or whose
 * window ended unanswered, unless they need a sign-off they lack: those stay resolved, and the
 * supervisor on duty is told once. An answer of 2 reopens a case when it arrives (sms.citizen).
 */
export async function runSatisfaction({
  db,
  satisfactionRepository,
  casesRepository,
  callbacksRepository,
  noticesRepository,
  staffRepository,
  rosterService,
  outbox,
  templates,
  clock,
  logger,
  kickOutbox,
  satisfactionWindowHours,
  askSatisfaction,
}: SatisfactionJobDeps): Promise<SatisfactionRunResult> {
  const now = clock.now();
  const result: SatisfactionRunResult = {
    asked: 0,
    notAsked: 0,
    closed: 0,
    awaitingSignOff: 0,
    signOffRequested: 0,
  };

  for (const id of await satisfactionRepository.listNeverAsked(BATCH)) {
    await yieldToRequests();
    const found = await casesRepository.findById(id);
    if (!found?.phone) continue;
    // A call rings a number that cannot get texts too.
    if (askSatisfaction.by === 'survey_call' || (await satisfactionRepository.canReceiveSms(found.phone))) {
      const ask = { db, casesRepository, clock, askSatisfaction };
      if (await askOnce(ask, found, found.phone)) result.asked += 1;
    } else if (await noteUnreachable({ db, casesRepository, noticesRepository, clock }, found))
      result.notAsked += 1;
  }

  // A window that ends at `now` started at or before this instant.
  const cutoff = addHours(now.toISOString(), -satisfactionWindowHours);
  for (const id of await satisfactionRepository.listClosable(cutoff, BATCH)) {
    await yieldToRequests();
    const close = { db, casesRepository, callbacksRepository, clock, satisfactionWindowHours };
    if (await closeCase(close, id)) result.closed += 1;
  }

  const awaiting = await satisfactionRepository.listAwaitingSignOff(cutoff);
  let supervisors: Staff[] | undefined;
  for (const id of awaiting) {
    await yieldToRequests();
    const found = await casesRepository.findById(id);
    if (!found) continue;
    const callbackOpen = await callbacksRepository.hasOpen(found.id);
    const verdict = decideClosing(found, now, satisfactionWindowHours, callbackOpen);
    if (verdict.kind !== 'await_sign_off') continue;
    result.awaitingSignOff += 1;
    if (await noticesRepository.wasSent(signOffRequestKey(found))) continue;
    supervisors ??= await supervisorsOnDutyOrAll({ rosterService, staffRepository }, now);
    if (supervisors.length === 0) {
      // The key stays unclaimed, so the first supervisor added hears of it.
      logger.warn({ ref: found.ref }, 'a case waits for a sign-off and there is no active supervisor');
      continue;
    }
    // Whom a complaint about staff names never hears of it (SPEC §18).
    const told = chooseSupervisorsAbout(
      found,
      supervisors,
      found.concernsStaffId === null ? [] : await staffRepository.listActiveSupervisors(),
    );
    if (told.length === 0) continue;
    const request = { db, casesRepository, noticesRepository, outbox, templates, clock };
    if (await requestSignOff(request, found, verdict.reason, told)) result.signOffRequested += 1;
  }

  if (result.asked + result.signOffRequested > 0) kickOutbox();
  return result;
}

function askOnce(
  {
    db,
    casesRepository,
    clock,
    askSatisfaction,
  }: Pick<SatisfactionJobDeps, 'db' | 'casesRepository' | 'clock' | 'askSatisfaction'>,
  found: Case,
  phone: string,
): Promise<boolean> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await casesRepository.markSatisfactionAsked(trx, found.id, now))) return false;
    await askSatisfaction.ask(trx, { reporter: { ...found, phone }, ref: found.ref });
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now,
      type: 'satisfaction_asked',
      actor: systemActor,
      data: { by: 'satisfaction_job' },
    });
    return true;
  });
}

function noteUnreachable(
  {
    db,
    casesRepository,
    noticesRepository,
    clock,
  }: Pick<SatisfactionJobDeps, 'db' | 'casesRepository' | 'noticesRepository' | 'clock'>,
  found: Case,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, unreachableKey(found), now))) return false;
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: 'satisfaction_not_asked',
      actor: systemActor,
      data: { reason: 'cannot_receive_sms' },
    });
    return true;
  });
}

function closeCase(
  {
    db,
    casesRepository,
    callbacksRepository,
    clock,
    satisfactionWindowHours,
  }: Pick<
    SatisfactionJobDeps,
    'db' | 'casesRepository' | 'callbacksRepository' | 'clock' | 'satisfactionWindowHours'
  >,
  caseId: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Read inside the transaction: an answer or a reopening may have arrived since the query.
    const found = await casesRepository.findById(caseId, trx);
    if (!found) return false;
    const callbackOpen = await callbacksRepository.hasOpen(caseId, trx);
    const verdict = decideClosing(found, clock.now(), satisfactionWindowHours, callbackOpen);
    if (verdict.kind !== 'close') return false;
    await closeResolvedCase({ casesRepository, clock }, trx, found, verdict.reason, systemActor);
    return true;
  });
}

function requestSignOff(
  {
    db,
    casesRepository,
    noticesRepository,
    outbox,
    templates,
    clock,
  }: Pick<
    SatisfactionJobDeps,
    'db' | 'casesRepository' | 'noticesRepository' | 'outbox' | 'templates' | 'clock'
  >,
  found: Case,
  reason: ClosingReason,
  supervisors: Staff[],
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, signOffRequestKey(found), now))) return false;
    for (const supervisor of supervisors) {
      await outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'sign_off_request',
        caseId: found.id,
        staffId: supervisor.id,
        body: templates.render('supervisorSignOffDue', supervisor.language, {
          ref: found.ref,
          priority: templates.render(`priority.${found.priority}`, supervisor.language),
        }),
      });
    }
    await casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: 'sign_off_requested',
      actor: systemActor,
      data: { reason, supervisorIds: supervisors.map((member) => member.id) },
    });
    return true;
  });
}
