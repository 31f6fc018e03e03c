import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  buildPlaceMatcher,
  normalizePlaceText,
  PLACE_KINDS,
  type Place,
  type PlaceMatcher,
} from '../places/places.models';
import type { Language } from '../staff/staff.models';
import { ContentError } from './content.errors';
import { loadJsonFile } from './load-json';

export const PLACES_FILE = 'places.json';

// An empty name or alias is refused by buildPlaces, whose message names the place (zod's would only
// give its index); the JSON Schema still shows an editor the rule.
const nameText = z.string().meta({ minLength: 1 });

const placeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  name: z.strictObject({ 'zh-CN': nameText, en: nameText }),
  aliases: z.array(nameText).default([]),
  district: z.string().min(1),
  kind: z.enum(PLACE_KINDS),
});

export const placesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  places: z.array(placeSchema),
});

/** The bureau's gazetteer; empty when FLOWS_DIR has no places.json. */
export interface Places extends PlaceMatcher {
  list: Place[];
  get(id: string): Place | undefined;
  name(id: string, language: Language): string | undefined;
}

function checkPlaces(list: Place[], source: string): void {
  const ids = new Set<string>();
  const owners = new Map<string, Place>();
  for (const place of list) {
    if (ids.has(place.id)) throw new ContentError(`${source}: place id "${place.id}" is used by two places`);
    ids.add(place.id);
    for (const language of ['zh-CN', 'en'] as const) {
      if (!place.name[language].trim())
        throw new ContentError(`${source}: place "${place.id}": the ${language} name is empty`);
    }
    for (const name of [place.name['zh-CN'], place.name.en, ...place.aliases]) {
      const alias = normalizePlaceText(name);
      if (!alias) throw new ContentError(`${source}: place "${place.id}": an alias is empty`);
      const owner = owners.get(alias);
      // A text naming it could not say which of the two places it means.
      if (owner && owner.id !== place.id) {
        throw new ContentError(
          `${source}: place "${place.id}": "${name}" is already a name or alias of place "${owner.id}"`,
        );
      }
      owners.set(alias, place);
    }
  }
}

export function buildPlaces(list: Place[], source = PLACES_FILE): Places {
  checkPlaces(list, source);
  const byId = new Map(list.map((place) => [place.id, place]));
  return {
    list,
    get: (id) => byId.get(id),
    name: (id, language) => byId.get(id)?.name[language],
    ...buildPlaceMatcher(list),
  };
}

/** Existing deployments' flows directories have no gazetteer: that is no places, not an error. */
export function hasPlacesFile(flowsDir: string): boolean {
  return fs.existsSync(path.join(flowsDir, PLACES_FILE));
}

export function loadPlaces(flowsDir: string): Places {
  if (!hasPlacesFile(flowsDir)) return buildPlaces([]);
  const file = loadJsonFile(flowsDir, PLACES_FILE, placesFileSchema);
  return buildPlaces(file.places, `${flowsDir}/${PLACES_FILE}`);
}
