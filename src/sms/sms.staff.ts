import { formatDueTime } from '../callbacks/callbacks.format';
import { logCallback } from '../callbacks/callbacks.usecases';
import { canActOnCase } from '../cases/cases.access';
import { handOverOpenCases } from '../cases/cases.handover';
import { acknowledgeCase, addNote, claimCase, recordResult } from '../cases/cases.lifecycle';
import type { Actor, Case } from '../cases/cases.models';
import type { TemplateName, TemplateVars } from '../content/templates';
import { reportSick, takeCover } from '../roster/roster.sickness';
import { AppError } from '../shared/errors';
import { parseStaffText } from './sms.commands';
import type { SmsDeps, SmsOutcome, StaffSmsContext } from './sms.deps';

/** Commands from a registered staff phone. Nothing a staff member texts ever opens a case. */
export async function handleStaffText(deps: SmsDeps, context: StaffSmsContext): Promise<SmsOutcome> {
  const { sender } = context;
  const intent = parseStaffText(context.body, deps.keywords.staff);
  const actor: Actor = { type: 'staff', staffId: sender.id, channel: 'sms' };
  const reply = (name: TemplateName, vars: TemplateVars = {}, caseId?: number) =>
    deps.outbox.enqueue(context.trx, {
      to: sender.phone,
      purpose: 'staff_reply',
      staffId: sender.id,
      caseId: caseId ?? null,
      body: deps.templates.render(name, sender.language, vars),
    });

  /** Finds a case the sender may act on (canActOnCase), or replies that they have no such case. */
  async function ownCase(ref: string | null): Promise<Case | undefined> {
    const found = ref ? await deps.casesRepository.findByRef(ref, context.trx) : undefined;
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
      await step(await claimCase(deps, context.trx, found, sender, actor));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'case.invalid_transition') throw error;
      const status = deps.templates.render(`status.${found.status}`, sender.language);
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
        (held) => (takenOver ? Promise.resolve(held) : acknowledgeCase(deps, context.trx, held, actor)),
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
        ? apply(found, (held) => recordResult(deps, context.trx, held, intent.text, actor), 'staffResolved')
        : apply(found, (held) => addNote(deps, context.trx, held, intent.text, actor), 'staffNoted');
    }
    case 'called':
    case 'no_answer': {
      const found = await ownCase(intent.ref);
      if (!found) return { intent: 'staff_rejected' };
      const outcome = intent.kind === 'called' ? 'reached' : 'no_answer';
      const logged = await logCallback(
        deps,
        context.trx,
        await claimCase(deps, context.trx, found, sender, actor),
        { outcome, note: intent.text },
        actor,
        context.onDuty,
      );
      if (logged.nextDueAt === null) await reply('staffCallbackLogged', { ref: found.ref }, found.id);
      else {
        const time = formatDueTime(logged.nextDueAt, deps.sickness.timezone, sender.language);
        await reply('staffCallbackRetry', { ref: found.ref, time }, found.id);
      }
      return { intent: 'staff_command', caseId: found.id };
    }
    case 'who': {
      const nobody = deps.templates.render('nobody', sender.language);
      const { primary, backup, supervisor } = context.onDuty;
      await reply('who', {
        primary: primary?.name ?? nobody,
        backup: backup?.name ?? nobody,
        supervisor: supervisor?.name ?? nobody,
      });
      return { intent: 'staff_command' };
    }
    case 'cases': {
      const open = await deps.casesRepository.listOpenByAssignee(sender.id, context.trx);
      if (open.length === 0) await reply('staffNoCases');
      else {
        const list = open.map(
          (found) => `${found.ref} ${deps.templates.render(`status.${found.status}`, sender.language)}`,
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
          ? await reportSick(deps.sickness, context.trx, sender, at)
          : await takeCover(deps.sickness, context.trx, sender, at);
      if (outcome.takeover)
        await handOverOpenCases(deps, context.trx, { ...outcome.takeover, reason: 'handover_sick', actor });
      await reply(outcome.reply, outcome.vars);
      return { intent: outcome.ok ? 'staff_command' : 'staff_rejected' };
    }
    default:
      await reply('staffHelp');
      return { intent: 'staff_help' };
  }
}
