import type { Place } from '../places/places.models';
import type { Language } from '../staff/staff.models';

// Twilio's limits for <Gather hints>: at most 500 entries, each of 100 characters or fewer (warning
// 13330 otherwise).
const MAX_HINTS = 500;
const MAX_HINT_LENGTH = 100;
const HAN = /\p{Script=Han}/u;

/** Commas separate hints: one inside a name would split it in two. */
function asHint(name: string): string {
  return name
    .replace(/[,，、]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The gazetteer's names and aliases a recogniser listening in the caller's language can hear, as
 * the `hints` attribute: Chinese ones for a Mandarin caller, the others (English, pinyin) for an
 * English one. Names come before aliases, so a long gazetteer loses aliases first.
 */
export function buildPlaceHints(places: readonly Place[], language: Language): string {
  const hints = new Set<string>();
  const candidates = [...places.map((place) => place.name[language]), ...places.flatMap((p) => p.aliases)];
  for (const name of candidates) {
    const hint = asHint(name);
    if (!hint || hint.length > MAX_HINT_LENGTH) continue;
    if (HAN.test(hint) !== (language === 'zh-CN')) continue;
    hints.add(hint);
  }
  return [...hints].slice(0, MAX_HINTS).join(',');
}
