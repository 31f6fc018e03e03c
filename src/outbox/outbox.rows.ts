import type { Selectable } from 'kysely';
import type { OutboxTable } from '../shared/db.schema';
import type { OutboxMessage } from './outbox.models';

/** The one place an outbox row (snake_case) becomes a model (camelCase). */
export function toOutboxMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    to: row.to_phone,
    body: row.body,
    purpose: row.purpose,
    caseId: row.case_id,
    staffId: row.staff_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    twilioSid: row.twilio_sid,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
  };
}
