import type { CallbacksRepository } from './callbacks/callbacks.repository';
import { createDeliveryOutcomeHandler } from './cases/cases.delivery';
import type { CasesRepository } from './cases/cases.repository';
import type { Config } from './config';
import { createDispatcher } from './outbox/outbox.dispatcher';
import type { SmsSender } from './outbox/outbox.models';
import { createOutboxRepository } from './outbox/outbox.repository';
import { createTwilioSenderOnFirstUse } from './outbox/twilio-sender';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';

function buildSender(config: Config): SmsSender | undefined {
  if (!config.twilio || !config.hotlineNumber) return undefined;
  return createTwilioSenderOnFirstUse({
    ...config.twilio,
    apiBaseUrl: config.twilioApiBaseUrl,
    from: config.hotlineNumber,
    statusCallbackUrl: `${config.publicBaseUrl}/twilio/sms/status`,
  });
}

/** The outbox queue, and the dispatcher that sends it where there is a sender (tests pass their own). */
export function buildOutbox({
  db,
  config,
  sender: givenSender,
  casesRepository,
  callbacksRepository,
  clock,
  logger,
}: {
  db: Db;
  config: Config;
  sender: SmsSender | undefined;
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
  clock: Clock;
  logger: Logger;
}) {
  // The outbox is a leaf: what a delivery means for a case is decided by the cases capability.
  const outboxRepository = createOutboxRepository({
    db,
    clock,
    offline: config.offline,
    onDeliveryOutcome: createDeliveryOutcomeHandler({ casesRepository, callbacksRepository, clock }),
  });
  const sender = givenSender ?? buildSender(config);
  const dispatcher = sender
    ? createDispatcher({
        outboxRepository,
        sender,
        clock,
        logger,
        concurrency: config.outboxConcurrency,
        leaseMs: config.outboxLeaseMs,
      })
    : undefined;
  return { outboxRepository, dispatcher, kickOutbox: () => dispatcher?.kick() };
}
