import { loadCategories } from './categories';
import { loadKeywords } from './keywords';
import { loadTemplates } from './templates';

/** Loads every bureau-editable file once, so a broken one stops start-up with a precise message. */
export function validateContent(flowsDir: string): void {
  loadCategories(flowsDir);
  loadKeywords(flowsDir);
  loadTemplates(flowsDir);
}
