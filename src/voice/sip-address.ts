import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

// A call over a BYOC trunk names its parties as the carrier's SBC wrote them: SIP URIs such as
// `sip:+8613812345678@…`, `sip:8613812345678@203.0.113.5:5060;user=phone`, or the national form
// with its trunk prefix (`sip:013812345678@…`), sometimes inside `"Name" <…>`. The hotline keys
// callers, the call log and cases on E.164, so such an address is read as a number here, once.

const URI_SCHEME = /^(sips?|tel):(.*)$/i;
/** After the scheme, a dialable number: an optional plus and digits, with a tel URI's separators. */
const DIALABLE = /^\+?[0-9][0-9().-]*$/;
const MIN_DIGITS = 3;
const MAX_DIGITS = 17;

/** The URI inside `"Name" <uri>` or `<uri>`, or the address itself. */
function uriOf(address: string): string | null {
  const open = address.indexOf('<');
  if (open === -1) return address;
  const close = address.indexOf('>', open);
  return close === -1 ? null : address.slice(open + 1, close).trim();
}

/** The user part of a SIP URI (or the number of a tel URI), without its parameters. */
function numberPartOf(uri: string): string | null {
  const matched = URI_SCHEME.exec(uri);
  if (!matched) return null;
  const [, scheme, rest] = matched;
  const at = rest.indexOf('@');
  if (scheme.toLowerCase() !== 'tel' && at === -1) return null;
  const user = scheme.toLowerCase() === 'tel' ? rest : rest.slice(0, at);
  try {
    return decodeURIComponent(user.split(';')[0]).trim();
  } catch {
    return null;
  }
}

/** The E.164 number a SIP or tel address names, or null when it names none (or is not one). */
export function parseSipAddress(address: string, homeCountry: CountryCode | undefined): string | null {
  const uri = uriOf(address.trim());
  const user = uri === null ? null : numberPartOf(uri);
  if (!user || !DIALABLE.test(user)) return null;
  const digits = user.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  const international = user.startsWith('+');
  if (!international && !homeCountry) return null;
  const parsed = international
    ? parsePhoneNumberFromString(`+${digits}`)
    : parsePhoneNumberFromString(digits, homeCountry);
  // Possible, not valid: a citizen on a newly issued number range is never turned away (as toCallerE164).
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * A webhook's From or To as the hotline keeps it: a SIP or tel address becomes its E.164 number;
 * anything else (E.164 from Twilio's own numbers, "Anonymous") and any SIP address naming no number
 * stay as they came, so a caller who cannot be told takes the unknown-caller path as before.
 */
export function readCallAddress(address: string, homeCountry: CountryCode | undefined): string {
  return parseSipAddress(address, homeCountry) ?? address;
}

/** The country a national number from the trunk belongs to: China in the cn region, else the hotline number's. */
export function hotlineCountryOf(hotline: {
  region: 'default' | 'cn';
  hotlineNumber: string | undefined;
}): CountryCode | undefined {
  if (hotline.region === 'cn') return 'CN';
  return hotline.hotlineNumber ? parsePhoneNumberFromString(hotline.hotlineNumber)?.country : undefined;
}
