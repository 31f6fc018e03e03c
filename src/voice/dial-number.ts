import type { VoiceResponse } from '../shared/twilio-parts';

type Dial = ReturnType<VoiceResponse['dial']>;

/**
 * Every <Number> the hotline dials (the hunt's staff legs, a masked call-back's citizen leg) is
 * written here, so a carrier option such as a BYOC trunk is added in one place.
 */
export function dialNumber(dial: Dial, phone: string, options: { url?: string } = {}): void {
  dial.number(options.url ? { url: options.url } : {}, phone);
}
