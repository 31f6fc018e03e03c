import path from 'node:path';
import { loadSurveyCallFlow, SURVEY_CALL_FILE } from '../satisfaction/survey/survey-call.flow';
import { FLOW_FILE, loadFlow } from '../voice/flow.load';
import type { Flow } from '../voice/flow.schema';
import { type Categories, loadCategories } from './categories';
import { ContentError } from './content.errors';
import { loadKeywords } from './keywords';
import { hasPlacesFile, loadPlaces, PLACES_FILE, type Places } from './places';
import { type HotlineRegion, loadTemplates, PLACE_TEMPLATE_NAMES, type Templates } from './templates';

/** A category menu with no category to pick would only ever record "other". */
function checkCategoryMenus(flow: Flow, categories: Categories, file: string): void {
  const hasKeys = categories.list.some((category) => category.key);
  for (const [name, state] of Object.entries(flow.states)) {
    if (state.type === 'category-menu' && !hasKeys) {
      throw new ContentError(`${file}: state "${name}": no category in categories.json has a key to press`);
    }
  }
}

/** A gazetteer's receipt names the place: a flows directory that has one needs its texts too. */
function checkPlaceTemplates(places: Places, templates: Templates, file: string): void {
  if (places.list.length === 0) return;
  for (const name of PLACE_TEMPLATE_NAMES) {
    if (!templates.has(name))
      throw new ContentError(`${file}: template "${name}" is missing; places.json needs it`);
  }
}

/**
 * Loads every bureau-editable file once, so a broken one stops start-up with a precise message.
 * Returns the files it checked.
 */
export function validateContent(flowsDir: string, region: HotlineRegion = 'default'): string[] {
  const categories = loadCategories(flowsDir);
  loadKeywords(flowsDir);
  const templates = loadTemplates(flowsDir, region);
  checkPlaceTemplates(loadPlaces(flowsDir), templates, path.join(flowsDir, 'sms-templates.json'));
  const flowFile = path.join(flowsDir, FLOW_FILE);
  checkCategoryMenus(loadFlow(flowsDir), categories, flowFile);
  // Only where citizens cannot text back is "are you satisfied?" a call (SPEC §19).
  if (region === 'cn') loadSurveyCallFlow(flowsDir);
  return [
    path.join(flowsDir, 'categories.json'),
    path.join(flowsDir, 'sms-keywords.json'),
    path.join(flowsDir, 'sms-templates.json'),
    flowFile,
    // No places.json is no gazetteer, so there is no file to report as checked.
    ...(hasPlacesFile(flowsDir) ? [path.join(flowsDir, PLACES_FILE)] : []),
    ...(region === 'cn' ? [path.join(flowsDir, SURVEY_CALL_FILE)] : []),
  ];
}
