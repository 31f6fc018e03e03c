import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import type { Logger } from '../shared/logger';
import { chooseSupervisorsToTell, type Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { queueUnclaimedCasesAlert } from './cases.alerts';
import { type AssignmentReason, assignCase } from './cases.lifecycle';
import { type Actor, type Case, chooseAssignee, type DutyTeam, isAboutStaff } from './cases.models';
import type { CasesRepository } from './cases.repository';

export interface HandOver {
  absentStaffId: number;
  /** The cover of the absence, if it has one: they take over before anyone else. */
  coverStaffId: number | null;
  /** Who is on duty at this moment with the absence applied, as the roster resolves it. */
  onDuty: DutyTeam<number>;
  reason: Extract<AssignmentReason, 'handover_sick' | 'handover_absence'>;
  actor: Actor;
}

export interface HandOverOpenCasesDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
}

/**
 * An absent officer's open cases go to whoever takes over: the absence's cover, else whom the
 * intake rule (chooseAssignee) picks among those on duty, never the absent officer. Each move is
 * an `assigned` event and the new holder gets the usual alert. When nobody can take them they are
 * left with nobody, and the supervisors to tell hear which. Runs in the caller's transaction.
 */
export async function handOverOpenCases(
  { casesRepository, staffRepository, outbox, templates, clock, logger }: HandOverOpenCasesDeps,
  trx: DbOrTransaction,
  handOver: HandOver,
): Promise<{ moved: Case[]; to: Staff | null }> {
  const { absentStaffId, coverStaffId, onDuty, reason, actor } = handOver;
  const ids = [absentStaffId, coverStaffId, onDuty.primary, onDuty.backup, onDuty.supervisor];
  const staff = await staffRepository.findByIds([...new Set(ids.filter((id) => id !== null))], trx);
  const active = (id: number | null) => {
    const member = id === null ? undefined : staff.get(id);
    return member?.active ? member : null;
  };
  const cover = coverStaffId === absentStaffId ? null : active(coverStaffId);
  const taker =
    cover ??
    chooseAssignee(
      {
        primary: active(onDuty.primary),
        backup: active(onDuty.backup),
        supervisor: active(onDuty.supervisor),
      },
      [absentStaffId],
    );

  // A complaint about staff goes to a supervisor only, never the one it names (chooseAssignee).
  let activeSupervisors: Staff[] | undefined;
  const takerOf = async (found: Case): Promise<Staff | null> => {
    if (!isAboutStaff(found)) return taker;
    activeSupervisors ??= await staffRepository.listActiveSupervisors(trx);
    const team = { primary: null, backup: null, supervisor: active(onDuty.supervisor) };
    return chooseAssignee(team, [absentStaffId], {
      concernsStaffId: found.concernsStaffId,
      activeSupervisors,
    });
  };

  const moved: Case[] = [];
  const seen = new Set<number>();
  // Each read is bounded; a case moved leaves the list, so reading again finds the rest.
  for (;;) {
    const batch = (await casesRepository.listOpenByAssignee(absentStaffId, trx)).filter(
      (found) => !seen.has(found.id),
    );
    if (batch.length === 0) break;
    for (const found of batch) {
      seen.add(found.id);
      const to = await takerOf(found);
      moved.push(
        await assignCase({ casesRepository, outbox, templates, clock }, trx, found, to, actor, reason),
      );
    }
  }

  const absent = staff.get(absentStaffId);
  const unclaimed = moved.filter((found) => found.assigneeId === null);
  if (unclaimed.length > 0 && absent) {
    const supervisors = chooseSupervisorsToTell(
      active(onDuty.supervisor),
      await staffRepository.listActiveSupervisors(trx),
      // Whom a complaint names never hears of it, not even in this list.
      [absentStaffId, ...unclaimed.flatMap((found) => found.concernsStaffId ?? [])],
    );
    await queueUnclaimedCasesAlert({ outbox, templates, logger }, trx, {
      absent,
      cases: unclaimed,
      supervisors,
    });
  }
  return { moved, to: taker };
}
