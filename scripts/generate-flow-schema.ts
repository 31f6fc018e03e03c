import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { flowSchema } from '../src/voice/flow.schema';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'flows', 'voice-flow.schema.json');

/**
 * The JSON Schema editors use for flows/voice-flow.json, from the zod schema the server validates
 * with. `io: 'input'` describes what a bureau writes: fields with a default stay optional.
 * Cross-references (transition targets, both languages filled in, a menu's noInput) are
 * checked only by `dutyline flows check`.
 */
export function generateFlowSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(flowSchema, { io: 'input' });
  return {
    $schema,
    title: 'Dutyline voice flow',
    $comment: 'Generated from src/voice/flow.schema.ts by `npm run flows:schema`; do not edit by hand.',
    ...schema,
  };
}

/** The file's exact text: formatted by Biome as `npm run lint` wants it, so the two never disagree. */
export function renderFlowSchema(): string {
  const biome = path.join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${SCHEMA_FILE}`], {
    cwd: ROOT,
    input: `${JSON.stringify(generateFlowSchema(), null, 2)}\n`,
    encoding: 'utf8',
  });
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, renderFlowSchema());
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
}
