import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { Actor } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Verdict } from '../cases/review/review.models';
import type { ReviewsRepository } from '../cases/review/review.repository';
import { recordOpinion } from '../cases/review/review.steps';
import type { TemplateName, Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { StaffRepository } from '../staff/staff.repository';
import type { SmsOutcome, StaffSmsContext } from './sms.models';

export interface ReviewTextDeps {
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  reviewsRepository: ReviewsRepository;
  callbacksRepository: CallbacksRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  satisfactionWindowHours: number;
}

// Why an opinion was refused, as the reviewer reads it.
const REFUSALS: Record<string, TemplateName> = {
  'review.not_open': 'reviewNotOpen',
  'review.not_reviewer': 'reviewNotReviewer',
  'review.already_answered': 'reviewAlreadyAnswered',
};

/**
 * AGREE / DISAGREE <ref> <opinion> from a reviewer's phone. The reference names the case; being
 * one of its open review's reviewers is the authorisation, so no other case is ever revealed.
 */
export async function handleReviewText(
  deps: ReviewTextDeps,
  context: StaffSmsContext,
  intent: { verdict: Verdict; ref: string | null; text: string },
): Promise<SmsOutcome> {
  const { casesRepository, outbox, templates } = deps;
  const { sender } = context;
  const ref = intent.ref ?? '';
  const reply = (name: TemplateName, caseId: number | null) =>
    outbox.enqueue(context.trx, {
      to: sender.phone,
      purpose: 'staff_reply',
      staffId: sender.id,
      caseId,
      body: templates.render(name, sender.language, { ref }),
    });
  const found = intent.ref ? await casesRepository.findByRef(intent.ref, context.trx) : undefined;
  if (!found) {
    await reply('reviewNotReviewer', null);
    return { intent: 'staff_rejected' };
  }
  if (intent.text === '') {
    await outbox.enqueue(context.trx, {
      to: sender.phone,
      purpose: 'staff_reply',
      staffId: sender.id,
      caseId: found.id,
      body: templates.render('staffMissingText', sender.language),
    });
    return { intent: 'staff_rejected', caseId: found.id };
  }
  const actor: Actor = { type: 'staff', staffId: sender.id, channel: 'sms' };
  try {
    await recordOpinion(deps, context.trx, found, { verdict: intent.verdict, opinion: intent.text }, actor);
  } catch (error) {
    const refusal = error instanceof AppError ? REFUSALS[error.code] : undefined;
    if (!refusal) throw error;
    await reply(refusal, error instanceof AppError && error.code === 'review.not_reviewer' ? null : found.id);
    return { intent: 'staff_rejected', caseId: found.id };
  }
  await reply('reviewOpinionRecorded', found.id);
  return { intent: 'staff_command', caseId: found.id };
}
