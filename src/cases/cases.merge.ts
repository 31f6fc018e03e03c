import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PetitionsRepository } from '../petitions/petitions.repository';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError } from '../shared/errors';
import { recordSatisfactionAnswer, reopenCase } from './cases.lifecycle';
import { type Actor, type Case, concernsStaff, isOpen, type OnDuty } from './cases.models';
import { listReporters, queueResultToMergedReporter } from './cases.reporters';
import type { CasesRepository } from './cases.repository';

// Group complaints: several citizens reporting the same thing become one case. The merged cases
// stay `merged` for good, pointing at the surviving case; they keep their reporter's phone, the
// feedback that reached that reporter, and that reporter's satisfaction answer. Assignee, result
// and deadline are the surviving case's, so reports and KPI rates leave merged cases out.

export interface MergeCaseDeps {
  casesRepository: CasesRepository;
  /** A case carrying a petition survives a merge, never joins another (the petition would be lost). */
  petitionsRepository: Pick<PetitionsRepository, 'findByCaseId'>;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  askSatisfaction: AskSatisfaction;
}

/**
 * Merges `source` into `target` inside the caller's transaction. Cases merged into `source` earlier
 * move along to `target`, so a surviving case is never itself merged and reporters are one level
 * deep. If the target already has its result, the newly joined reporters get it at once.
 */
export async function mergeCase(
  { casesRepository, petitionsRepository, outbox, templates, clock, askSatisfaction }: MergeCaseDeps,
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
  if (concernsStaff(source, target.assigneeId))
    throw new AppError(
      409,
      'case.assignee_concerned',
      `Case ${source.ref} is a complaint about the holder of ${target.ref}; it cannot join their case`,
    );
  if (!isOpen(source.status))
    throw new AppError(
      409,
      'case.invalid_transition',
      `Case ${source.ref} is ${source.status}; only an open case can be merged`,
    );
  // The petition's haves are its case's: once merged, nothing would ever list or answer it again.
  if (await petitionsRepository.findByCaseId(source.id, trx))
    throw new AppError(
      409,
      'case.carries_petition',
      `Case ${source.ref} carries a petition; merge ${target.ref} into it instead`,
    );

  const now = clock.now().toISOString();
  const reportersBefore = listReporters(target, await casesRepository.listMergedInto(target.id, trx));
  const joining = [source, ...(await casesRepository.listMergedInto(source.id, trx))];

  // The source becomes `merged`; cases merged into it earlier keep that status and move along.
  for (const joiner of joining) {
    const isSource = joiner.id === source.id;
    const via = isSource ? {} : { via: source.ref };
    await casesRepository.update(trx, joiner.id, {
      ...(isSource ? { status: 'merged' } : {}),
      merged_into: target.id,
      updated_at: now,
    });
    await casesRepository.appendEvent(trx, {
      caseId: joiner.id,
      at: now,
      type: 'merged_into',
      actor,
      data: { into: target.ref, ...(isSource ? { previousStatus: source.status } : via) },
    });
    await casesRepository.appendEvent(trx, {
      caseId: target.id,
      at: now,
      type: 'merged_from',
      actor,
      data: { ref: joiner.ref, ...via },
    });
  }
  await casesRepository.update(trx, target.id, { updated_at: now });

  if (source.phone) {
    await outbox.enqueue(trx, {
      to: source.phone,
      purpose: 'merge_notice',
      caseId: source.id,
      body: templates.render('mergedNotice', source.language, { ref: source.ref, target: target.ref }),
    });
  }

  const answered = (target.status === 'resolved' || target.status === 'closed') && target.result;
  if (answered) {
    const told = new Set(reportersBefore.map((reporter) => reporter.phone));
    for (const item of joining) {
      if (item.phone === null || told.has(item.phone)) continue;
      told.add(item.phone);
      const current = (await casesRepository.findById(item.id, trx))!;
      await queueResultToMergedReporter(
        { casesRepository, outbox, templates, clock, askSatisfaction },
        trx,
        current,
        target,
        target.result!,
        actor,
      );
    }
  }
  return (await casesRepository.findById(source.id, trx))!;
}

/**
 * A merged case's reporter answers "are you satisfied?" about the surviving case. The answer is
 * theirs, kept on their merged case and noted on the surviving one. Any `2` reopens the surviving
 * case and alerts the supervisor on duty; a `1` does not close it, since its own citizen (or the
 * satisfaction window) decides that.
 */
export interface AnswerAsMergedReporterDeps {
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
}

export async function answerAsMergedReporter(
  { casesRepository, outbox, templates, clock }: AnswerAsMergedReporterDeps,
  trx: DbOrTransaction,
  merged: Case,
  answer: 'satisfied' | 'unsatisfied',
  actor: Actor,
  onDuty: OnDuty,
): Promise<{ target: Case; reopened: boolean }> {
  const target = await casesRepository.findById(merged.mergedInto!, trx);
  if (!target) throw new Error(`merged case ${merged.ref} points at a missing case`);
  const now = clock.now().toISOString();
  await recordSatisfactionAnswer({ casesRepository, clock }, trx, merged, answer, actor, target.ref);
  await casesRepository.appendEvent(trx, {
    caseId: target.id,
    at: now,
    type: 'reporter_answered',
    actor,
    data: { ref: merged.ref, answer },
  });
  if (answer === 'satisfied' || (target.status !== 'resolved' && target.status !== 'closed')) {
    return {
      target: await casesRepository.update(trx, target.id, { updated_at: now }),
      reopened: false,
    };
  }
  const reopened = await reopenCase(
    { casesRepository, clock },
    trx,
    target,
    `reporter of ${merged.ref} is not satisfied`,
    actor,
  );
  const supervisor = onDuty.supervisor;
  if (supervisor) {
    await outbox.enqueue(trx, {
      to: supervisor.phone,
      purpose: 'supervisor_alert',
      caseId: target.id,
      staffId: supervisor.id,
      body: templates.render('supervisorUnsatisfied', supervisor.language, { ref: target.ref }),
    });
  }
  return { target: reopened, reopened: true };
}

/** The case a merged one joined, or the case itself; what a reporter's follow-up concerns. */
export async function survivingCase(
  { casesRepository }: { casesRepository: CasesRepository },
  trx: DbOrTransaction,
  found: Case,
): Promise<Case> {
  if (found.status !== 'merged' || found.mergedInto === null) return found;
  return (await casesRepository.findById(found.mergedInto, trx)) ?? found;
}
