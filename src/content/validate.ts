import path from 'node:path';
import { FLOW_FILE, loadFlow } from '../voice/flow.load';
import type { Flow } from '../voice/flow.schema';
import { type Categories, loadCategories } from './categories';
import { ContentError } from './content.errors';
import { loadKeywords } from './keywords';
import { loadTemplates } from './templates';

/** A category menu with no category to pick would only ever record "other". */
function checkCategoryMenus(flow: Flow, categories: Categories, file: string): void {
  const hasKeys = categories.list.some((category) => category.key);
  for (const [name, state] of Object.entries(flow.states)) {
    if (state.type === 'category-menu' && !hasKeys) {
      throw new ContentError(`${file}: state "${name}": no category in categories.json has a key to press`);
    }
  }
}

/**
 * Loads every bureau-editable file once, so a broken one stops start-up with a precise message.
 * Returns the files it checked.
 */
export function validateContent(flowsDir: string): string[] {
  const categories = loadCategories(flowsDir);
  loadKeywords(flowsDir);
  loadTemplates(flowsDir);
  const flowFile = path.join(flowsDir, FLOW_FILE);
  checkCategoryMenus(loadFlow(flowsDir), categories, flowFile);
  return [
    path.join(flowsDir, 'categories.json'),
    path.join(flowsDir, 'sms-keywords.json'),
    path.join(flowsDir, 'sms-templates.json'),
    flowFile,
  ];
}
