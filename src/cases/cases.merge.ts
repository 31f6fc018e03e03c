import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import type { CaseDeps, OnDuty } from './cases.deps';
import { recordSatisfactionAnswer, reopenCase } from './cases.lifecycle';
import { type Actor, type Case, isOpen } from './cases.models';
import { listReporters, queueResultToMergedReporter } from './cases.reporters';

// Group complaints: several citizens reporting the same thing become one case. The merged cases
// stay `merged` for good, pointing at the surviving case; they keep their reporter's phone, the
// feedback that reached that reporter, and that reporter's satisfaction answer. Assignee, result
// and deadline are the surviving case's, so reports and KPI rates leave merged cases out.

/**
 * Merges `source` into `target` inside the caller's transaction. Cases merged into `source` earlier
 * move along to `target`, so a surviving case is never itself merged and reporters are one level
 * deep. If the target already has its result, the newly joined reporters get it at once.
 */
export async function mergeCase(
  deps: CaseDeps,
  trx: DbOrTransaction,
  source: Case,
  target: Case,
  actor: Actor,
): Promise<Case> {
  if (source.id === target.id)
    throw new AppError(400, 'case.merge_into_self', `Case ${source.ref} cannot be merged into itself`);
  if (source.status === 'merged')
    throw new AppError(409, 'case.already_merged', `Case ${source.ref} is already merged`);
  if (target.status === 'merged')
    throw new AppError(
      409,
      'case.merge_target_merged',
      `Case ${target.ref} is itself merged; merge into the case it joined`,
    );
  if (!isOpen(source.status))
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${source.ref} is ${source.status}; only an open case can be merged`,
    );

  const now = deps.clock.now().toISOString();
  const reportersBefore = listReporters(target, await deps.casesRepository.listMergedInto(target.id, trx));
  const joining = [source, ...(await deps.casesRepository.listMergedInto(source.id, trx))];

  // The source becomes `merged`; cases merged into it earlier keep that status and move along.
  for (const joiner of joining) {
    const isSource = joiner.id === source.id;
    const via = isSource ? {} : { via: source.ref };
    await deps.casesRepository.update(trx, joiner.id, {
      ...(isSource ? { status: 'merged' } : {}),
      merged_into: target.id,
      updated_at: now,
    });
    await deps.casesRepository.appendEvent(trx, {
      caseId: joiner.id,
      at: now,
      type: 'merged_into',
      actor,
      data: { into: target.ref, ...(isSource ? { previousStatus: source.status } : via) },
    });
    await deps.casesRepository.appendEvent(trx, {
      caseId: target.id,
      at: now,
      type: 'merged_from',
      actor,
      data: { ref: joiner.ref, ...via },
    });
  }
  await deps.casesRepository.update(trx, target.id, { updated_at: now });

  if (source.phone) {
    await deps.outbox.enqueue(trx, {
      to: source.phone,
      purpose: 'merge_notice',
      caseId: source.id,
      body: deps.templates.render('mergedNotice', source.language, { ref: source.ref, target: target.ref }),
    });
  }

  const answered = (target.status === 'resolved' || target.status === 'closed') && target.result;
  if (answered) {
    const told = new Set(reportersBefore.map((reporter) => reporter.phone));
    for (const item of joining) {
      if (item.phone === null || told.has(item.phone)) continue;
      told.add(item.phone);
      const current = (await deps.casesRepository.findById(item.id, trx))!;
      await queueResultToMergedReporter(deps, trx, current, target, target.result!, actor);
    }
  }
  return (await deps.casesRepository.findById(source.id, trx))!;
}

/**
 * A merged case's reporter answers "are you satisfied?" about the surviving case. The answer is
 * theirs, kept on their merged case and noted on the surviving one. Any `2` reopens the surviving
 * case and alerts the supervisor on duty; a `1` does not close it, since its own citizen (or the
 * satisfaction window) decides that.
 */
export async function answerAsMergedReporter(
  deps: CaseDeps,
  trx: DbOrTransaction,
  merged: Case,
  answer: 'satisfied' | 'unsatisfied',
  actor: Actor,
  onDuty: OnDuty,
): Promise<{ target: Case; reopened: boolean }> {
  const target = await deps.casesRepository.findById(merged.mergedInto!, trx);
  if (!target) throw new Error(`merged case ${merged.ref} points at a missing case`);
  const now = deps.clock.now().toISOString();
  await recordSatisfactionAnswer(deps, trx, merged, answer, actor, target.ref);
  await deps.casesRepository.appendEvent(trx, {
    caseId: target.id,
    at: now,
    type: 'reporter_answered',
    actor,
    data: { ref: merged.ref, answer },
  });
  if (answer === 'satisfied' || (target.status !== 'resolved' && target.status !== 'closed')) {
    return {
      target: await deps.casesRepository.update(trx, target.id, { updated_at: now }),
      reopened: false,
    };
  }
  const reopened = await reopenCase(deps, trx, target, `reporter of ${merged.ref} is not satisfied`, actor);
  const supervisor = onDuty.supervisor;
  if (supervisor) {
    await deps.outbox.enqueue(trx, {
      to: supervisor.phone,
      purpose: 'supervisor_alert',
      caseId: target.id,
      staffId: supervisor.id,
      body: deps.templates.render('supervisorUnsatisfied', supervisor.language, { ref: target.ref }),
    });
  }
  return { target: reopened, reopened: true };
}

/** The case a merged one joined, or the case itself; what a reporter's follow-up concerns. */
export async function survivingCase(
  deps: Pick<CaseDeps, 'casesRepository'>,
  trx: DbOrTransaction,
  found: Case,
): Promise<Case> {
  if (found.status !== 'merged' || found.mergedInto === null) return found;
  return (await deps.casesRepository.findById(found.mergedInto, trx)) ?? found;
}
