import { z } from 'zod';
import type { Config } from '../config';
import type { Language } from '../staff/staff.models';
import { ContentError } from './content.errors';
import { loadJsonFile } from './load-json';
import { checkNoLink } from './sms-links';

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
  'handoverUnclaimed',
  'loginCode',
  'gapAlert',
  'gapCause.no_rotation',
  'gapCause.absence_without_cover',
  'gapCause.member_inactive',
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
  'callbackCallEnded',
  'supervisorSignOffDue',
  'reviewRequest',
  'reviewReminder',
  'reviewReturned',
  'reviewOpinionRecorded',
  'reviewNotOpen',
  'reviewNotReviewer',
  'reviewAlreadyAnswered',
  'priority.normal',
  'priority.important',
  'priority.urgent',
  'position.primary',
  'position.backup',
  'position.supervisor',
] as const;

/**
 * Templates only a gazetteer (flows/places.json) needs: a flows directory without one may lack
 * them, and validateContent asks for them when it has one.
 */
export const PLACE_TEMPLATE_NAMES = ['receiptWithPlace', 'officerAlertWithPlace'] as const;

/**
 * The placeholders the code fills in each template. A bureau's text may use these and no others:
 * an unknown one (a typo such as `{reff}`) would reach citizens as typed.
 */
export const TEMPLATE_PLACEHOLDERS: Record<
  (typeof TEMPLATE_NAMES)[number] | (typeof PLACE_TEMPLATE_NAMES)[number],
  readonly string[]
> = {
  receipt: ['hours', 'ref'],
  receiptWithPlace: ['hours', 'place', 'ref'],
  callbackReceipt: ['ref'],
  officerAlert: ['channel', 'phone', 'ref', 'summary'],
  officerAlertWithPlace: ['channel', 'phone', 'place', 'ref', 'summary'],
  supervisorUncovered: ['assignee', 'ref'],
  supervisorUnsatisfied: ['ref'],
  statusWithResult: ['ref', 'result', 'status'],
  statusOnly: ['ref', 'status'],
  statusNotFound: ['ref'],
  invalidRef: ['ref'],
  openCases: ['list'],
  noOpenCases: [],
  result: ['ref', 'result'],
  satisfactionQuestion: ['ref'],
  satisfiedThanks: ['ref'],
  satisfiedPendingSignOff: ['ref'],
  unsatisfiedReply: ['ref'],
  mergedNotice: ['ref', 'target'],
  statusMerged: ['ref', 'status', 'target'],
  statusMergedWithResult: ['ref', 'result', 'status', 'target'],
  satisfactionRecorded: ['ref'],
  help: [],
  optedIn: [],
  staffHelp: [],
  staffAcknowledged: ['ref'],
  staffResolved: ['ref'],
  staffNoted: ['ref'],
  staffCaseNotFound: ['ref'],
  staffNotAllowed: ['ref', 'status'],
  staffMissingText: [],
  who: ['backup', 'primary', 'supervisor'],
  staffCases: ['list'],
  staffNoCases: [],
  nobody: [],
  sickRecorded: ['position', 'slot'],
  sickAlready: ['position', 'slot'],
  sickNoShift: [],
  sickAlert: ['name', 'position', 'slot'],
  coverTaken: ['name', 'position', 'slot'],
  coverNotice: ['cover', 'name', 'position', 'slot'],
  coverNothing: [],
  coverOwnAbsence: [],
  handoverUnclaimed: ['list', 'name'],
  loginCode: ['code'],
  gapAlert: ['cause', 'position', 'slot'],
  'gapCause.no_rotation': [],
  'gapCause.absence_without_cover': ['name'],
  'gapCause.member_inactive': ['name'],
  gapSummary: ['abandoned', 'date', 'gaps', 'missed', 'open', 'overdue'],
  shiftReminder: ['position', 'slot'],
  handover: ['list', 'mine', 'open'],
  handoverClear: ['mine', 'open'],
  'slaReminder.acknowledge': ['ref', 'time'],
  'slaReminder.result': ['ref', 'time'],
  slaUnassigned: ['deadline', 'ref', 'time'],
  slaEscalation: ['assignee', 'deadline', 'ref', 'time'],
  'slaDeadline.acknowledge': [],
  'slaDeadline.result': [],
  urgentAlert: ['assignee', 'category', 'ref', 'summary'],
  callbackReminder: ['phone', 'reason', 'ref', 'time'],
  'callbackReason.feedback_undeliverable': [],
  'callbackReason.abandoned_call': [],
  callbackOverdue: ['assignee', 'phone', 'ref', 'time'],
  staffCallbackLogged: ['ref'],
  staffCallbackRetry: ['ref', 'time'],
  callbackCallEnded: ['ref'],
  supervisorSignOffDue: ['priority', 'ref'],
  reviewRequest: ['category', 'count', 'quorum', 'ref', 'result'],
  reviewReminder: ['ref'],
  reviewReturned: ['reason', 'ref'],
  reviewOpinionRecorded: ['ref'],
  reviewNotOpen: ['ref'],
  reviewNotReviewer: ['ref'],
  reviewAlreadyAnswered: ['ref'],
  'priority.normal': [],
  'priority.important': [],
  'priority.urgent': [],
  'position.primary': [],
  'position.backup': [],
  'position.supervisor': [],
};

/**
 * Texts the hotline sends unprompted that, as shipped, ask for an SMS back ("Reply ACK", "回复1满意").
 * SMS in mainland China is one-way (SPEC §19), so with HOTLINE_REGION=cn each needs a `cn.` text
 * or loading fails. The result is here too: two-way, the satisfaction question follows it; in cn
 * the citizen reads it alone and should learn how satisfaction is asked instead.
 */
export const REPLY_INVITING_TEMPLATES = [
  'receipt',
  'receiptWithPlace',
  'officerAlert',
  'officerAlertWithPlace',
  'result',
  'satisfactionQuestion',
  'sickAlert',
  'slaReminder.acknowledge',
  'slaReminder.result',
  'callbackReminder',
  'callbackCallEnded',
  'reviewRequest',
  'reviewReminder',
] as const satisfies readonly (keyof typeof TEMPLATE_PLACEHOLDERS)[];

export type HotlineRegion = Config['region'];

const CN_PREFIX = 'cn.';

/** The name of a template's mainland-China text: `cn.receipt` for `receipt`. */
export const cnTemplateName = (name: string) => `${CN_PREFIX}${name}`;

/** `cn.receipt` is the receipt for mainland China: it is filled as `receipt` is. */
export function templateBaseName(name: string): string {
  return name.startsWith(CN_PREFIX) ? name.slice(CN_PREFIX.length) : name;
}

export type TemplateName =
  | (typeof TEMPLATE_NAMES)[number]
  | (typeof PLACE_TEMPLATE_NAMES)[number]
  | `status.${string}`
  | `channel.${string}`;
export type TemplateVars = Record<string, string | number>;

export interface Templates {
  render(name: TemplateName, language: Language, vars?: TemplateVars): string;
  has(name: TemplateName): boolean;
}

/** A `{name}` in a template's text. */
export const PLACEHOLDER = /\{(\w+)\}/g;

// Other templates (`status.*`, `channel.*`, any the bureau adds) are rendered with no values. A
// `cn.` text is filled with its template's values.
function placeholdersOf(name: string): readonly string[] {
  return (TEMPLATE_PLACEHOLDERS as Record<string, readonly string[]>)[templateBaseName(name)] ?? [];
}

function checkRegionTexts(
  texts: Record<string, Record<Language, string>>,
  region: HotlineRegion,
  source: string,
): void {
  for (const name of Object.keys(texts)) {
    const base = templateBaseName(name);
    if (base === name) continue;
    // A gazetteer's templates are known even in a file that leaves them out with places.json.
    if (!texts[base] && !(base in TEMPLATE_PLACEHOLDERS)) {
      throw new ContentError(
        `${source}: template "${name}" is the cn text of "${base}", which is not a template`,
      );
    }
  }
  if (region !== 'cn') return;
  for (const name of REPLY_INVITING_TEMPLATES) {
    if (texts[name] && !texts[cnTemplateName(name)]) {
      throw new ContentError(
        `${source}: template "${name}" asks for a reply, but SMS is one-way in HOTLINE_REGION=cn: add "${CN_PREFIX}${name}" in both languages`,
      );
    }
  }
}

function checkPlaceholders(name: string, language: string, text: string, source: string): void {
  const allowed = placeholdersOf(name);
  for (const [, used] of text.matchAll(PLACEHOLDER)) {
    if (allowed.includes(used)) continue;
    const may = allowed.length
      ? [...allowed]
          .sort()
          .map((key) => `{${key}}`)
          .join(', ')
      : 'none';
    throw new ContentError(
      `${source}: template "${name}" (${language}) uses {${used}}, which the hotline never fills; it may use ${may}`,
    );
  }
}

export interface TemplateOptions {
  source?: string;
  /** Where the hotline runs: in `cn` a template's `cn.` text, when the file has one, is sent instead. */
  region?: HotlineRegion;
}

export function buildTemplates(
  texts: Record<string, Record<Language, string>>,
  { source = 'sms-templates.json', region = 'default' }: TemplateOptions = {},
): Templates {
  for (const name of TEMPLATE_NAMES) {
    if (!texts[name]) throw new ContentError(`${source}: template "${name}" is missing`);
  }
  checkRegionTexts(texts, region, source);
  for (const [name, byLanguage] of Object.entries(texts)) {
    for (const [language, text] of Object.entries(byLanguage)) {
      checkPlaceholders(name, language, text, source);
      checkNoLink(name, language, text, source);
    }
  }
  const keyOf = (name: string) =>
    region === 'cn' && texts[cnTemplateName(name)] ? cnTemplateName(name) : name;
  return {
    has: (name) => texts[name] !== undefined,
    render(templateName, language, vars = {}) {
      const name = keyOf(templateName);
      const text = texts[name]?.[language];
      if (text === undefined) throw new ContentError(`${source}: template "${name}" is missing`);
      // A value the code forgot is a bug to surface, never "{ref}" texted to a citizen.
      return text.replace(PLACEHOLDER, (_whole, key: string) => {
        if (!(key in vars) || vars[key] === undefined || vars[key] === null) {
          throw new Error(`${source}: template "${name}" (${language}) needs {${key}}, which was not given`);
        }
        return String(vars[key]);
      });
    },
  };
}

export function loadTemplates(flowsDir: string, region: HotlineRegion = 'default'): Templates {
  const raw = loadJsonFile(flowsDir, 'sms-templates.json', fileSchema);
  const texts: Record<string, Record<Language, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') texts[name] = value;
  }
  return buildTemplates(texts, { source: `${flowsDir}/sms-templates.json`, region });
}
