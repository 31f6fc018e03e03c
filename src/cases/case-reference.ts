// Damm's check digit catches every single mistyped digit and every swap of two neighbours,
// the two errors people make when reading a number aloud or keying it in.
const DAMM_TABLE = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let interim = 0;
  for (const digit of digits) interim = DAMM_TABLE[interim][Number(digit)];
  return interim;
}

export const REFERENCE_LENGTH = 8;

/** Seven random digits (no leading zero, so it reads the same aloud and in a spreadsheet) and a check digit. */
export function generateReference(randomInt: (maxExclusive: number) => number): string {
  const body = String(1_000_000 + randomInt(9_000_000));
  return body + String(dammInterim(body));
}

export function isValidReference(ref: string): boolean {
  return /^[1-9]\d{7}$/.test(ref) && dammInterim(ref) === 0;
}
