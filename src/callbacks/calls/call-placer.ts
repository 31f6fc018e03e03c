import type { TwilioClient } from '../../outbox/twilio-client';

export interface PlaceCall {
  to: string;
  from: string;
  /** Fetched (signed POST) when the called person answers. */
  url: string;
  statusCallback: string;
}

/** Starts an outbound call through Twilio's REST API; throws Twilio's RestException when refused. */
export interface CallPlacer {
  place(call: PlaceCall): Promise<{ sid: string; status: string }>;
}

/**
 * With a BYOC trunk (SPEC §19) every call goes out through the bureau's own carrier; without one,
 * the request is as it always was.
 */
export function createTwilioCallPlacer(
  client: Pick<TwilioClient, 'calls'>,
  route: { byocTrunkSid?: string } = {},
): CallPlacer {
  return {
    async place(call) {
      const created = await client.calls.create({
        to: call.to,
        from: call.from,
        url: call.url,
        method: 'POST',
        statusCallback: call.statusCallback,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        ...(route.byocTrunkSid ? { byoc: route.byocTrunkSid } : {}),
      });
      return { sid: created.sid, status: created.status };
    },
  };
}

/** The same, with the REST client (the heaviest module Dutyline loads) built on the first call. */
export function createTwilioCallPlacerOnFirstUse(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string | undefined;
  byocTrunkSid?: string;
}): CallPlacer {
  let placer: Promise<CallPlacer> | undefined;
  return {
    async place(call) {
      placer ??= import('../../outbox/twilio-client').then(({ createTwilioClient }) =>
        createTwilioCallPlacer(createTwilioClient(options), { byocTrunkSid: options.byocTrunkSid }),
      );
      return (await placer).place(call);
    },
  };
}
