import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Returns the E.164 form of a phone number written in international form, or null.
 * Staff numbers typed by an admin must carry their country code, because the hotline cannot guess
 * which country a bare local number belongs to, and must be a real number plan's number.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * The sender of an incoming text or call. Twilio sends E.164; the check is looser than `toE164`
 * (length only) so that a citizen on a newly issued number range is never turned away.
 */
export function toCallerE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return input.trim().startsWith('+') && parsed?.isPossible() ? parsed.number : null;
}

/** `+8613812345678` → `+86138****5678`: enough to tell numbers apart in logs, not enough to call. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.length <= 8) return `${phone.slice(0, 2)}****`;
  return `${phone.slice(0, 6)}****${phone.slice(-4)}`;
}

/**
 * A citizen's number as a partner system typed it (Open311): international form, or the national
 * form of the hotline's own country, which partners in that country write without the `+`.
 */
export function toE164FromHome(input: string, homeNumber: string | undefined): string | null {
  const defaultCallingCode = homeNumber
    ? parsePhoneNumberFromString(homeNumber)?.countryCallingCode
    : undefined;
  const parsed = parsePhoneNumberFromString(input.trim(), { defaultCallingCode });
  return parsed?.isValid() ? parsed.number : null;
}
