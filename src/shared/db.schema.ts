import type { Generated } from 'kysely';

// Row shapes as SQLite stores them (snake_case). Repositories map them to camelCase models.

export interface SettingsTable {
  key: string;
  value: string;
}

export interface StaffTable {
  id: Generated<number>;
  name: string;
  phone: string;
  role: 'staff' | 'supervisor' | 'admin';
  language: 'zh-CN' | 'en';
  active: number;
  created_at: string;
  updated_at: string;
}

export interface StaffStatusChangesTable {
  id: Generated<number>;
  staff_id: number;
  active: number;
  at: string;
}

export interface RosterRevisionTable {
  id: number;
  revision: number;
}

export interface StaffTokensTable {
  id: Generated<number>;
  staff_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface RotationsTable {
  id: Generated<number>;
  created_at: string;
}

export interface RotationVersionsTable {
  id: Generated<number>;
  rotation_id: number;
  effective_from: string;
  name: string;
  position: 'primary' | 'backup' | 'supervisor';
  timezone: string;
  start_local: string;
  shift_hours: number;
  members: string;
  weekdays: string | null;
  window_start: string | null;
  window_end: string | null;
  created_at: string;
}

export interface OverridesTable {
  id: Generated<number>;
  position: 'primary' | 'backup' | 'supervisor';
  absent_staff_id: number | null;
  cover_staff_id: number | null;
  starts_at: string;
  ends_at: string;
  reason: 'sick' | 'leave' | 'swap' | 'other';
  created_by: number | null;
  created_at: string;
  cancelled_at: string | null;
}

export interface CasesTable {
  id: Generated<number>;
  ref: string;
  status: string;
  channel: string;
  phone: string | null;
  language: string;
  category: string;
  priority: string;
  description: string;
  assignee_id: number | null;
  on_duty: string;
  result: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  due_at: string | null;
  ack_due_at: string | null;
  recording_sid: string | null;
  recording_duration: number | null;
  feedback_sent_at: string | null;
  feedback_delivered_at: string | null;
  feedback_via: string | null;
  satisfaction_asked_at: string | null;
  satisfaction_answer: string | null;
  satisfaction_answered_at: string | null;
  merged_into: number | null;
  place: string | null;
  place_id: string | null;
  missed: Generated<number>;
  call_sid: string | null;
  signed_off_at: string | null;
  signed_off_by: number | null;
  concerns_staff_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  type: string;
  actor_type: 'citizen' | 'staff' | 'system';
  actor_id: number | null;
  channel: string;
  data: string;
}

export interface InboundMessagesTable {
  id: Generated<number>;
  message_sid: string;
  from_phone: string;
  to_phone: string | null;
  body: string;
  num_media: Generated<number>;
  sender_type: 'citizen' | 'staff';
  staff_id: number | null;
  intent: string;
  case_id: number | null;
  received_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  to_phone: string;
  body: string;
  purpose: string;
  case_id: number | null;
  staff_id: number | null;
  status: string;
  status_rank: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  claim_token: string | null;
  twilio_sid: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  updated_at: string;
}

export interface OutboxEarlyStatusesTable {
  id: Generated<number>;
  message_sid: string;
  status: string;
  error_code: string | null;
  received_at: string;
}

export interface OptOutsTable {
  phone: string;
  opted_out_at: string;
  source: string;
}

export interface CallsTable {
  id: Generated<number>;
  call_sid: string;
  from_phone: string;
  to_phone: string | null;
  language: string;
  status: string;
  last_sequence: Generated<number>;
  outcome: 'connected' | 'message' | 'status' | 'abandoned' | null;
  on_duty: string;
  officer_requested_at: string | null;
  accepted_at: string | null;
  accepted_by: number | null;
  missed: Generated<number>;
  case_id: number | null;
  callback_case_id: number | null;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  created_at: string;
  updated_at: string;
}

export interface CallAttemptsTable {
  id: Generated<number>;
  call_id: number;
  attempt: number;
  position: 'primary' | 'backup' | 'supervisor';
  staff_id: number;
  started_at: string;
  accepted_at: string | null;
  ended_at: string | null;
  result: 'accepted' | 'declined' | 'no-answer' | 'busy' | 'failed' | 'canceled' | null;
  dial_call_sid: string | null;
  dial_call_status: string | null;
}

export interface RecordingsTable {
  recording_sid: string;
  call_sid: string;
  kind: 'message' | 'conversation' | 'fallback';
  url: string;
  duration_seconds: number | null;
  status: string;
  case_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CallbackTasksTable {
  id: Generated<number>;
  case_id: number;
  reason: 'feedback_undeliverable' | 'abandoned_call';
  outbox_id: number | null;
  error_code: string | null;
  assignee_id: number | null;
  due_at: string;
  attempts: Generated<number>;
  created_at: string;
  done_at: string | null;
  outcome: 'reached' | 'no_answer' | 'wrong_number' | 'sms_delivered' | 'message_left' | null;
  note: string | null;
  done_by: number | null;
  updated_at: string;
}

export type CallbackCallStatusColumn =
  | 'requested'
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'canceled';

export interface CallbackCallsTable {
  id: Generated<number>;
  case_id: number;
  staff_id: number;
  call_sid: string | null;
  status: CallbackCallStatusColumn;
  status_sequence: number | null;
  officer_digits: string | null;
  citizen_dialed: Generated<number>;
  citizen_status: string | null;
  citizen_call_sid: string | null;
  citizen_duration_seconds: number | null;
  duration_seconds: number | null;
  recording_sid: string | null;
  recording_url: string | null;
  recording_duration_seconds: number | null;
  error_code: string | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

export type SurveyCallStatusColumn = 'scheduled' | CallbackCallStatusColumn;
export type SurveyCallOutcomeColumn =
  | 'satisfied'
  | 'unsatisfied'
  | 'no_answer'
  | 'no_key'
  | 'failed'
  | 'canceled';

export interface SurveyCallsTable {
  id: Generated<number>;
  case_id: number;
  about_ref: string;
  phone: string;
  language: string;
  attempt: number;
  status: SurveyCallStatusColumn;
  status_sequence: number | null;
  call_sid: string | null;
  due_at: string;
  repeats: Generated<number>;
  digits: string | null;
  outcome: SurveyCallOutcomeColumn | null;
  error_code: string | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

export interface NoticesSentTable {
  key: string;
  sent_at: string;
}

export interface CalendarFeedsTable {
  id: Generated<number>;
  token_hash: string;
  staff_id: number | null;
  created_at: string;
  revoked_at: string | null;
}

export interface ConsoleSessionsTable {
  id: Generated<number>;
  token_hash: string;
  staff_id: number | null;
  role: 'staff' | 'supervisor' | 'admin';
  language: 'zh-CN' | 'en';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface LoginCodesTable {
  id: Generated<number>;
  staff_id: number;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  used_at: string | null;
}

/** Which node runs a scheduled job now, until when, and the last tick any node took (src/jobs/job-leases.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string | null;
  expires_at: string | null;
  last_tick: string | null;
}

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  /** JSON arrays of gazetteer place ids and category ids. */
  places: string;
  categories: string;
  starts_at: string;
  ends_at: string;
  owner_id: number;
  status: 'open' | 'closed';
  result: string | null;
  closed_at: string | null;
  created_at: string;
}

export interface CampaignCasesTable {
  campaign_id: number;
  case_id: number;
  included: number;
  at: string;
}

export interface CampaignEventsTable {
  id: Generated<number>;
  campaign_id: number;
  at: string;
  type: string;
  actor_id: number | null;
  channel: string;
  data: string;
}

export interface Open311KeysTable {
  id: Generated<number>;
  /** The partner the key was issued to, as the operator named it. */
  name: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface PetitionsTable {
  case_id: number;
  headcount: number;
  /** JSON array of { name, phone } (E.164). */
  representatives: string;
  /** A local date, YYYY-MM-DD. */
  visit_date: string | null;
  demands: string;
  recorded_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CaseReviewsTable {
  id: Generated<number>;
  case_id: number;
  resolved_at: string;
  quorum: number;
  requested_by: number | null;
  requested_at: string;
  outcome: string | null;
  decided_at: string | null;
}

export interface CaseReviewReviewersTable {
  review_id: number;
  staff_id: number;
}

export interface CaseReviewOpinionsTable {
  review_id: number;
  staff_id: number;
  verdict: string;
  opinion: string;
  channel: string;
  at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Database {
  settings: SettingsTable;
  staff: StaffTable;
  staff_tokens: StaffTokensTable;
  staff_status_changes: StaffStatusChangesTable;
  roster_revision: RosterRevisionTable;
  rotations: RotationsTable;
  rotation_versions: RotationVersionsTable;
  overrides: OverridesTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  inbound_messages: InboundMessagesTable;
  outbox: OutboxTable;
  outbox_early_statuses: OutboxEarlyStatusesTable;
  opt_outs: OptOutsTable;
  calls: CallsTable;
  call_attempts: CallAttemptsTable;
  recordings: RecordingsTable;
  notices_sent: NoticesSentTable;
  callback_tasks: CallbackTasksTable;
  callback_calls: CallbackCallsTable;
  survey_calls: SurveyCallsTable;
  calendar_feeds: CalendarFeedsTable;
  schema_migrations: SchemaMigrationsTable;
  console_sessions: ConsoleSessionsTable;
  login_codes: LoginCodesTable;
  job_leases: JobLeasesTable;
  open311_keys: Open311KeysTable;
  campaigns: CampaignsTable;
  campaign_cases: CampaignCasesTable;
  campaign_events: CampaignEventsTable;
  case_reviews: CaseReviewsTable;
  case_review_reviewers: CaseReviewReviewersTable;
  case_review_opinions: CaseReviewOpinionsTable;
  petitions: PetitionsTable;
}
