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

/**
 * The same, with the REST client built on the first message: the client is the heaviest module
 * Dutyline loads, and a server that has sent nothing yet (offline, or just started) needs none.
 */
export function createTwilioSenderOnFirstUse(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string | undefined;
  from: string;
  statusCallbackUrl: string;
}): SmsSender {
  let sender: Promise<SmsSender> | undefined;
  const load = () => {
    sender ??= import('./twilio-client').then(({ createTwilioClient }) =>
      createTwilioSender({
        client: createTwilioClient(options),
        from: options.from,
        statusCallbackUrl: options.statusCallbackUrl,
      }),
    );
    return sender;
  };
  return { send: async (message) => (await load()).send(message) };
}
