import type { Language } from '../staff/staff.models';

export const PLACE_KINDS = ['street', 'community', 'landmark', 'market'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** One entry of the bureau's gazetteer (flows/places.json). */
export interface Place {
  id: string;
  name: Record<Language, string>;
  aliases: string[];
  district: string;
  kind: PlaceKind;
}

/** Where a place was named in a text, in the normalised text's positions. */
interface Found {
  place: Place;
  start: number;
  end: number;
}

export interface PlaceMatcher {
  /** The place a citizen's text names, if any. */
  match(text: string): Place | undefined;
  /** The place whose name or alias is exactly this text (after normalising), if any. */
  lookup(nameOrAlias: string): Place | undefined;
}

const WORD_CHAR = /[a-z0-9]/;
const SPACES = /\s+/g;
// NFKC leaves typographic quotes alone; citizens type "Xi’an" as often as "Xi'an".
const QUOTES = /[\u2018\u2019\u02bc]/g;

/**
 * The form texts and aliases are compared in: NFKC (full-width letters, digits, punctuation and
 * spaces become half-width), lower case, and spaces collapsed. A space next to a Chinese character
 * is dropped, because "大理 路" is still 大理路, while "dali road" keeps its one space so that an
 * English alias still has word boundaries.
 */
export function normalizePlaceText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().replace(QUOTES, "'").trim();
  return folded.replace(SPACES, (_spaces, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _spaces.length] ?? '';
    return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? ' ' : '';
  });
}

/** "dali road" must not match inside "abdali roads", but 大理路 matches inside any Chinese text. */
function atWordBoundaries(text: string, start: number, end: number, alias: string): boolean {
  if (WORD_CHAR.test(alias[0]) && WORD_CHAR.test(text[start - 1] ?? '')) return false;
  if (WORD_CHAR.test(alias.at(-1)!) && WORD_CHAR.test(text[end] ?? '')) return false;
  return true;
}

function namesOf(place: Place): string[] {
  return [place.name['zh-CN'], place.name.en, ...place.aliases];
}

/**
 * Builds the matcher once per gazetteer: every name and alias normalised, longest first. Assumes a
 * checked gazetteer (see buildPlaces): no alias shared by two places.
 */
export function buildPlaceMatcher(places: Place[]): PlaceMatcher {
  const byAlias = new Map<string, Place>();
  for (const place of places) {
    for (const name of namesOf(place)) {
      const alias = normalizePlaceText(name);
      if (alias && !byAlias.has(alias)) byAlias.set(alias, place);
    }
  }
  const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);

  return {
    match(text) {
      const normalized = normalizePlaceText(text);
      const found: Found[] = [];
      for (const alias of aliases) {
        for (
          let start = normalized.indexOf(alias);
          start !== -1;
          start = normalized.indexOf(alias, start + 1)
        ) {
          const end = start + alias.length;
          if (!atWordBoundaries(normalized, start, end, alias)) continue;
          // Longest first, so a shorter alias inside a longer one already found (大理路 inside
          // 大理路菜市场) is part of that longer place's name, not a place of its own.
          if (found.some((longer) => longer.start <= start && end <= longer.end)) continue;
          found.push({ place: byAlias.get(alias)!, start, end });
        }
      }
      // Two places named: the first one. A complaint names where the trouble is, then, if at all,
      // a place to find it by ("大理路口，靠近民主路"); and the answer must not depend on the order
      // of the gazetteer.
      found.sort((a, b) => a.start - b.start || b.end - a.end);
      return found[0]?.place;
    },
    lookup(nameOrAlias) {
      return byAlias.get(normalizePlaceText(nameOrAlias));
    },
  };
}
