import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { NO_FEEDBACK_YET } from './cases.delivery';
import type { Actor, Case } from './cases.models';
import type { CasesRepository } from './cases.repository';

// A group complaint is one case with several reporters: its own citizen and the citizens of the
// cases merged into it. Each merged case keeps its reporter's phone, language, and satisfaction
// answer, so every reporter is asked once and answers for themselves.

export interface Reporter {
  ref: string;
  phone: string;
}

/** Every number that reported the case, its own first, each once; cases without a phone have none. */
export function listReporters(target: Case, merged: readonly Case[]): Reporter[] {
  const seen = new Set<string>();
  const reporters: Reporter[] = [];
  for (const found of [target, ...merged]) {
    if (found.phone === null || seen.has(found.phone)) continue;
    seen.add(found.phone);
    reporters.push({ ref: found.ref, phone: found.phone });
  }
  return reporters;
}

/** Whether this number reported the case, itself or through a case merged into it. */
export async function isReporterOf(
  { casesRepository }: { casesRepository: CasesRepository },
  trx: DbOrTransaction,
  found: Case,
  phone: string,
): Promise<boolean> {
  if (found.phone === phone) return true;
  const merged = await casesRepository.listMergedInto(found.id, trx);
  return merged.some((item) => item.phone === phone);
}

export interface QueueResultAndQuestionDeps {
  outbox: OutboxRepository;
  templates: Templates;
  askSatisfaction: AskSatisfaction;
}

/**
 * The result and the satisfaction question to one reporter, queued on the reporter's own case so
 * that delivery (or its failure) is recorded there. `ref` is the case the result belongs to. The
 * question is a text or, where citizens cannot text back, a survey call (askSatisfaction).
 */
export async function queueResultAndQuestion(
  { outbox, templates, askSatisfaction }: QueueResultAndQuestionDeps,
  trx: DbOrTransaction,
  { reporter, ref, result }: { reporter: Case; ref: string; result: string },
) {
  if (reporter.phone === null) return;
  await outbox.enqueue(trx, {
    to: reporter.phone,
    purpose: 'result',
    caseId: reporter.id,
    body: templates.render('result', reporter.language, { ref, result }),
  });
  await askSatisfaction.ask(trx, { reporter: { ...reporter, phone: reporter.phone }, ref });
}

export interface QueueResultToMergedReporterDeps {
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  askSatisfaction: AskSatisfaction;
}

/**
 * Sends the surviving case's result and the satisfaction question to the reporter of a merged
 * case, on the merged case: its outbox rows carry its id, so delivery records the feedback there.
 */
export async function queueResultToMergedReporter(
  { casesRepository, outbox, templates, clock, askSatisfaction }: QueueResultToMergedReporterDeps,
  trx: DbOrTransaction,
  merged: Case,
  target: Case,
  text: string,
  actor: Actor,
) {
  if (merged.phone === null) return;
  const now = clock.now().toISOString();
  await casesRepository.update(trx, merged.id, {
    ...NO_FEEDBACK_YET,
    satisfaction_asked_at: now,
    satisfaction_answer: null,
    satisfaction_answered_at: null,
    updated_at: now,
  });
  await queueResultAndQuestion({ outbox, templates, askSatisfaction }, trx, {
    reporter: merged,
    ref: target.ref,
    result: text,
  });
  await casesRepository.appendEvent(trx, {
    caseId: merged.id,
    at: now,
    type: 'result_forwarded',
    actor,
    data: { from: target.ref, result: text },
  });
  await casesRepository.appendEvent(trx, {
    caseId: merged.id,
    at: now,
    type: 'satisfaction_asked',
    actor,
    data: { about: target.ref },
  });
}

/**
 * The rest of "every reporter receives the result": the target's own citizen is texted by
 * recordResult; this texts each further number once, skipping one already told.
 */
export async function queueResultToMergedReporters(
  { casesRepository, outbox, templates, clock, askSatisfaction }: QueueResultToMergedReporterDeps,
  trx: DbOrTransaction,
  target: Case,
  text: string,
  actor: Actor,
) {
  const merged = await casesRepository.listMergedInto(target.id, trx);
  const told = new Set(target.phone === null ? [] : [target.phone]);
  for (const item of merged) {
    if (item.phone === null || told.has(item.phone)) continue;
    told.add(item.phone);
    await queueResultToMergedReporter(
      { casesRepository, outbox, templates, clock, askSatisfaction },
      trx,
      item,
      target,
      text,
      actor,
    );
  }
}
