import type { Priority } from '../content/categories';
import { canSeeAllCases, chooseSupervisorsToTell, type Language, type Staff } from '../staff/staff.models';

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
  /** A supervisor's sign-off on this resolution; a case that needsSignOff closes only with one. */
  signedOffAt: string | null;
  signedOffBy: number | null;
  /** The staff member a complaint about staff names (SPEC §18): never theirs, never shown to them. */
  concernsStaffId: number | null;
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

/** The category of complaints about staff; a case a supervisor marks as naming an officer is one too. */
export const STAFF_CONDUCT_CATEGORY = 'staff-conduct';

/** The priorities whose cases a supervisor signs off before they close. */
export const SIGN_OFF_PRIORITIES: readonly Priority[] = ['important', 'urgent'];

type ConductFacts = Pick<Case, 'category' | 'concernsStaffId'>;

/**
 * A complaint about staff: its category says so, or it names the officer concerned. Only
 * supervisors take it and hear of it, so that no colleague of theirs handles it by the roster.
 */
export function isAboutStaff(found: ConductFacts): boolean {
  return found.category === STAFF_CONDUCT_CATEGORY || found.concernsStaffId !== null;
}

/** Whether the case is a complaint about this staff member: they may neither hold nor see it. */
export function concernsStaff(found: Pick<Case, 'concernsStaffId'>, staffId: number | null): boolean {
  return staffId !== null && found.concernsStaffId === staffId;
}

/**
 * Whether the holder keeps a case as it becomes (`after`) what triage or a mark made of it
 * (`before`). The officer a complaint names never keeps it. A case that just became a complaint
 * about staff goes to supervisors, as it would have on arrival (an unassigned one too); one that
 * already was stays with whoever a supervisor gave it to.
 */
export function holderKeepsCase(
  before: ConductFacts,
  after: ConductFacts,
  holder: Pick<Staff, 'id' | 'role'> | null,
): boolean {
  if (!isAboutStaff(after)) return true;
  if (holder === null) return isAboutStaff(before);
  if (concernsStaff(after, holder.id)) return false;
  return isAboutStaff(before) || canSeeAllCases(holder.role);
}

/** Cases needing a supervisor's sign-off before they close: important, urgent, or about staff. */
export function needsSignOff(found: Pick<Case, 'priority'> & ConductFacts): boolean {
  return SIGN_OFF_PRIORITIES.includes(found.priority) || isAboutStaff(found);
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

/** What chooseAssignee needs to know of a complaint about staff (see isAboutStaff). */
export interface ConductAssignment<Member> {
  concernsStaffId: number | null;
  /** Every active supervisor: the ones to turn to when the supervisor on duty cannot take it. */
  activeSupervisors: readonly Member[];
}

/**
 * Who takes a case: the primary on duty, else the backup, else the supervisor. New cases and
 * hand-overs both ask this; `except` (an absent officer) is never chosen. A complaint about staff
 * (`conduct`) goes to supervisors only: the one on duty, else another active one, never the
 * officer it names; with none, nobody takes it.
 */
export function chooseAssignee<Member extends { id: number }>(
  onDuty: DutyTeam<Member>,
  except: readonly number[] = [],
  conduct?: ConductAssignment<Member>,
): Member | null {
  const candidates = conduct
    ? [onDuty.supervisor, ...conduct.activeSupervisors]
    : [onDuty.primary, onDuty.backup, onDuty.supervisor];
  const concerned = conduct?.concernsStaffId ?? null;
  const skipped = concerned === null ? except : [...except, concerned];
  for (const member of candidates) {
    if (member && !skipped.includes(member.id)) return member;
  }
  return null;
}

/**
 * The supervisors to tell about a case, of those the roster gives (`told`: the one on duty, else
 * every active one): never the staff member a complaint names; when that was the one on duty,
 * every other active supervisor instead.
 */
export function chooseSupervisorsAbout(
  found: Pick<Case, 'concernsStaffId'>,
  told: readonly Staff[],
  activeSupervisors: readonly Staff[],
): Staff[] {
  const kept = told.filter((member) => !concernsStaff(found, member.id));
  if (kept.length > 0 || told.length === 0) return kept;
  return activeSupervisors.filter((member) => member.active && !concernsStaff(found, member.id));
}

export type UrgentRecipientsKind = 'supervisor' | 'backup' | 'all_supervisors' | 'none';

/**
 * Who hears of an urgent case at once, besides its assignee: the supervisors to tell (the one on
 * duty, else every active one). When the supervisor on duty is the assignee, a second person still
 * should know, so the backup on duty hears instead; of a complaint about staff (`about`), only
 * supervisors hear, and never the one it names.
 */
export function chooseUrgentRecipients(
  onDuty: DutyTeam<Staff>,
  activeSupervisors: readonly Staff[],
  assigneeId: number | null,
  about: ConductFacts = { category: '', concernsStaffId: null },
): { kind: UrgentRecipientsKind; staff: Staff[] } {
  const { supervisor, backup } = onDuty;
  const except = [assigneeId, about.concernsStaffId].filter((id) => id !== null);
  if (isAboutStaff(about)) {
    const onDutyTold = supervisor && !except.includes(supervisor.id) ? supervisor : null;
    const staff = chooseSupervisorsToTell(onDutyTold, activeSupervisors, except);
    if (staff.length === 0) return { kind: 'none', staff };
    return { kind: onDutyTold?.active ? 'supervisor' : 'all_supervisors', staff };
  }
  if (supervisor && supervisor.id === assigneeId) {
    return backup && backup.id !== assigneeId
      ? { kind: 'backup', staff: [backup] }
      : { kind: 'none', staff: [] };
  }
  const staff = chooseSupervisorsToTell(supervisor, activeSupervisors, except);
  return { kind: supervisor?.active ? 'supervisor' : 'all_supervisors', staff };
}
