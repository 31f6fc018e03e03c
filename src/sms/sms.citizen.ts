import { isValidReference } from '../cases/case-reference';
import { openCase } from '../cases/cases.intake';
import { answerSatisfaction } from '../cases/cases.lifecycle';
import { discloseCase } from '../cases/cases.lookup';
import { answerAsMergedReporter, survivingCase } from '../cases/cases.merge';
import { type Actor, type Case, detectLanguage, isOpen } from '../cases/cases.models';
import type { Language } from '../staff/staff.models';
import { parseCitizenText } from './sms.commands';
import type { SmsContext, SmsDeps, SmsOutcome } from './sms.deps';

/** A text within this long of the number's last one goes to the same open case. */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
/** More new cases than this from one number in an hour are a flood: later texts join the newest case. */
export const MAX_NEW_CASES_PER_HOUR = 5;

const citizenActor: Actor = { type: 'citizen', staffId: null, channel: 'sms' };

export async function handleCitizenText(
  deps: SmsDeps,
  context: SmsContext,
  optOutType: string | undefined,
): Promise<SmsOutcome> {
  const intent = optOutTypeIntent(optOutType) ?? parseCitizenText(context.body, deps.keywords.citizen);
  const language = detectLanguage(context.body, deps.defaultLanguage);
  const reply = (body: string) =>
    deps.outbox.enqueue(context.trx, { to: context.from, purpose: 'reply', body });

  switch (intent.kind) {
    case 'opt_out':
      await context.trx
        .insertInto('opt_outs')
        .values({ phone: context.from, opted_out_at: context.now, source: 'sms' })
        .onConflict((oc) => oc.column('phone').doNothing())
        .execute();
      return { intent: 'opt_out' };
    case 'opt_in':
      await context.trx.deleteFrom('opt_outs').where('phone', '=', context.from).execute();
      await reply(deps.templates.render('optedIn', language));
      return { intent: 'opt_in' };
    case 'help':
      await reply(deps.templates.render('help', language));
      return { intent: 'help' };
    case 'status':
      await reply(await statusReply(deps, context, intent.ref, language));
      return { intent: 'status' };
    case 'satisfaction': {
      const awaiting = await deps.casesRepository.findAwaitingSatisfaction(context.trx, context.from);
      // A merged case's reporter may answer for as long as the survivor's own citizen could.
      const askedSince = new Date(
        new Date(context.now).getTime() - deps.satisfactionWindowHours * 3_600_000,
      ).toISOString();
      const asMerged = await deps.casesRepository.findMergedAwaitingSatisfaction(
        context.trx,
        context.from,
        askedSince,
      );
      // The question asked last is the one being answered.
      if (asMerged && !(awaiting && awaiting.satisfactionAskedAt! > asMerged.satisfactionAskedAt!))
        return answerAsMerged(deps, context, asMerged, intent.answer);
      if (awaiting) return answer(deps, context, awaiting, intent.answer);
      return recordComplaint(deps, context, language);
    }
    case 'complaint':
      return recordComplaint(deps, context, language);
  }
}

function optOutTypeIntent(optOutType: string | undefined) {
  // Twilio's Advanced Opt-Out has already classified the text; trust it over our own keywords.
  if (optOutType === 'STOP') return { kind: 'opt_out' } as const;
  if (optOutType === 'START') return { kind: 'opt_in' } as const;
  if (optOutType === 'HELP') return { kind: 'help' } as const;
  return undefined;
}

async function answer(
  deps: SmsDeps,
  context: SmsContext,
  awaiting: Case,
  verdict: 'satisfied' | 'unsatisfied',
) {
  const updated = await answerSatisfaction(
    deps,
    context.trx,
    awaiting,
    verdict,
    citizenActor,
    context.onDuty,
  );
  const template =
    verdict === 'unsatisfied'
      ? 'unsatisfiedReply'
      : updated.status === 'closed'
        ? 'satisfiedThanks'
        : 'satisfiedPendingSignOff';
  await deps.outbox.enqueue(context.trx, {
    to: context.from,
    purpose: 'reply',
    caseId: awaiting.id,
    body: deps.templates.render(template, awaiting.language, { ref: awaiting.ref }),
  });
  return { intent: 'satisfaction', caseId: awaiting.id };
}

/** A group complaint's reporter answers for themselves; see answerAsMergedReporter. */
async function answerAsMerged(
  deps: SmsDeps,
  context: SmsContext,
  merged: Case,
  verdict: 'satisfied' | 'unsatisfied',
): Promise<SmsOutcome> {
  const { target } = await answerAsMergedReporter(
    deps,
    context.trx,
    merged,
    verdict,
    citizenActor,
    context.onDuty,
  );
  const template = verdict === 'unsatisfied' ? 'unsatisfiedReply' : 'satisfactionRecorded';
  await deps.outbox.enqueue(context.trx, {
    to: context.from,
    purpose: 'reply',
    caseId: merged.id,
    body: deps.templates.render(template, merged.language, { ref: target.ref }),
  });
  return { intent: 'satisfaction', caseId: merged.id };
}

async function statusReply(
  deps: SmsDeps,
  context: SmsContext,
  ref: string | null,
  language: Language,
): Promise<string> {
  if (ref === null) {
    const open = await deps.casesRepository.listOpenByPhone(context.from, context.trx);
    if (open.length === 0) return deps.templates.render('noOpenCases', language);
    const list = open
      .map((found) => `${found.ref} ${deps.templates.render(`status.${found.status}`, language)}`)
      .join('; ');
    return deps.templates.render('openCases', language, { list });
  }
  if (!isValidReference(ref)) return deps.templates.render('invalidRef', language, { ref });
  const disclosure = await discloseCase(deps, context.trx, { ref, phone: context.from, channel: 'sms' });
  if (disclosure.kind !== 'result') return deps.templates.render('statusNotFound', language, { ref });
  const { found, target } = disclosure;
  const status = deps.templates.render(`status.${target.status}`, found.language);
  if (found.id !== target.id) {
    const vars = { ref, target: target.ref, status, result: target.result ?? '' };
    return deps.templates.render(
      target.result ? 'statusMergedWithResult' : 'statusMerged',
      found.language,
      vars,
    );
  }
  return found.result
    ? deps.templates.render('statusWithResult', found.language, { ref, status, result: found.result })
    : deps.templates.render('statusOnly', found.language, { ref, status });
}

async function recordComplaint(deps: SmsDeps, context: SmsContext, language: Language): Promise<SmsOutcome> {
  const existing = await findCaseToJoin(deps, context);
  if (existing) {
    await deps.casesRepository.appendEvent(context.trx, {
      caseId: existing.id,
      at: context.now,
      type: 'citizen_message',
      actor: citizenActor,
      data: { text: context.body },
    });
    await deps.casesRepository.update(context.trx, existing.id, { updated_at: context.now });
    return { intent: 'follow_up', caseId: existing.id };
  }
  const created = await openCase(
    deps,
    context.trx,
    {
      channel: 'sms',
      phone: context.from,
      language,
      category: 'other',
      priority: 'normal',
      description: context.body,
      actor: citizenActor,
    },
    context.onDuty,
  );
  return { intent: 'complaint', caseId: created.id };
}

/** A follow-up within the window, or any text from a number that is flooding the hotline. */
async function findCaseToJoin(deps: SmsDeps, context: SmsContext): Promise<Case | undefined> {
  const since = new Date(new Date(context.now).getTime() - FOLLOW_UP_WINDOW_MS).toISOString();
  const recentCaseId = await deps.inboundRepository.findRecentCaseId(context.trx, context.from, since);
  if (recentCaseId !== null) {
    const found = await deps.casesRepository.findById(recentCaseId, context.trx);
    // A follow-up to a complaint merged meanwhile belongs to the case it joined.
    const recent = found && (await survivingCase(deps, context.trx, found));
    if (recent && isOpen(recent.status)) return recent;
  }
  const hourAgo = new Date(new Date(context.now).getTime() - 60 * 60_000).toISOString();
  const createdLastHour = await deps.casesRepository.countCreatedByPhoneSince(
    context.trx,
    context.from,
    hourAgo,
  );
  if (createdLastHour >= MAX_NEW_CASES_PER_HOUR) {
    const latest = await deps.casesRepository.findLatestByPhone(context.trx, context.from);
    return latest && survivingCase(deps, context.trx, latest);
  }
  return undefined;
}
