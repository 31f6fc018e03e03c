import type { VoiceResponse } from '../shared/twilio-parts';

type Dial = ReturnType<VoiceResponse['dial']>;

/**
 * Every <Number> the hotline dials (the hunt's staff legs, a masked call-back's citizen leg) is
 * written here, so a carrier option is added in one place. With a BYOC trunk (`byoc`, SPEC §19) the
 * leg goes out through the bureau's own carrier; without one, the TwiML is as it always was.
 */
export function dialNumber(dial: Dial, phone: string, options: { url?: string; byoc?: string } = {}): void {
  dial.number(
    {
      ...(options.url ? { url: options.url } : {}),
      ...(options.byoc ? { byoc: options.byoc } : {}),
    },
    phone,
  );
}
