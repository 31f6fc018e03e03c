import type { Keywords } from '../content/keywords';

export type CitizenIntent =
  | { kind: 'opt_out' }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'status'; ref: string | null }
  | { kind: 'satisfaction'; answer: 'satisfied' | 'unsatisfied' }
  | { kind: 'complaint'; text: string };

export type StaffIntent =
  | { kind: 'ack'; ref: string | null }
  | { kind: 'done'; ref: string | null; text: string }
  | { kind: 'note'; ref: string | null; text: string }
  | { kind: 'called'; ref: string | null; text: string }
  | { kind: 'no_answer'; ref: string | null; text: string }
  | { kind: 'sick' }
  | { kind: 'cover' }
  | { kind: 'who' }
  | { kind: 'cases' }
  | { kind: 'review'; verdict: 'agree' | 'disagree'; ref: string | null; text: string }
  | { kind: 'help' };

/**
 * Folds full-width forms to ASCII (NFKC turns "１２３" into "123" and "ＡＣＫ" into "ACK"),
 * drops zero-width characters and collapses white space, including the ideographic space.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trailing punctuation a person adds to a one-word reply ("STOP.", "满意！"). */
const TRAILING_PUNCTUATION = /[\s.!?,;:。！？，；：~～]+$/u;

function isWholeMessage(text: string, words: string[]): boolean {
  const bare = text.replace(TRAILING_PUNCTUATION, '').toUpperCase();
  return words.some((word) => normalizeText(word).toUpperCase() === bare);
}

/**
 * If the text starts with one of the words, returns what follows it. A Latin keyword must end at
 * a word boundary ("ACKNOWLEDGE" is not "ACK"); a Chinese one may run straight into the digits
 * ("查询12345678").
 */
function afterKeyword(text: string, words: string[]): string | null {
  const upper = text.toUpperCase();
  for (const word of words) {
    const keyword = normalizeText(word).toUpperCase();
    if (!upper.startsWith(keyword)) continue;
    const rest = text.slice(keyword.length);
    const endsWithLetter = /[A-Z]$/.test(keyword);
    if (!endsWithLetter || rest === '' || /^[\s:：,，\d]/.test(rest)) return rest.replace(/^[\s:：,，]+/, '');
  }
  return null;
}

/** Digits kept of a mistyped reference: the reply that echoes it stays one short text. */
export const TYPED_REFERENCE_KEPT = 16;

/** A mistyped reference as the replies echo it: long runs of digits cut, and marked so. */
function typedReference(digits: string): string {
  return digits.length > TYPED_REFERENCE_KEPT ? `${digits.slice(0, TYPED_REFERENCE_KEPT)}...` : digits;
}

/** Splits "<ref> <text>": the ref is 8 digits, optionally written 1234-5678 or 1234 5678. */
export function splitReference(rest: string): { ref: string | null; text: string } {
  const match = /^(\d{4})[\s-]?(\d{4})(?!\d)\s*(.*)$/s.exec(rest);
  if (!match) {
    const digits = /^(\d+)\s*(.*)$/s.exec(rest);
    return digits ? { ref: typedReference(digits[1]), text: digits[2] } : { ref: null, text: rest };
  }
  return { ref: match[1] + match[2], text: match[3].trim() };
}

export function parseCitizenText(body: string, keywords: Keywords['citizen']): CitizenIntent {
  const text = normalizeText(body);
  if (text === '') return { kind: 'help' };
  if (isWholeMessage(text, keywords.optOut)) return { kind: 'opt_out' };
  if (isWholeMessage(text, keywords.optIn)) return { kind: 'opt_in' };
  if (isWholeMessage(text, keywords.help)) return { kind: 'help' };
  if (isWholeMessage(text, keywords.satisfied)) return { kind: 'satisfaction', answer: 'satisfied' };
  if (isWholeMessage(text, keywords.unsatisfied)) return { kind: 'satisfaction', answer: 'unsatisfied' };
  const statusRest = afterKeyword(text, keywords.status);
  if (statusRest !== null) {
    const { ref } = splitReference(statusRest);
    // "Status of the broken lamp I reported" is a complaint, not a status request.
    if (ref !== null || statusRest === '') return { kind: 'status', ref };
  }
  return { kind: 'complaint', text: body.trim() };
}

export function parseStaffText(body: string, keywords: Keywords['staff']): StaffIntent {
  const text = normalizeText(body);
  const ack = afterKeyword(text, keywords.ack);
  if (ack !== null) return { kind: 'ack', ref: splitReference(ack).ref };
  const done = afterKeyword(text, keywords.done);
  if (done !== null) return { kind: 'done', ...splitReference(done) };
  const note = afterKeyword(text, keywords.note);
  if (note !== null) return { kind: 'note', ...splitReference(note) };
  const called = afterKeyword(text, keywords.called);
  if (called !== null) return { kind: 'called', ...splitReference(called) };
  const noAnswer = afterKeyword(text, keywords.noAnswer);
  if (noAnswer !== null) return { kind: 'no_answer', ...splitReference(noAnswer) };
  // Disagree first: a bureau's agree word may end one of its disagree words (同意 in 不同意).
  const disagree = afterKeyword(text, keywords.disagree);
  if (disagree !== null) return { kind: 'review', verdict: 'disagree', ...splitReference(disagree) };
  const agree = afterKeyword(text, keywords.agree);
  if (agree !== null) return { kind: 'review', verdict: 'agree', ...splitReference(agree) };
  if (isWholeMessage(text, keywords.sick)) return { kind: 'sick' };
  if (isWholeMessage(text, keywords.cover)) return { kind: 'cover' };
  if (isWholeMessage(text, keywords.who)) return { kind: 'who' };
  if (isWholeMessage(text, keywords.cases)) return { kind: 'cases' };
  return { kind: 'help' };
}
