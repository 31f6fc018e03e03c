import { feedbackCallbackDueAt } from '../callbacks/callbacks.models';
import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import { raiseCallbackTask, settleCallbackTasks } from '../callbacks/callbacks.tasks';
import type { DeliveryOutcome, DeliveryOutcomeHook, OutboxMessage } from '../outbox/outbox.models';
import { findNewestMessageId } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import type { Actor, Case } from './cases.models';
import type { CasesRepository } from './cases.repository';

// What a delivery outcome means for a case. The outbox reports outcomes for every message; only a
// result text matters here: it is the "feedback" have, and when it cannot arrive the result is
// owed by phone.

/** A new result owes its own feedback: what reached the citizen about an earlier one no longer counts. */
export const NO_FEEDBACK_YET = {
  feedback_sent_at: null,
  feedback_delivered_at: null,
  feedback_via: null,
} as const;

const smsActor: Actor = { type: 'system', staffId: null, channel: 'sms' };

export interface DeliveryOutcomeDeps {
  casesRepository: Pick<CasesRepository, 'findById' | 'update' | 'appendEvent'>;
  callbacksRepository: Pick<CallbacksRepository, 'raise' | 'settleOpen'>;
  clock: Clock;
}

/** The hook the outbox calls, inside the transaction that records the outcome. */
export function createDeliveryOutcomeHandler({
  casesRepository,
  callbacksRepository,
  clock,
}: DeliveryOutcomeDeps): DeliveryOutcomeHook {
  return async (trx, message, outcome) => {
    if (message.purpose !== 'result' || message.caseId === null) return;
    // After a reopen and a new result, the earlier result's text speaks for nothing: only the
    // newest result text queued for this reporter's case counts, whatever order reports come in.
    const newest = await findNewestMessageId(trx, { caseId: message.caseId, purpose: 'result' });
    if (newest !== message.id) return;
    const found = await casesRepository.findById(message.caseId, trx);
    if (!found) return;
    await recordResultOutcome({ casesRepository, callbacksRepository, clock }, trx, found, message, outcome);
  };
}

async function recordResultOutcome(
  { casesRepository, callbacksRepository, clock }: DeliveryOutcomeDeps,
  trx: DbOrTransaction,
  found: Case,
  message: OutboxMessage,
  outcome: DeliveryOutcome,
): Promise<void> {
  const now = clock.now().toISOString();
  const event = (type: 'feedback_sent' | 'feedback_delivered') =>
    casesRepository.appendEvent(trx, {
      caseId: found.id,
      at: now,
      type,
      actor: smsActor,
      data: { via: 'sms', outboxId: message.id },
    });
  switch (outcome) {
    case 'sent':
      if (found.feedbackSentAt !== null) return;
      await casesRepository.update(trx, found.id, { feedback_sent_at: now, updated_at: now });
      await event('feedback_sent');
      return;
    case 'delivered':
      // The first proof of delivery wins: a call-back logged earlier keeps `via: 'call'`.
      if (found.feedbackDeliveredAt === null) {
        await casesRepository.update(trx, found.id, {
          feedback_delivered_at: now,
          feedback_via: 'sms',
          updated_at: now,
        });
        await event('feedback_delivered');
      }
      // A carrier can report a delivery after a failure: the call is no longer owed.
      await settleCallbackTasks({ casesRepository, callbacksRepository }, trx, {
        caseId: found.id,
        reason: 'feedback_undeliverable',
        outcome: 'sms_delivered',
        now,
      });
      return;
    case 'undeliverable':
    case 'opted_out':
      // The citizen cannot get the result by text (landline, invalid, STOP), so it is owed by
      // phone, unless a call already gave it.
      if (found.feedbackDeliveredAt !== null) return;
      await raiseCallbackTask({ casesRepository, callbacksRepository }, trx, {
        caseId: found.id,
        reason: 'feedback_undeliverable',
        dueAt: feedbackCallbackDueAt(now),
        now,
        outboxId: message.id,
        errorCode: message.errorCode,
      });
      return;
  }
}
