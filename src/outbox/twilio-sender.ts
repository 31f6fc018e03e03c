import type { SmsSender } from './outbox.models';
import type { TwilioClient } from './twilio-client';

/** Sends through the REST API with the status callback on every message, so delivery can be tracked. */
export function createTwilioSender(deps: {
  client: Pick<TwilioClient, 'messages'>;
  from: string;
  statusCallbackUrl: string;
}): SmsSender {
  return {
    async send({ to, body }) {
      const message = await deps.client.messages.create({
        to,
        from: deps.from,
        body,
        statusCallback: deps.statusCallbackUrl,
      });
      return { sid: message.sid, status: message.status };
    },
  };
}
