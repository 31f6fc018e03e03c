import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config';
import { loadCategories } from './categories';
import { loadJsonFile } from './load-json';
import { loadPlaces } from './places';
import { describeLongTemplate, findLongTemplates } from './template-compliance';

// validateContent has checked the file by now; only the texts themselves are needed here.
const textsSchema = z.record(z.string(), z.unknown());
const textSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

/**
 * `flows check`'s warnings about texts a mainland carrier may refuse or cut. Only there: elsewhere
 * Twilio sends up to 1600 characters, which a typed result may need.
 */
export function findTemplateWarnings(flowsDir: string, region: Config['region']): string[] {
  if (region !== 'cn') return [];
  const raw = loadJsonFile(flowsDir, 'sms-templates.json', textsSchema);
  const texts = Object.fromEntries(
    Object.entries(raw).flatMap(([name, value]) => {
      const parsed = textSchema.safeParse(value);
      return parsed.success ? [[name, parsed.data]] : [];
    }),
  );
  const source = path.join(flowsDir, 'sms-templates.json');
  return findLongTemplates({
    texts,
    categories: loadCategories(flowsDir).list,
    places: loadPlaces(flowsDir).list,
  }).map((long) => describeLongTemplate(long, source));
}
