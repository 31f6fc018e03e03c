import { formatDueTime } from '../callbacks/callbacks.format';
import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { logCallback } from '../callbacks/callbacks.usecases';
import { canActOnCase } from '../cases/cases.access';
import { handOverOpenCases } from '../cases/cases.handover';
import { acknowledgeCase, addNote, claimCase, recordResult } from '../cases/cases.lifecycle';
import type { Actor, Case } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { ReviewsRepository } from '../cases/review/review.repository';
import type { Keywords } from '../content/keywords';
import type { TemplateName, Templates, TemplateVars } from '../content/templates';
import type { NoticesRepository } from '../notices/notices.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterRepository } from '../roster/roster.repository';
import type { RosterService } from '../roster/roster.service';
import { reportSick, takeCover } from '../roster/roster.sickness';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import { parseStaffText } from './sms.commands';
import type { SmsOutcome, StaffSmsContext } from './sms.models';
import { handleReviewText } from './sms.review';

export interface StaffTextDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callbacksRepository: CallbacksRepository;
  /** SICK and COVER change the roster inside the SMS's transaction. */
  rosterRepository: RosterRepository;
  rosterService: Pick<RosterService, 'loadRoster'>;
  noticesRepository: NoticesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  keywords: Keywords;
  clock: Clock;
  logger: Logger;
  /** The hotline's zone, in which staff read the times. */
  timezone: string;
  /** AGREE and DISAGREE answer a collective review; the quorum's sign-off may close the case. */
  reviewsRepository: ReviewsRepository;
  satisfactionWindowHours: number;
  /** How DONE's result asks the citizen whether they are satisfied: a text or a survey call. */
  askSatisfaction: AskSatisfaction;
}

/** Commands from a registered staff phone. Nothing a staff member texts ever opens a case. */
export async function handleStaffText(
  {
    casesRepository,
    staffRepository,
    callbacksRepository,
    rosterRepository,
    rosterService,
    noticesRepository,
    outbox,
    templates,
    keywords,
    clock,
    logger,
    timezone,
    reviewsRepository,
    satisfactionWindowHours,
    askSatisfaction,
  }: StaffTextDeps,
  context: StaffSmsContext,
): Promise<SmsOutcome> {
  const { sender } = context;
  const intent = parseStaffText(context.body, keywords.staff);
  const actor: Actor = { type: 'staff', staffId: sender.id, channel: 'sms' };
  const lifecycle = { casesRepository, outbox, templates, clock, askSatisfaction };
  const reply = (name: TemplateName, vars: TemplateVars = {}, caseId?: number) =>
    outbox.enqueue(context.trx, {
      to: sender.phone,
      purpose: 'staff_reply',
      staffId: sender.id,
      caseId: caseId ?? null,
      body: templates.render(name, sender.language, vars),
    });

  /** Finds a case the sender may act on (canActOnCase), or replies that they have no such case. */
  async function ownCase(ref: string | null): Promise<Case | undefined> {
    const found = ref ? await casesRepository.findByRef(ref, context.trx) : undefined;
    const principal = { kind: 'staff', staffId: sender.id, role: sender.role } as const;
    const onDutyIds = Object.values(context.onDuty).map((member) => member?.id ?? null);
    if (found && canActOnCase(principal, found, onDutyIds)) return found;
    await reply('staffCaseNotFound', { ref: ref ?? '' });
    return undefined;
  }

  /**
   * Applies a lifecycle step to the case, which the sender takes first if nobody holds it; a step
   * the case's status forbids gets a reply instead of an error.
   */
  async function apply(
    found: Case,
    step: (held: Case) => Promise<unknown>,
    done: TemplateName,
  ): Promise<SmsOutcome> {
    try {
      await step(await claimCase(lifecycle, context.trx, found, sender, actor));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'case.invalid_transition') throw error;
      const status = templates.render(`status.${found.status}`, sender.language);
      await reply('staffNotAllowed', { ref: found.ref, status }, found.id);
      return { intent: 'staff_rejected', caseId: found.id };
    }
    await reply(done, { ref: found.ref }, found.id);
    return { intent: 'staff_command', caseId: found.id };
  }

  switch (intent.kind) {
    case 'ack': {
      const found = await ownCase(intent.ref);
      if (!found) return { intent: 'staff_rejected' };
      // Taking a case acknowledged before it was handed over to nobody is all there is to acknowledge.
      const takenOver = found.assigneeId === null && found.status === 'acknowledged';
      return apply(
        found,
        (held) =>
          takenOver
            ? Promise.resolve(held)
            : acknowledgeCase(
                { casesRepository, staffRepository, outbox, templates, clock },
                context.trx,
                held,
                actor,
              ),
        'staffAcknowledged',
      );
    }
    case 'done':
    case 'note': {
      const found = await ownCase(intent.ref);
      if (!found) return { intent: 'staff_rejected' };
      if (intent.text === '') {
        await reply('staffMissingText', {}, found.id);
        return { intent: 'staff_rejected', caseId: found.id };
      }
      return intent.kind === 'done'
        ? apply(
            found,
            (held) => recordResult(lifecycle, context.trx, held, intent.text, actor),
            'staffResolved',
          )
        : apply(
            found,
            (held) => addNote({ casesRepository, clock }, context.trx, held, intent.text, actor),
            'staffNoted',
          );
    }
    case 'called':
    case 'no_answer': {
      const found = await ownCase(intent.ref);
      if (!found) return { intent: 'staff_rejected' };
      const outcome = intent.kind === 'called' ? 'reached' : 'no_answer';
      const logged = await logCallback(
        { casesRepository, callbacksRepository, outbox, templates, clock },
        context.trx,
        await claimCase(lifecycle, context.trx, found, sender, actor),
        { outcome, note: intent.text },
        actor,
        context.onDuty,
      );
      if (logged.nextDueAt === null) await reply('staffCallbackLogged', { ref: found.ref }, found.id);
      else {
        const time = formatDueTime(logged.nextDueAt, timezone, sender.language);
        await reply('staffCallbackRetry', { ref: found.ref, time }, found.id);
      }
      return { intent: 'staff_command', caseId: found.id };
    }
    case 'review':
      return handleReviewText(
        {
          casesRepository,
          staffRepository,
          reviewsRepository,
          callbacksRepository,
          outbox,
          templates,
          clock,
          satisfactionWindowHours,
        },
        context,
        intent,
      );
    case 'who': {
      const nobody = templates.render('nobody', sender.language);
      const { primary, backup, supervisor } = context.onDuty;
      await reply('who', {
        primary: primary?.name ?? nobody,
        backup: backup?.name ?? nobody,
        supervisor: supervisor?.name ?? nobody,
      });
      return { intent: 'staff_command' };
    }
    case 'cases': {
      const open = await casesRepository.listOpenByAssignee(sender.id, context.trx);
      if (open.length === 0) await reply('staffNoCases');
      else {
        const list = open.map(
          (found) => `${found.ref} ${templates.render(`status.${found.status}`, sender.language)}`,
        );
        await reply('staffCases', { list: list.join('; ') });
      }
      return { intent: 'staff_command' };
    }
    case 'sick':
    case 'cover': {
      const at = new Date(context.now);
      const outcome =
        intent.kind === 'sick'
          ? await reportSick(
              {
                rosterRepository,
                rosterService,
                staffRepository,
                noticesRepository,
                outbox,
                templates,
                timezone,
              },
              context.trx,
              sender,
              at,
            )
          : await takeCover(
              { rosterRepository, rosterService, staffRepository, outbox, templates, timezone },
              context.trx,
              sender,
              at,
            );
      if (outcome.takeover)
        await handOverOpenCases(
          { casesRepository, staffRepository, outbox, templates, clock, logger },
          context.trx,
          { ...outcome.takeover, reason: 'handover_sick', actor },
        );
      await reply(outcome.reply, outcome.vars);
      return { intent: outcome.ok ? 'staff_command' : 'staff_rejected' };
    }
    default:
      await reply('staffHelp');
      return { intent: 'staff_help' };
  }
}
