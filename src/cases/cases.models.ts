import type { Priority } from '../content/categories';
import { chooseSupervisorsToTell, type Language, type Staff } from '../staff/staff.models';

export const CHANNELS = ['voice', 'sms', 'letter', 'visit', 'web', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STATUSES = [
  'received',
  'assigned',
  'acknowledged',
  'resolved',
  'closed',
  'reopened',
  'merged',
] as const;
export type CaseStatus = (typeof STATUSES)[number];

/** Cases someone still has to work on. */
export const OPEN_STATUSES: CaseStatus[] = ['received', 'assigned', 'acknowledged', 'reopened'];

export interface OnDutySnapshot {
  primary: number | null;
  backup: number | null;
  supervisor: number | null;
}

export interface Case {
  id: number;
  ref: string;
  status: CaseStatus;
  channel: Channel;
  phone: string | null;
  language: Language;
  category: string;
  priority: Priority;
  description: string;
  assigneeId: number | null;
  onDuty: OnDutySnapshot;
  result: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  dueAt: string | null;
  /** When the assignee must have acknowledged it; null on cases opened before commitments had one. */
  ackDueAt: string | null;
  recordingSid: string | null;
  recordingDuration: number | null;
  feedbackSentAt: string | null;
  feedbackDeliveredAt: string | null;
  feedbackVia: 'sms' | 'call' | null;
  satisfactionAskedAt: string | null;
  satisfactionAnswer: 'satisfied' | 'unsatisfied' | null;
  satisfactionAnsweredAt: string | null;
  mergedInto: number | null;
  /**
   * Where the complaint is about, as shown: a gazetteer place's name in the case's language, or
   * free text staff typed (a district or a street).
   */
  place: string | null;
  /** The gazetteer's id for that place (flows/places.json), when it is one of its places. */
  placeId: string | null;
  /** A supervisor's sign-off on this resolution; important and urgent cases close only with one. */
  signedOffAt: string | null;
  signedOffBy: number | null;
  /** Asked for the duty officer and nobody accepted. */
  missed: boolean;
  callSid: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ActorType = 'citizen' | 'staff' | 'system';
/** `console`: a staff member working the case on the console's pages (stored as 'web', see actorOf). */
export type EventChannel =
  | 'sms'
  | 'voice'
  | 'api'
  | 'cli'
  | 'system'
  | 'letter'
  | 'visit'
  | 'web'
  | 'console';

/** Who made a change and through what; every event on the audit trail carries one. */
export interface Actor {
  type: ActorType;
  staffId: number | null;
  channel: EventChannel;
}

export const systemActor: Actor = { type: 'system', staffId: null, channel: 'system' };

export interface CaseEvent {
  id: number;
  at: string;
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canAcknowledge(status: CaseStatus): boolean {
  return status === 'assigned' || status === 'received' || status === 'reopened';
}

export function canResolve(status: CaseStatus): boolean {
  return isOpen(status);
}

/** Cases needing a supervisor's sign-off before they close. */
export function needsSignOff(priority: Priority): boolean {
  return priority === 'important' || priority === 'urgent';
}

export function addHours(iso: string, hours: number): string {
  return new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();
}

/** Case language for a citizen: the language they wrote in, if it is plain, else the hotline's. */
export function detectLanguage(text: string, fallback: Language): Language {
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh-CN';
  if (/[A-Za-z]{2,}/.test(text) && /^[\x20-\x7e\s]*$/.test(text)) return 'en';
  return fallback;
}

/** A one-line summary fit for an SMS alert. */
export function summarize(text: string, maxLength = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

/** Who is on duty in each position, as far as a case is concerned. */
export interface DutyTeam<Member> {
  primary: Member | null;
  backup: Member | null;
  supervisor: Member | null;
}

/** The staff on duty at an instant, as the roster resolves them. */
export type OnDuty = DutyTeam<Staff>;

/**
 * Who takes a case: the primary on duty, else the backup, else the supervisor. New cases and
 * hand-overs both ask this; `except` (an absent officer) is never chosen.
 */
export function chooseAssignee<Member extends { id: number }>(
  onDuty: DutyTeam<Member>,
  except: readonly number[] = [],
): Member | null {
  for (const member of [onDuty.primary, onDuty.backup, onDuty.supervisor]) {
    if (member && !except.includes(member.id)) return member;
  }
  return null;
}

export type UrgentRecipientsKind = 'supervisor' | 'backup' | 'all_supervisors' | 'none';

/**
 * Who hears of an urgent case at once, besides its assignee: the supervisors to tell (the one on
 * duty, else every active one). When the supervisor on duty is the assignee, a second person still
 * should know, so the backup on duty hears instead.
 */
export function chooseUrgentRecipients(
  onDuty: DutyTeam<Staff>,
  activeSupervisors: readonly Staff[],
  assigneeId: number | null,
): { kind: UrgentRecipientsKind; staff: Staff[] } {
  const { supervisor, backup } = onDuty;
  if (supervisor && supervisor.id === assigneeId) {
    return backup && backup.id !== assigneeId
      ? { kind: 'backup', staff: [backup] }
      : { kind: 'none', staff: [] };
  }
  const staff = chooseSupervisorsToTell(
    supervisor,
    activeSupervisors,
    assigneeId === null ? [] : [assigneeId],
  );
  return { kind: supervisor?.active ? 'supervisor' : 'all_supervisors', staff };
}
