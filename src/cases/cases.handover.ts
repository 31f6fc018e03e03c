import type { DbOrTransaction } from '../shared/db';
import { chooseSupervisorsToTell, type Staff } from '../staff/staff.models';
import { queueUnclaimedCasesAlert } from './cases.alerts';
import type { CaseDeps } from './cases.deps';
import { type AssignmentReason, assignCase } from './cases.lifecycle';
import { type Actor, type Case, chooseAssignee, type DutyTeam } from './cases.models';

export interface HandOver {
  absentStaffId: number;
  /** The cover of the absence, if it has one: they take over before anyone else. */
  coverStaffId: number | null;
  /** Who is on duty at this moment with the absence applied, as the roster resolves it. */
  onDuty: DutyTeam<number>;
  reason: Extract<AssignmentReason, 'handover_sick' | 'handover_absence'>;
  actor: Actor;
}

/**
 * An absent officer's open cases go to whoever takes over: the absence's cover, else whom the
 * intake rule (chooseAssignee) picks among those on duty, never the absent officer. Each move is
 * an `assigned` event and the new holder gets the usual alert. When nobody can take them they are
 * left with nobody, and the supervisors to tell hear which. Runs in the caller's transaction.
 */
export async function handOverOpenCases(
  deps: CaseDeps,
  trx: DbOrTransaction,
  handOver: HandOver,
): Promise<{ moved: Case[]; to: Staff | null }> {
  const { absentStaffId, coverStaffId, onDuty, reason, actor } = handOver;
  const ids = [absentStaffId, coverStaffId, onDuty.primary, onDuty.backup, onDuty.supervisor];
  const staff = await deps.staffRepository.findByIds([...new Set(ids.filter((id) => id !== null))], trx);
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

  const moved: Case[] = [];
  const seen = new Set<number>();
  // Each read is bounded; a case moved leaves the list, so reading again finds the rest.
  for (;;) {
    const batch = (await deps.casesRepository.listOpenByAssignee(absentStaffId, trx)).filter(
      (found) => !seen.has(found.id),
    );
    if (batch.length === 0) break;
    for (const found of batch) {
      seen.add(found.id);
      moved.push(await assignCase(deps, trx, found, taker, actor, reason));
    }
  }

  const absent = staff.get(absentStaffId);
  if (!taker && moved.length > 0 && absent) {
    const supervisors = chooseSupervisorsToTell(
      active(onDuty.supervisor),
      await deps.staffRepository.listActiveSupervisors(trx),
      [absentStaffId],
    );
    await queueUnclaimedCasesAlert(deps, trx, { absent, cases: moved, supervisors });
  }
  return { moved, to: taker };
}
