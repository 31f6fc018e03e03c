import { isValidReference } from '../cases/case-reference';
import { openCase } from '../cases/cases.intake';
import { answerSatisfaction } from '../cases/cases.lifecycle';
import { discloseCase } from '../cases/cases.lookup';
import { answerAsMergedReporter, survivingCase } from '../cases/cases.merge';
import { type Actor, type Case, detectLanguage, isOpen } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Keywords } from '../content/keywords';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { InboundRepository } from './inbound.repository';
import { parseCitizenText } from './sms.commands';
import type { SmsContext, SmsOutcome } from './sms.models';

/** A text within this long of the number's last one goes to the same open case. */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
/** More new cases than this from one number in an hour are a flood: later texts join the newest case. */
export const MAX_NEW_CASES_PER_HOUR = 5;

const citizenActor: Actor = { type: 'citizen', staffId: null, channel: 'sms' };

export interface CitizenTextDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  inboundRepository: InboundRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  keywords: Keywords;
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  defaultLanguage: Language;
  /** SATISFACTION_WINDOW_HOURS: how long a reporter of a group complaint may still answer. */
  satisfactionWindowHours: number;
}

export async function handleCitizenText(
  {
    casesRepository,
    staffRepository,
    inboundRepository,
    outbox,
    templates,
    categories,
    keywords,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    satisfactionWindowHours,
  }: CitizenTextDeps,
  context: SmsContext,
  optOutType: string | undefined,
): Promise<SmsOutcome> {
  const intent = optOutTypeIntent(optOutType) ?? parseCitizenText(context.body, keywords.citizen);
  const language = detectLanguage(context.body, defaultLanguage);
  const reply = (body: string) => outbox.enqueue(context.trx, { to: context.from, purpose: 'reply', body });
  const complaint = {
    casesRepository,
    staffRepository,
    inboundRepository,
    outbox,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
  };

  switch (intent.kind) {
    case 'opt_out':
      await outbox.optOut(context.trx, { phone: context.from, source: 'sms', at: context.now });
      return { intent: 'opt_out' };
    case 'opt_in':
      await outbox.optIn(context.trx, context.from);
      await reply(templates.render('optedIn', language));
      return { intent: 'opt_in' };
    case 'help':
      await reply(templates.render('help', language));
      return { intent: 'help' };
    case 'status':
      await reply(await statusReply({ casesRepository, templates }, context, intent.ref, language));
      return { intent: 'status' };
    case 'satisfaction': {
      const awaiting = await casesRepository.findAwaitingSatisfaction(context.trx, context.from);
      // A merged case's reporter may answer for as long as the survivor's own citizen could.
      const askedSince = new Date(
        new Date(context.now).getTime() - satisfactionWindowHours * 3_600_000,
      ).toISOString();
      const asMerged = await casesRepository.findMergedAwaitingSatisfaction(
        context.trx,
        context.from,
        askedSince,
      );
      const answering = { casesRepository, outbox, templates, clock };
      // The question asked last is the one being answered.
      if (asMerged && !(awaiting && awaiting.satisfactionAskedAt! > asMerged.satisfactionAskedAt!))
        return answerAsMerged(answering, context, asMerged, intent.answer);
      if (awaiting) return answer(answering, context, awaiting, intent.answer);
      return recordComplaint(complaint, context, language);
    }
    case 'complaint':
      return recordComplaint(complaint, context, language);
  }
}

type AnswerDeps = Pick<CitizenTextDeps, 'casesRepository' | 'outbox' | 'templates' | 'clock'>;

function optOutTypeIntent(optOutType: string | undefined) {
  // Twilio's Advanced Opt-Out has already classified the text; trust it over our own keywords.
  if (optOutType === 'STOP') return { kind: 'opt_out' } as const;
  if (optOutType === 'START') return { kind: 'opt_in' } as const;
  if (optOutType === 'HELP') return { kind: 'help' } as const;
  return undefined;
}

async function answer(
  { casesRepository, outbox, templates, clock }: AnswerDeps,
  context: SmsContext,
  awaiting: Case,
  verdict: 'satisfied' | 'unsatisfied',
) {
  const updated = await answerSatisfaction(
    { casesRepository, outbox, templates, clock },
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
  await outbox.enqueue(context.trx, {
    to: context.from,
    purpose: 'reply',
    caseId: awaiting.id,
    body: templates.render(template, awaiting.language, { ref: awaiting.ref }),
  });
  return { intent: 'satisfaction', caseId: awaiting.id };
}

/** A group complaint's reporter answers for themselves; see answerAsMergedReporter. */
async function answerAsMerged(
  { casesRepository, outbox, templates, clock }: AnswerDeps,
  context: SmsContext,
  merged: Case,
  verdict: 'satisfied' | 'unsatisfied',
): Promise<SmsOutcome> {
  const { target } = await answerAsMergedReporter(
    { casesRepository, outbox, templates, clock },
    context.trx,
    merged,
    verdict,
    citizenActor,
    context.onDuty,
  );
  const template = verdict === 'unsatisfied' ? 'unsatisfiedReply' : 'satisfactionRecorded';
  await outbox.enqueue(context.trx, {
    to: context.from,
    purpose: 'reply',
    caseId: merged.id,
    body: templates.render(template, merged.language, { ref: target.ref }),
  });
  return { intent: 'satisfaction', caseId: merged.id };
}

async function statusReply(
  { casesRepository, templates }: Pick<CitizenTextDeps, 'casesRepository' | 'templates'>,
  context: SmsContext,
  ref: string | null,
  language: Language,
): Promise<string> {
  if (ref === null) {
    const open = await casesRepository.listOpenByPhone(context.from, context.trx);
    if (open.length === 0) return templates.render('noOpenCases', language);
    const list = open
      .map((found) => `${found.ref} ${templates.render(`status.${found.status}`, language)}`)
      .join('; ');
    return templates.render('openCases', language, { list });
  }
  if (!isValidReference(ref)) return templates.render('invalidRef', language, { ref });
  const disclosure = await discloseCase({ casesRepository }, context.trx, {
    ref,
    phone: context.from,
    channel: 'sms',
  });
  if (disclosure.kind !== 'result') return templates.render('statusNotFound', language, { ref });
  const { found, target } = disclosure;
  const status = templates.render(`status.${target.status}`, found.language);
  if (found.id !== target.id) {
    const vars = { ref, target: target.ref, status, result: target.result ?? '' };
    return templates.render(target.result ? 'statusMergedWithResult' : 'statusMerged', found.language, vars);
  }
  return found.result
    ? templates.render('statusWithResult', found.language, { ref, status, result: found.result })
    : templates.render('statusOnly', found.language, { ref, status });
}

type ComplaintDeps = Pick<
  CitizenTextDeps,
  | 'casesRepository'
  | 'staffRepository'
  | 'inboundRepository'
  | 'outbox'
  | 'templates'
  | 'categories'
  | 'places'
  | 'clock'
  | 'logger'
  | 'randomInt'
>;

async function recordComplaint(
  {
    casesRepository,
    staffRepository,
    inboundRepository,
    outbox,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
  }: ComplaintDeps,
  context: SmsContext,
  language: Language,
): Promise<SmsOutcome> {
  const existing = await findCaseToJoin({ casesRepository, inboundRepository }, context);
  if (existing) {
    await casesRepository.appendEvent(context.trx, {
      caseId: existing.id,
      at: context.now,
      type: 'citizen_message',
      actor: citizenActor,
      data: { text: context.body },
    });
    await casesRepository.update(context.trx, existing.id, { updated_at: context.now });
    return { intent: 'follow_up', caseId: existing.id };
  }
  const place = places.match(context.body);
  const created = await openCase(
    { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
    context.trx,
    {
      channel: 'sms',
      phone: context.from,
      language,
      category: 'other',
      priority: 'normal',
      description: context.body,
      place: place?.name[language] ?? null,
      placeId: place?.id ?? null,
      actor: citizenActor,
    },
    context.onDuty,
  );
  return { intent: 'complaint', caseId: created.id };
}

/** A follow-up within the window, or any text from a number that is flooding the hotline. */
async function findCaseToJoin(
  { casesRepository, inboundRepository }: Pick<CitizenTextDeps, 'casesRepository' | 'inboundRepository'>,
  context: SmsContext,
): Promise<Case | undefined> {
  const since = new Date(new Date(context.now).getTime() - FOLLOW_UP_WINDOW_MS).toISOString();
  const recentCaseId = await inboundRepository.findRecentCaseId(context.trx, context.from, since);
  if (recentCaseId !== null) {
    const found = await casesRepository.findById(recentCaseId, context.trx);
    // A follow-up to a complaint merged meanwhile belongs to the case it joined.
    const recent = found && (await survivingCase({ casesRepository }, context.trx, found));
    if (recent && isOpen(recent.status)) return recent;
  }
  const hourAgo = new Date(new Date(context.now).getTime() - 60 * 60_000).toISOString();
  const createdLastHour = await casesRepository.countCreatedByPhoneSince(context.trx, context.from, hourAgo);
  if (createdLastHour >= MAX_NEW_CASES_PER_HOUR) {
    const latest = await casesRepository.findLatestByPhone(context.trx, context.from);
    return latest && survivingCase({ casesRepository }, context.trx, latest);
  }
  return undefined;
}
