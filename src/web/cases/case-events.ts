import { type CaseEvent, CHANNELS } from '../../cases/cases.models';
import { PRIORITIES, type Priority } from '../../content/categories';
import type { Language } from '../../staff/staff.models';
import { showDateTime } from '../format';
import type { CommonTranslate } from '../i18n/common.i18n';
import type { Vars } from '../i18n/i18n';
import { caseEventMessages, isCaseEventKey } from './case-events.i18n';
import { describeSurveyCallEvent } from './case-events.survey';

/** What a sentence needs besides the event: names, category names, labels, the zone. */
export interface DescribeContext {
  language: Language;
  zone: string;
  common: CommonTranslate;
  staffName(id: number | null | undefined): string | null;
  categoryName(id: string): string;
  placeName(id: string): string;
}

export interface EventLine {
  /** What happened, as a sentence in the reader's language. */
  text: string;
  /** A case reference the sentence names, which the page turns into a link. */
  ref?: string;
  /** Who did it and through what, e.g. "Wang Fang · on the console". */
  who: string;
  via: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority);

/** One audit event as a readable line; an event type this page does not know still shows, by its name. */
export function describeEvent(event: CaseEvent, context: DescribeContext): EventLine {
  const t = caseEventMessages(context.language);
  const { common } = context;
  const data = event.data;
  const say = (key: string, vars?: Vars) => (isCaseEventKey(key) ? t(key, vars) : undefined);
  const name = (id: unknown) => context.staffName(typeof id === 'number' ? id : null) ?? common('nobody');
  const time = (iso: unknown) =>
    typeof iso === 'string' ? showDateTime(iso, context.zone, context.language) : '–';

  let text: string | undefined;
  let ref: string | undefined;
  switch (event.type) {
    case 'created': {
      const channel = CHANNELS.find((each) => each === data.channel);
      text = t('created', {
        channel: channel ? common(`channel.${channel}`) : '–',
        category: context.categoryName(str(data.category) ?? ''),
        priority: isPriority(data.priority) ? common(`priority.${data.priority}`) : '–',
      });
      break;
    }
    case 'assigned': {
      const vars = { name: name(data.staffId), previous: name(data.previousStaffId) };
      if (data.staffId === null || data.staffId === undefined) text = t('assigned.none', vars);
      else
        text =
          say(`assigned.${str(data.reason)}`, vars) ??
          (typeof data.previousStaffId === 'number'
            ? t('assigned.reassigned', vars)
            : t('assigned.to', vars));
      break;
    }
    case 'resolved':
      text = t('resolved', { text: str(data.result) ?? '' });
      break;
    case 'note':
      text = t('note', { text: str(data.text) ?? '' });
      break;
    case 'citizen_message':
      text = t('citizen_message', { text: str(data.text) ?? '' });
      break;
    case 'reopened':
      text =
        data.reason === 'citizen unsatisfied'
          ? t('reopened.unsatisfied')
          : t('reopened', { reason: str(data.reason) ?? '' });
      break;
    case 'closed':
      text = say(`closed.${str(data.reason)}`) ?? t('closed');
      break;
    case 'satisfaction_answered':
    case 'feedback_delivered':
    case 'reminded':
    case 'escalated':
    case 'urgent_alerted': {
      const detail = str(data.answer) ?? str(data.via) ?? str(data.deadline) ?? str(data.recipients);
      text = say(`${event.type}.${detail}`);
      break;
    }
    case 'merged_into':
      ref = str(data.into);
      text = t('merged_into', { ref: ref ?? '' });
      break;
    case 'merged_from':
      ref = str(data.ref);
      text = t('merged_from', { ref: ref ?? '' });
      break;
    case 'reporter_answered':
      ref = str(data.ref);
      text = say(`reporter_answered.${str(data.answer)}`, { ref: ref ?? '' });
      break;
    case 'result_forwarded':
      ref = str(data.from);
      text = t('result_forwarded', { ref: ref ?? '' });
      break;
    case 'callback_raised':
      text =
        say(`callback_raised.${str(data.reason)}`, { due: time(data.dueAt) }) ??
        t('callback_raised', { due: time(data.dueAt) });
      break;
    case 'callback_logged': {
      const parts = [say(`callback_logged.${str(data.outcome)}`) ?? t('callback_done')];
      if (data.nextDueAt) parts.push(t('callback_logged.next', { due: time(data.nextDueAt) }));
      if (data.closed) parts.push(t('callback_logged.closed'));
      const note = str(data.note);
      if (note) parts.push(note);
      text = parts.join(t('separator'));
      break;
    }
    case 'callback_done':
      text = say(`callback_done.${str(data.outcome)}`) ?? t('callback_done');
      break;
    case 'campaign_linked':
    case 'campaign_unlinked':
      text = t(event.type, { name: str(data.name) ?? '' });
      break;
    case 'callback_call_started':
      text = t('callback_call_started', { name: name(data.staffId) });
      break;
    case 'callback_call_ended': {
      const seconds = typeof data.durationSeconds === 'number' ? data.durationSeconds : '–';
      const reason = say(`callback_call_officer.${str(data.status)}`) ?? '';
      text =
        say(`callback_call_ended.${str(data.citizenLeg)}`, { name: name(data.staffId), seconds, reason }) ??
        t('callback_call_ended');
      break;
    }
    case 'callback_call_failed':
      text = say(`callback_call_failed.${str(data.code)}`) ?? t('callback_call_failed');
      break;
    case 'callback_reminded':
      text = t('callback_reminded', { name: name(data.staffId) });
      break;
    case 'survey_call_placed':
    case 'survey_call_ended':
      text = describeSurveyCallEvent(event.type, data, context.language, time);
      break;
    case 'recording_attached':
      text = t('recording_attached', {
        seconds: typeof data.durationSeconds === 'number' ? data.durationSeconds : '–',
      });
      break;
    case 'open311_received': {
      // What the partner sent about the reporter and the place, for staff to call or find them.
      const name = [str(data.firstName), str(data.lastName)].filter(Boolean).join(' ');
      const where = str(data.addressString) ?? str(data.addressId);
      const details = [name, str(data.email), where, str(data.mediaUrl)].filter(Boolean).join(t('separator'));
      text = t('open311_received', {
        partner: str(data.partner) ?? '–',
        details: details ? t('open311_received.details', { details }) : '',
      });
      break;
    }
    case 'place_heard': {
      // The words stay as heard, so staff can tell a misheard street from one the gazetteer lacks.
      const placeId = str(data.placeId);
      const confidence = typeof data.confidence === 'number' ? data.confidence : null;
      text = t('place_heard', {
        heard: str(data.heard) ?? '',
        sure: confidence === null ? '' : t('place_heard.sure', { percent: Math.round(confidence * 100) }),
        place: placeId ? context.placeName(placeId) : t('place_heard.none'),
      });
      break;
    }
    case 'triaged':
      text = t('triaged', { changes: describeTriage(data, context) });
      break;
    case 'petition_recorded':
    case 'petition_updated':
      text = describePetition(event.type, data, context);
      break;
    case 'concerns_staff_set': {
      const vars = { name: name(data.staffId), previous: name(data.previousStaffId) };
      text =
        typeof data.staffId === 'number'
          ? t('concerns_staff_set', vars)
          : t('concerns_staff_set.cleared', vars);
      break;
    }
    case 'review_requested':
    case 'review_reminded': {
      const ids = Array.isArray(data.reviewers)
        ? data.reviewers
        : Array.isArray(data.staffIds)
          ? data.staffIds
          : [];
      const names = ids.map(name).join(t('names.separator'));
      text = t(event.type, { names, quorum: typeof data.quorum === 'number' ? data.quorum : '–' });
      break;
    }
    case 'review_opinion':
      text = say(`review_opinion.${str(data.verdict)}`, { opinion: str(data.opinion) ?? '' });
      break;
    case 'review_decided':
      text = say(`review_decided.${str(data.outcome)}`, {
        agree: typeof data.agree === 'number' ? data.agree : '–',
        disagree: typeof data.disagree === 'number' ? data.disagree : '–',
      });
      break;
    default:
      text = say(event.type);
  }
  return {
    text: text ?? t('unknown', { type: event.type }),
    ...(ref ? { ref } : {}),
    who: whoDid(event, context),
    via: say(`via.${event.actor.channel}`) ?? event.actor.channel,
  };
}

function whoDid(event: CaseEvent, context: DescribeContext): string {
  const t = caseEventMessages(context.language);
  if (event.actor.type === 'citizen') return t('who.citizen');
  if (event.actor.type === 'system') return t('who.system');
  // A staff actor with no id is the ADMIN_TOKEN bootstrap, who is nobody on the staff list.
  return event.actor.staffId === null ? t('who.admin') : (context.staffName(event.actor.staffId) ?? '–');
}

/** A group petition recorded (with the priority it raised) or corrected (each change). */
function describePetition(
  type: 'petition_recorded' | 'petition_updated',
  data: Record<string, unknown>,
  context: DescribeContext,
): string {
  const t = caseEventMessages(context.language);
  const names = (value: unknown) =>
    Array.isArray(value) ? value.map(String).join(t('petition.nameSeparator')) : '–';
  const shown = (value: unknown) => (typeof value === 'string' && value !== '' ? value : t('empty'));
  const change = (field: string) => data[field] as { from: unknown; to: unknown } | undefined;
  if (type === 'petition_recorded') {
    const priority = change('priority');
    const due = change('dueAt');
    return t('petition_recorded', {
      headcount: typeof data.headcount === 'number' ? data.headcount : '–',
      names: names(data.representatives),
      visit: typeof data.visitDate === 'string' ? t('petition_recorded.visit', { date: data.visitDate }) : '',
      raised:
        priority && isPriority(priority.from) && isPriority(priority.to)
          ? t('petition_recorded.raised', {
              from: context.common(`priority.${priority.from}`),
              to: context.common(`priority.${priority.to}`),
              due: due ? showDateTime(String(due.to), context.zone, context.language) : '–',
            })
          : '',
    });
  }
  const parts: string[] = [];
  const headcount = change('headcount');
  if (headcount)
    parts.push(t('petition_updated.headcount', { from: String(headcount.from), to: String(headcount.to) }));
  const representatives = change('representatives');
  if (representatives)
    parts.push(
      t('petition_updated.representatives', {
        from: names(representatives.from),
        to: names(representatives.to),
      }),
    );
  const visit = change('visitDate');
  if (visit) parts.push(t('petition_updated.visitDate', { from: shown(visit.from), to: shown(visit.to) }));
  const demands = change('demands');
  if (demands) parts.push(t('petition_updated.demands', { to: shown(demands.to) }));
  return t('petition_updated', { changes: parts.join(t('separator')) });
}

function describeTriage(data: Record<string, unknown>, context: DescribeContext): string {
  const t = caseEventMessages(context.language);
  const { common } = context;
  const parts: string[] = [];
  const change = (field: string) => data[field] as { from: unknown; to: unknown } | undefined;
  const none = t('empty');
  const category = change('category');
  if (category)
    parts.push(
      t('triaged.category', {
        from: context.categoryName(String(category.from)),
        to: context.categoryName(String(category.to)),
      }),
    );
  const priority = change('priority');
  if (priority && isPriority(priority.from) && isPriority(priority.to))
    parts.push(
      t('triaged.priority', {
        from: common(`priority.${priority.from}`),
        to: common(`priority.${priority.to}`),
      }),
    );
  const place = change('place');
  if (place) parts.push(t('triaged.place', { from: str(place.from) ?? none, to: str(place.to) ?? none }));
  // The same text now (or no longer) naming a gazetteer place: say which, or the line would be empty.
  const placeId = change('placeId');
  if (placeId && !place) {
    const named = (id: unknown) => (typeof id === 'string' ? context.placeName(id) : none);
    parts.push(t('triaged.placeId', { from: named(placeId.from), to: named(placeId.to) }));
  }
  for (const field of ['ackDueAt', 'dueAt'] as const) {
    const deadline = change(field);
    if (deadline)
      parts.push(
        t(`triaged.${field}`, {
          from: str(deadline.from)
            ? showDateTime(String(deadline.from), context.zone, context.language)
            : none,
          to: str(deadline.to) ? showDateTime(String(deadline.to), context.zone, context.language) : none,
        }),
      );
  }
  return parts.join(t('separator'));
}
