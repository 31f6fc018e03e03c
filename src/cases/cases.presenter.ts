import type { OutboxMessage } from '../outbox/outbox.models';
import { formatTime } from '../shared/time-format';
import type { InboundMessage } from '../sms/inbound.repository';
import type { Staff } from '../staff/staff.models';
import { type Case, type CaseEvent, needsSignOff } from './cases.models';

export interface PresentContext {
  zone: string;
  staff: Map<number, Staff>;
  refsById?: Map<number, string>;
}

function person(id: number | null, context: PresentContext) {
  if (id === null) return null;
  return { id, name: context.staff.get(id)?.name ?? null };
}

/** The case as the API shows it; JSON names are the contract (SPEC §7). */
export function presentCase(found: Case, context: PresentContext) {
  const time = (iso: string | null) => formatTime(iso, context.zone);
  return {
    ref: found.ref,
    status: found.status,
    channel: found.channel,
    phone: found.phone,
    language: found.language,
    category: found.category,
    priority: found.priority,
    description: found.description,
    place: found.place,
    placeId: found.placeId,
    recording: { exists: found.recordingSid !== null, durationSeconds: found.recordingDuration },
    assignee: person(found.assigneeId, context),
    // A complaint about staff names them (SPEC §18); only people other than them ever see this.
    concernsStaff: person(found.concernsStaffId, context),
    result: found.result,
    acknowledgedAt: time(found.acknowledgedAt),
    resolvedAt: time(found.resolvedAt),
    closedAt: time(found.closedAt),
    dueAt: time(found.dueAt),
    ackDueAt: time(found.ackDueAt),
    createdAt: time(found.createdAt),
    updatedAt: time(found.updatedAt),
    feedback: {
      sentAt: time(found.feedbackSentAt),
      deliveredAt: time(found.feedbackDeliveredAt),
      via: found.feedbackVia,
    },
    satisfaction: {
      askedAt: time(found.satisfactionAskedAt),
      answer: found.satisfactionAnswer,
      answeredAt: time(found.satisfactionAnsweredAt),
    },
    // Important, urgent and staff-conduct cases close only once a supervisor signed off their resolution.
    signOff: {
      required: needsSignOff(found),
      at: time(found.signedOffAt),
      by: found.signedOffAt === null ? null : person(found.signedOffBy, context),
    },
    mergedInto: found.mergedInto === null ? null : (context.refsById?.get(found.mergedInto) ?? null),
    missed: found.missed,
    onDuty: {
      primary: person(found.onDuty.primary, context),
      backup: person(found.onDuty.backup, context),
      supervisor: person(found.onDuty.supervisor, context),
    },
  };
}

export function presentEvent(event: CaseEvent, context: PresentContext) {
  return {
    id: event.id,
    at: formatTime(event.at, context.zone),
    type: event.type,
    actor: {
      type: event.actor.type,
      staff: person(event.actor.staffId, context),
      channel: event.actor.channel,
    },
    data: event.data,
  };
}

/** Texts in and out, in the order they happened. */
export function presentMessages(inbound: InboundMessage[], outbound: OutboxMessage[], zone: string) {
  return [
    ...inbound.map((message) => ({
      direction: 'in' as const,
      at: formatTime(message.receivedAt, zone),
      from: message.from,
      body: message.body,
      intent: message.intent,
    })),
    ...outbound.map((message) => ({
      direction: 'out' as const,
      at: formatTime(message.createdAt, zone),
      to: message.to,
      body: message.body,
      purpose: message.purpose,
      status: message.status,
      errorCode: message.errorCode,
      sentAt: formatTime(message.sentAt, zone),
      deliveredAt: formatTime(message.deliveredAt, zone),
    })),
  ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
}
