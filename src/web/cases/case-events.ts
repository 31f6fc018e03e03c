import { type CaseEvent, CHANNELS } from '../../cases/cases.models';
import { PRIORITIES, type Priority } from '../../content/categories';
import type { Language } from '../../staff/staff.models';
import { showDateTime } from '../format';
import type { CommonTranslate } from '../i18n/common.i18n';
import type { Vars } from '../i18n/i18n';
import { describeCallbackEvent } from './case-events.callback';
import { describeConductEvent } from './case-events.conduct';
import { caseEventMessages, isCaseEventKey } from './case-events.i18n';
import { describePetitionEvent } from './case-events.petition';
import { describeReviewEvent } from './case-events.review';
import { describeSurveyCallEvent } from './case-events.survey';
import { describeTriageEvent } from './case-events.triage';

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
    case 'callback_logged':
    case 'callback_done':
    case 'callback_reminded':
    case 'callback_escalated':
    case 'callback_call_started':
    case 'callback_call_ended':
    case 'callback_call_failed':
      text = describeCallbackEvent(event.type, data, context.language, name, time);
      break;
    case 'campaign_linked':
    case 'campaign_unlinked':
      text = t(event.type, { name: str(data.name) ?? '' });
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
      text = describeTriageEvent(data, context);
      break;
    case 'petition_recorded':
    case 'petition_updated':
      text = describePetitionEvent(event.type, data, context);
      break;
    case 'concerns_staff_set':
      text = describeConductEvent(event.type, data, context.language, name);
      break;
    case 'review_requested':
    case 'review_reminded':
    case 'review_opinion':
    case 'review_decided':
    case 'review_withdrawn':
      text = describeReviewEvent(event.type, data, context.language, name);
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
