import { formatDueTime } from '../callbacks/callbacks.format';
import { REFERENCE_LENGTH } from '../cases/case-reference';
import { formatDay, formatSlot } from '../notices/notices.format';
import { listRefs } from '../notices/notices.models';
import { formatDeadline } from '../sla/sla.format';
import { TYPED_REFERENCE_KEPT } from '../sms/sms.commands';
import type { Language } from '../staff/staff.models';
import { measureSms, type SmsEncoding } from './sms-segments';
import { cnTemplateName, PLACEHOLDER, templateBaseName } from './templates';

// What a mainland carrier takes in one registered template message.
export const MAX_SMS_LENGTH = 500;
export const MAX_SMS_SEGMENTS = 8;

/** The bureau's files, as far as the longest value of a placeholder depends on them. */
export interface ComplianceContent {
  texts: Record<string, Record<Language, string>>;
  categories: readonly {
    name: Record<Language, string>;
    commitments: Record<string, { resultHours: number }>;
  }[];
  places: readonly { name: Record<Language, string>; aliases: readonly string[] }[];
}

interface BoundContext {
  language: Language;
  content: ComplianceContent;
  /** The longest text of the templates under a prefix (`status.`), rendered at their own bounds. */
  longestTemplate(prefix: string): string;
}

interface Bound {
  longest(context: BoundContext): string;
  /** Typed by a person (any character, so the worst case is one that forces UCS-2), or digits. */
  kind?: 'typed' | 'digits';
}

const typed = (length: number): Bound => ({ kind: 'typed', longest: () => '字'.repeat(length) });
const digits = (length: number): Bound => ({ kind: 'digits', longest: () => '9'.repeat(length) });
const template = (prefix: string): Bound => ({ longest: ({ longestTemplate }) => longestTemplate(prefix) });
const longestOf = (values: readonly string[]) =>
  values.reduce((longest, value) => (value.length > longest.length ? value : longest), '');

const REFERENCE = '1'.repeat(REFERENCE_LENGTH);
// staff.schemas.ts: newStaffSchema's name is at most 100 characters ("nobody" is shorter).
const STAFF_NAME = typed(100);
// No cap in the code: a count of cases, calls or gaps; five digits is a 99,999-case backlog.
const COUNT = digits(5);
// sms.commands.ts: a mistyped reference is echoed as its first TYPED_REFERENCE_KEPT digits and "...".
const TYPED_REFERENCE: Bound = {
  kind: 'digits',
  longest: () => `${'9'.repeat(TYPED_REFERENCE_KEPT)}...`,
};
// Every month, so that the longest month name in either language is the one assumed.
const MONTHS = Array.from({ length: 12 }, (_, month) => month);
const longestTime = (format: (at: Date, language: Language) => string): Bound => ({
  longest: ({ language }) =>
    longestOf(MONTHS.map((month) => format(new Date(Date.UTC(2026, month, 20, 23, 59)), language))),
});
// "<ref> <status>" joined by "; ", as sms.citizen.ts and sms.staff.ts write a list of cases.
const caseList = (count: number): Bound => ({
  longest: ({ longestTemplate }) =>
    Array(count)
      .fill(`${REFERENCE} ${longestTemplate('status.')}`)
      .join('; '),
});

/** The longest value the code puts in each placeholder, and where that bound comes from. */
const PLACEHOLDER_BOUNDS: Record<string, Bound> = {
  // case-reference.ts: REFERENCE_LENGTH digits.
  ref: { longest: () => REFERENCE },
  target: { longest: () => REFERENCE },
  // categories.json: the longest resultHours of any category and priority.
  hours: {
    longest: ({ content }) =>
      longestOf(
        content.categories.flatMap((category) =>
          Object.values(category.commitments).map((commitment) => String(commitment.resultHours)),
        ),
      ),
  },
  // places.json: a place is named only when a name or alias matched it (cases.intake.ts, cases.triage.ts).
  place: {
    longest: ({ content }) =>
      longestOf(content.places.flatMap((place) => [...Object.values(place.name), ...place.aliases])),
  },
  // categories.json: the category's name in the recipient's language.
  category: {
    longest: ({ content, language }) =>
      longestOf(content.categories.map((category) => category.name[language])),
  },
  // An E.164 number (staff.usecases.ts and cases.routes.ts normalize with toE164): "+" and 15 digits.
  phone: digits(16),
  // cases.models.ts: summarize() cuts a description to 40 characters by default.
  summary: typed(40),
  // cases.schemas.ts: textSchema, the result from the API and the console, is at most 2000 characters.
  result: typed(2000),
  assignee: STAFF_NAME,
  name: STAFF_NAME,
  cover: STAFF_NAME,
  primary: STAFF_NAME,
  backup: STAFF_NAME,
  supervisor: STAFF_NAME,
  channel: template('channel.'),
  status: template('status.'),
  position: template('position.'),
  deadline: template('slaDeadline.'),
  priority: template('priority.'),
  cause: template('gapCause.'),
  reason: template('callbackReason.'),
  // sessions.usecases.ts: six digits.
  code: digits(6),
  // notices.format.ts, callbacks.format.ts and sla.format.ts, as staff read times.
  slot: longestTime((at, language) =>
    formatSlot(at, new Date(at.getTime() + 7 * 86_400_000), 'UTC', language),
  ),
  date: longestTime((at, language) => formatDay(at, 'UTC', language)),
  time: longestTime((at, language) =>
    longestOf([formatDeadline(at, 'UTC', language), formatDueTime(at.toISOString(), 'UTC', language)]),
  ),
  gaps: COUNT,
  open: COUNT,
  overdue: COUNT,
  missed: COUNT,
  abandoned: COUNT,
  mine: COUNT,
  // review.schemas.ts: at most 50 reviewers, so the quorum is at most 50 too.
  count: digits(2),
  quorum: digits(2),
};

/** Where one template fills a placeholder with something else than the others do. */
const TEMPLATE_BOUNDS: Record<string, Record<string, Bound>> = {
  // cases.alerts.ts: URGENT_SUMMARY_LENGTH.
  urgentAlert: { summary: typed(30) },
  // review.steps.ts: RESULT_SUMMARY_LENGTH and REASON_LENGTH.
  reviewRequest: { result: typed(40) },
  reviewReturned: { reason: typed(60) },
  // The digits as typed, before anyone checked them (sms.citizen.ts, sms.staff.ts, sms.review.ts).
  invalidRef: { ref: TYPED_REFERENCE },
  staffCaseNotFound: { ref: TYPED_REFERENCE },
  reviewNotReviewer: { ref: TYPED_REFERENCE },
  // cases.repository.ts: listOpenByPhone returns at most 10 cases, listOpenByAssignee 20.
  openCases: { list: caseList(10) },
  staffCases: { list: caseList(20) },
  // notices.shift-notices.ts: HANDOVER_REFS (4) and how many more.
  handover: { list: { longest: () => listRefs(Array(4).fill(REFERENCE), 99_999) } },
  // cases.alerts.ts: UNCLAIMED_REFS_LISTED (10) and how many more.
  handoverUnclaimed: { list: { longest: () => listRefs(Array(10).fill(REFERENCE), 99_999) } },
};

export function boundOf(name: string, placeholder: string): Bound | undefined {
  return TEMPLATE_BOUNDS[templateBaseName(name)]?.[placeholder] ?? PLACEHOLDER_BOUNDS[placeholder];
}

export interface LongTemplate {
  name: string;
  language: Language;
  length: number;
  segments: number;
  encoding: SmsEncoding;
  /** "{ref}=11111111", "{result}=2000 typed characters": what the worst case assumed. */
  assumed: string[];
}

function describeValue(placeholder: string, value: string, bound: Bound): string {
  if (bound.kind === 'typed') return `{${placeholder}}=${value.length} typed characters`;
  if (value.length <= 30) return `{${placeholder}}=${value}`;
  return `{${placeholder}}=${value.length} ${bound.kind === 'digits' ? 'digits' : 'characters'}`;
}

function renderLongest(
  content: ComplianceContent,
  name: string,
  language: Language,
): { text: string; assumed: string[] } {
  const context: BoundContext = {
    language,
    content,
    longestTemplate: (prefix) =>
      longestOf(
        Object.keys(content.texts)
          .filter((key) => templateBaseName(key).startsWith(prefix))
          .map((key) => renderLongest(content, key, language).text),
      ),
  };
  const assumed: string[] = [];
  const text = (content.texts[name]?.[language] ?? '').replace(PLACEHOLDER, (whole, placeholder: string) => {
    const bound = boundOf(name, placeholder);
    // The placeholder check refuses any other; a placeholder with no bound is left as written.
    if (!bound) return whole;
    const value = bound.longest(context);
    const described = describeValue(placeholder, value, bound);
    if (!assumed.includes(described)) assumed.push(described);
    return value;
  });
  return { text, assumed };
}

/**
 * The templates that, filled with the longest value of each placeholder, a mainland carrier may
 * refuse or cut. A template with a `cn.` variant is not sent there, so only the variant counts.
 */
export function findLongTemplates(content: ComplianceContent): LongTemplate[] {
  const long: LongTemplate[] = [];
  for (const [name, byLanguage] of Object.entries(content.texts)) {
    if (templateBaseName(name) === name && content.texts[cnTemplateName(name)]) continue;
    for (const language of Object.keys(byLanguage) as Language[]) {
      const { text, assumed } = renderLongest(content, name, language);
      const size = measureSms(text);
      if (size.length <= MAX_SMS_LENGTH && size.segments <= MAX_SMS_SEGMENTS) continue;
      long.push({ name, language, ...size, assumed });
    }
  }
  return long;
}

export function describeLongTemplate(long: LongTemplate, source: string): string {
  const assumed = long.assumed.length ? ` with ${long.assumed.join(', ')}` : '';
  return (
    `warning: ${source}: template "${long.name}" (${long.language}) can reach ${long.length} characters ` +
    `in ${long.segments} ${long.encoding} segments${assumed}; ` +
    `a carrier in mainland China takes at most ${MAX_SMS_LENGTH} characters and ${MAX_SMS_SEGMENTS} segments`
  );
}
