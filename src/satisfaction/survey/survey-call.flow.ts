import { z } from 'zod';
import { loadJsonFile } from '../../content/load-json';
import type { Language } from '../../staff/staff.models';

export const SURVEY_CALL_FILE = 'survey-call.json';

const text = z.string().trim().min(1);
const prompt = z.strictObject({ 'zh-CN': text, en: text });
const readsTheCase = prompt.refine(
  (each) => each['zh-CN'].includes('{digits}') && each.en.includes('{digits}'),
  'must read the case out with {digits} in both languages',
);

const fileSchema = z.strictObject({
  prompts: z.strictObject({
    question: readsTheCase,
    thanksSatisfied: prompt,
    thanksUnsatisfied: prompt,
    goodbye: prompt,
    ended: prompt,
  }),
});

/** What the citizen hears on a satisfaction survey call (flows/survey-call.json), in both languages. */
export type SurveyCallFlow = z.infer<typeof fileSchema>;
export type SurveyPrompt = keyof SurveyCallFlow['prompts'];

export function loadSurveyCallFlow(flowsDir: string): SurveyCallFlow {
  return loadJsonFile(flowsDir, SURVEY_CALL_FILE, fileSchema);
}

export function surveyText(
  flow: SurveyCallFlow,
  name: SurveyPrompt,
  language: Language,
  vars: Record<string, string> = {},
): string {
  return flow.prompts[name][language].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
