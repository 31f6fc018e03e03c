import { z } from 'zod';
import type { Language } from '../staff/staff.models';
import { ContentError } from './content.errors';
import { loadJsonFile } from './load-json';

const fileSchema = z.record(
  z.string(),
  z.union([z.string(), z.object({ 'zh-CN': z.string(), en: z.string() })]),
);

/** Names of the templates the code uses; loading fails if the bureau's file lacks one. */
export const TEMPLATE_NAMES = [
  'receipt',
  'callbackReceipt',
  'officerAlert',
  'supervisorUncovered',
  'supervisorUnsatisfied',
  'statusWithResult',
  'statusOnly',
  'statusNotFound',
  'invalidRef',
  'openCases',
  'noOpenCases',
  'result',
  'satisfactionQuestion',
  'satisfiedThanks',
  'satisfiedPendingSignOff',
  'unsatisfiedReply',
  'mergedNotice',
  'statusMerged',
  'statusMergedWithResult',
  'satisfactionRecorded',
  'help',
  'optedIn',
  'staffHelp',
  'staffAcknowledged',
  'staffResolved',
  'staffNoted',
  'staffCaseNotFound',
  'staffNotAllowed',
  'staffMissingText',
  'who',
  'staffCases',
  'staffNoCases',
  'nobody',
  'sickRecorded',
  'sickAlready',
  'sickNoShift',
  'sickAlert',
  'coverTaken',
  'coverNotice',
  'coverNothing',
  'coverOwnAbsence',
  'gapAlert',
  'gapCause.no_rotation',
  'gapCause.absence_without_cover',
  'gapSummary',
  'shiftReminder',
  'handover',
  'handoverClear',
  'slaReminder.acknowledge',
  'slaReminder.result',
  'slaUnassigned',
  'slaEscalation',
  'slaDeadline.acknowledge',
  'slaDeadline.result',
  'urgentAlert',
  'callbackReminder',
  'callbackReason.feedback_undeliverable',
  'callbackReason.abandoned_call',
  'callbackOverdue',
  'staffCallbackLogged',
  'staffCallbackRetry',
  'supervisorSignOffDue',
  'priority.normal',
  'priority.important',
  'priority.urgent',
  'position.primary',
  'position.backup',
  'position.supervisor',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number] | `status.${string}` | `channel.${string}`;
export type TemplateVars = Record<string, string | number>;

export interface Templates {
  render(name: TemplateName, language: Language, vars?: TemplateVars): string;
}

export function buildTemplates(
  texts: Record<string, Record<Language, string>>,
  source = 'sms-templates.json',
): Templates {
  for (const name of TEMPLATE_NAMES) {
    if (!texts[name]) throw new ContentError(`${source}: template "${name}" is missing`);
  }
  return {
    render(name, language, vars = {}) {
      const text = texts[name]?.[language];
      if (text === undefined) throw new ContentError(`${source}: template "${name}" is missing`);
      return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
    },
  };
}

export function loadTemplates(flowsDir: string): Templates {
  const raw = loadJsonFile(flowsDir, 'sms-templates.json', fileSchema);
  const texts: Record<string, Record<Language, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') texts[name] = value;
  }
  return buildTemplates(texts, `${flowsDir}/sms-templates.json`);
}
