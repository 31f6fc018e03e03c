import { z } from 'zod';
import type { Language } from '../staff/staff.models';
import { ContentError } from './content.errors';
import { loadJsonFile } from './load-json';

export const PRIORITIES = ['normal', 'important', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

const commitmentSchema = z.object({
  acknowledgeHours: z.number().positive(),
  resultHours: z.number().positive(),
});

const categorySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  key: z
    .string()
    .regex(/^[1-9]$/)
    .optional(),
  name: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  commitments: z.object({ normal: commitmentSchema, important: commitmentSchema, urgent: commitmentSchema }),
});

const fileSchema = z.object({ categories: z.array(categorySchema).min(1) });

export type Category = z.infer<typeof categorySchema>;
export type Commitment = z.infer<typeof commitmentSchema>;

/** The categories a bureau offers; `other` (the fallback) and `callback` (abandoned calls) must exist. */
export interface Categories {
  list: Category[];
  get(id: string): Category | undefined;
  commitment(categoryId: string, priority: Priority): Commitment;
  name(categoryId: string, language: Language): string;
}

export function buildCategories(list: Category[], source = 'categories.json'): Categories {
  const byId = new Map(list.map((category) => [category.id, category]));
  for (const required of ['other', 'callback']) {
    if (!byId.has(required)) throw new ContentError(`${source}: category "${required}" is required`);
  }
  const keys = list.flatMap((category) => (category.key ? [category.key] : []));
  const duplicateKey = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicateKey) throw new ContentError(`${source}: key ${duplicateKey} is used by two categories`);
  const fallback = byId.get('other')!;
  return {
    list,
    get: (id) => byId.get(id),
    commitment: (id, priority) => (byId.get(id) ?? fallback).commitments[priority],
    name: (id, language) => (byId.get(id) ?? fallback).name[language],
  };
}

export function loadCategories(flowsDir: string): Categories {
  const file = loadJsonFile(flowsDir, 'categories.json', fileSchema);
  return buildCategories(file.categories, `${flowsDir}/categories.json`);
}
