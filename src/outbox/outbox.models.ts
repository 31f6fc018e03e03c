/** Why a message exists; used by reports and by feedback tracking (a `result` that reached the citizen). */
export type OutboxPurpose =
  | 'receipt'
  | 'officer_alert'
  | 'supervisor_alert'
  | 'result'
  | 'satisfaction'
  | 'reply'
  | 'staff_reply';

export interface OutgoingMessage {
  to: string;
  body: string;
  purpose: OutboxPurpose;
  caseId?: number | null;
  staffId?: number | null;
}

export interface OutboxMessage {
  id: number;
  to: string;
  body: string;
  purpose: string;
  caseId: number | null;
  staffId: number | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  twilioSid: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
}
