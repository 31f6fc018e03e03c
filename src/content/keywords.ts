import { z } from 'zod';
import { loadJsonFile } from './load-json';

const words = z.array(z.string().min(1)).min(1);

const fileSchema = z.object({
  citizen: z.object({
    optOut: words,
    optIn: words,
    help: words,
    status: words,
    satisfied: words,
    unsatisfied: words,
  }),
  staff: z.object({
    ack: words,
    done: words,
    note: words,
    called: words,
    noAnswer: words,
    sick: words,
    cover: words,
    who: words,
    cases: words,
    agree: words,
    disagree: words,
  }),
});

export type Keywords = z.infer<typeof fileSchema>;

export function loadKeywords(flowsDir: string): Keywords {
  return loadJsonFile(flowsDir, 'sms-keywords.json', fileSchema);
}
