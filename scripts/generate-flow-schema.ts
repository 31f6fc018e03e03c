import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { placesFileSchema } from '../src/content/places';
import { flowSchema } from '../src/voice/flow.schema';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'flows', 'voice-flow.schema.json');
export const PLACES_SCHEMA_FILE = path.join(ROOT, 'flows', 'places.schema.json');

/** A zod schema as the JSON Schema editors use; `io: 'input'` keeps fields with a default optional. */
function toEditorSchema(schema: z.ZodType, title: string, source: string): Record<string, unknown> {
  const { $schema, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return {
    $schema,
    title,
    $comment: `Generated from ${source} by \`npm run flows:schema\`; do not edit by hand.`,
    ...json,
  };
}

/**
 * The JSON Schema editors use for flows/voice-flow.json, from the zod schema the server validates
 * with. Cross-references (transition targets, both languages filled in, a menu's noInput) are
 * checked only by `dutyline flows check`.
 */
export function generateFlowSchema(): Record<string, unknown> {
  return toEditorSchema(flowSchema, 'Dutyline voice flow', 'src/voice/flow.schema.ts');
}

/** flows/places.json's; duplicate ids, shared aliases and empty names are `dutyline flows check`'s. */
export function generatePlacesSchema(): Record<string, unknown> {
  return toEditorSchema(placesFileSchema, 'Dutyline places (gazetteer)', 'src/content/places.ts');
}

/** The file's exact text: formatted by Biome as `npm run lint` wants it, so the two never disagree. */
function renderSchema(file: string, schema: Record<string, unknown>): string {
  const biome = path.join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${file}`], {
    cwd: ROOT,
    input: `${JSON.stringify(schema, null, 2)}\n`,
    encoding: 'utf8',
  });
}

export function renderFlowSchema(): string {
  return renderSchema(SCHEMA_FILE, generateFlowSchema());
}

export function renderPlacesSchema(): string {
  return renderSchema(PLACES_SCHEMA_FILE, generatePlacesSchema());
}

if (require.main === module) {
  for (const [file, render] of [
    [SCHEMA_FILE, renderFlowSchema],
    [PLACES_SCHEMA_FILE, renderPlacesSchema],
  ] as const) {
    fs.writeFileSync(file, render());
    process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
  }
}
