import { closeResolvedCase } from '../cases/cases.lifecycle';
import { addHours, type Case, systemActor } from '../cases/cases.models';
import { supervisorsOnDutyOrAll } from '../notices/notices.deps';
import type { Staff } from '../staff/staff.models';
import type { SatisfactionDeps } from './satisfaction.deps';
import { type ClosingReason, decideClosing, signOffRequestKey, unreachableKey } from './satisfaction.models';

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

/**
 * satisfaction: asks once on resolved cases never asked (feedback given by phone, say), by text
 * unless the number cannot receive one; closes resolved cases whose citizen said satisfied or whose
 * window ended unanswered, unless they need a sign-off they lack: those stay resolved, and the
 * supervisor on duty is told once. An answer of 2 reopens a case when it arrives (sms.citizen).
 */
export async function runSatisfaction(deps: SatisfactionDeps): Promise<SatisfactionRunResult> {
  const now = deps.clock.now();
  const result: SatisfactionRunResult = {
    asked: 0,
    notAsked: 0,
    closed: 0,
    awaitingSignOff: 0,
    signOffRequested: 0,
  };

  for (const id of await deps.satisfactionRepository.listNeverAsked(BATCH)) {
    const found = await deps.casesRepository.findById(id);
    if (!found?.phone) continue;
    if (await deps.satisfactionRepository.canReceiveSms(found.phone)) {
      if (await askSatisfaction(deps, found, found.phone)) result.asked += 1;
    } else if (await noteUnreachable(deps, found)) result.notAsked += 1;
  }

  // A window that ends at `now` started at or before this instant.
  const cutoff = addHours(now.toISOString(), -deps.satisfactionWindowHours);
  for (const id of await deps.satisfactionRepository.listClosable(cutoff, BATCH)) {
    if (await closeCase(deps, id)) result.closed += 1;
  }

  const awaiting = await deps.satisfactionRepository.listAwaitingSignOff(cutoff);
  let supervisors: Staff[] | undefined;
  for (const id of awaiting) {
    const found = await deps.casesRepository.findById(id);
    if (!found) continue;
    const callbackOpen = await deps.callbacksRepository.hasOpen(found.id);
    const verdict = decideClosing(found, now, deps.satisfactionWindowHours, callbackOpen);
    if (verdict.kind !== 'await_sign_off') continue;
    result.awaitingSignOff += 1;
    if (await deps.noticesRepository.wasSent(signOffRequestKey(found))) continue;
    supervisors ??= await supervisorsOnDutyOrAll(deps, now);
    if (supervisors.length === 0) {
      // The key stays unclaimed, so the first supervisor added hears of it.
      deps.logger.warn({ ref: found.ref }, 'a case waits for a sign-off and there is no active supervisor');
      continue;
    }
    if (await requestSignOff(deps, found, verdict.reason, supervisors)) result.signOffRequested += 1;
  }

  if (result.asked + result.signOffRequested > 0) deps.kickOutbox();
  return result;
}

function askSatisfaction(deps: SatisfactionDeps, found: Case, phone: string): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('cases')
      .set({ satisfaction_asked_at: now, updated_at: now })
      .where('id', '=', found.id)
      .where('status', '=', 'resolved')
      .where('satisfaction_asked_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return false;
    await deps.outbox.enqueue(trx, {
      to: phone,
      purpose: 'satisfaction',
      caseId: found.id,
      body: deps.templates.render('satisfactionQuestion', found.language, { ref: found.ref }),
    });
    await deps.casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now,
      type: 'satisfaction_asked',
      actor: systemActor,
      data: { by: 'satisfaction_job' },
    });
    return true;
  });
}

function noteUnreachable(deps: SatisfactionDeps, found: Case): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, unreachableKey(found), now))) return false;
    await deps.casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: 'satisfaction_not_asked',
      actor: systemActor,
      data: { reason: 'cannot_receive_sms' },
    });
    return true;
  });
}

function closeCase(deps: SatisfactionDeps, caseId: number): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    // Read inside the transaction: an answer or a reopening may have arrived since the query.
    const found = await deps.casesRepository.findById(caseId, trx);
    if (!found) return false;
    const callbackOpen = await deps.callbacksRepository.hasOpen(caseId, trx);
    const verdict = decideClosing(found, deps.clock.now(), deps.satisfactionWindowHours, callbackOpen);
    if (verdict.kind !== 'close') return false;
    await closeResolvedCase(deps, trx, found, verdict.reason, systemActor);
    return true;
  });
}

function requestSignOff(
  deps: SatisfactionDeps,
  found: Case,
  reason: ClosingReason,
  supervisors: Staff[],
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, signOffRequestKey(found), now))) return false;
    for (const supervisor of supervisors) {
      await deps.outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'sign_off_request',
        caseId: found.id,
        staffId: supervisor.id,
        body: deps.templates.render('supervisorSignOffDue', supervisor.language, {
          ref: found.ref,
          priority: deps.templates.render(`priority.${found.priority}`, supervisor.language),
        }),
      });
    }
    await deps.casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now.toISOString(),
      type: 'sign_off_requested',
      actor: systemActor,
      data: { reason, supervisorIds: supervisors.map((member) => member.id) },
    });
    return true;
  });
}
