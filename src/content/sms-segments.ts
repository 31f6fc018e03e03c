// GSM 03.38: the basic table, and the extension table whose characters take an escape septet too.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** UTF-16 units, as Twilio and the API's length limits count them. */
  length: number;
  segments: number;
}

function segmentsOf(units: number, single: number, part: number): number {
  if (units === 0) return 0;
  return units <= single ? 1 : Math.ceil(units / part);
}

/**
 * How a carrier sends a text: GSM-7 when every character is in the GSM tables (an extension
 * character costs two septets), else UCS-2, where a character outside the BMP costs two units.
 */
export function measureSms(text: string): SmsSize {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else
      return {
        encoding: 'UCS-2',
        length: text.length,
        segments: segmentsOf(text.length, UCS2_SINGLE, UCS2_PART),
      };
  }
  return { encoding: 'GSM-7', length: text.length, segments: segmentsOf(septets, GSM_SINGLE, GSM_PART) };
}
