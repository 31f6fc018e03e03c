import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ContentError } from './content.errors';

export function loadJsonFile<S extends z.ZodType>(dir: string, file: string, schema: S): z.infer<S> {
  const fullPath = path.join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(fullPath, 'utf8'));
  } catch (error) {
    throw new ContentError(`${fullPath}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError(`${fullPath}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}
