import type { TemplateName, Templates, TemplateVars } from '../content/templates';
import { formatSlot } from '../notices/notices.format';
import { gapNoticeKey, uniqueRecipients } from '../notices/notices.models';
import type { NoticesRepository } from '../notices/notices.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { DbOrTransaction } from '../shared/db';
import { chooseSupervisorsToTell, type Language, type Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { findGaps } from './roster.coverage';
import { type Position, type Roster, resolveOnDuty } from './roster.models';
import type { RosterRepository, StoredOverride } from './roster.repository';
import { resolveSegments } from './roster.segments';
import type { RosterService } from './roster.service';
import { dutyShifts } from './roster.shifts';
import { DAY_MS } from './roster.time';

export interface TakeCoverDeps {
  rosterRepository: RosterRepository;
  /** Assembles the roster resolution reads, through the SMS's transaction. */
  rosterService: Pick<RosterService, 'loadRoster'>;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  /** The hotline's zone, in which staff read the times. */
  timezone: string;
}

export interface ReportSickDeps {
  rosterRepository: RosterRepository;
  /** Assembles the roster resolution reads, through the SMS's transaction. */
  rosterService: Pick<RosterService, 'loadRoster'>;
  staffRepository: StaffRepository;
  /** Claims the gap's notice, so gap-watch does not tell the supervisors again. */
  noticesRepository: NoticesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  /** The hotline's zone, in which staff read the times. */
  timezone: string;
}

/** What to answer the sender, in their language; the alerts to others are already queued. */
export interface RosterSmsOutcome {
  ok: boolean;
  reply: TemplateName;
  vars: TemplateVars;
  /** After a sick note, for the caller to hand the sender's open cases over (cases.handover.ts). */
  takeover?: Takeover;
}

/** Who takes over an absent person's work now: their absence's cover, if any, and who is on duty. */
export interface Takeover {
  absentStaffId: number;
  coverStaffId: number | null;
  /** Resolved at the moment of the sick note, with the absence applied. */
  onDuty: Record<Position, number | null>;
}

// A sick note is for the current shift or the next one starting within a week.
const SICK_LOOKAHEAD_MS = 7 * DAY_MS;
// Far enough past the lookahead that the last shift found is whole: rotations run at most 168 h.
const SICK_SEARCH_MS = SICK_LOOKAHEAD_MS + 8 * DAY_MS;

function slotVars(
  { templates, timezone }: Pick<TakeCoverDeps, 'templates' | 'timezone'>,
  language: Language,
  position: Position,
  from: Date,
  to: Date,
) {
  return {
    position: templates.render(`position.${position}`, language),
    slot: formatSlot(from, to, timezone, language),
  };
}

/** The supervisors to tell (chooseSupervisorsToTell), never the sender. */
async function supervisorsToTell(
  { staffRepository }: Pick<TakeCoverDeps, 'staffRepository'>,
  trx: DbOrTransaction,
  onDuty: number | null,
  sender: Staff,
): Promise<number[]> {
  const supervisor = onDuty === null ? null : ((await staffRepository.findById(onDuty, trx)) ?? null);
  const active = await staffRepository.listActiveSupervisors(trx);
  return chooseSupervisorsToTell(supervisor, active, [sender.id]).map((member) => member.id);
}

/** The takeover at `at` of an absence from `position`'s shift starting `shiftFrom`. */
function takeoverAt(
  roster: Roster,
  absentStaffId: number,
  position: Position,
  shiftFrom: Date,
  at: Date,
): Takeover {
  // A sick note for a shift not yet begun is covered, if at all, from that shift's start.
  // The resolver decides who the cover is, so an inactive cover counts as none.
  const then = resolveOnDuty(roster, new Date(Math.max(at.getTime(), shiftFrom.getTime())))[position];
  const source = then.source;
  const coversThisAbsence =
    source?.kind === 'override' &&
    roster.overrides.some(
      (override) => override.id === source.overrideId && override.absentStaffId === absentStaffId,
    );
  const duty = resolveOnDuty(roster, at);
  return {
    absentStaffId,
    coverStaffId: coversThisAbsence ? then.staffId : null,
    onDuty: {
      primary: duty.primary.staffId,
      backup: duty.backup.staffId,
      supervisor: duty.supervisor.staffId,
    },
  };
}

async function sendToStaff(
  { staffRepository, outbox }: Pick<TakeCoverDeps, 'staffRepository' | 'outbox'>,
  trx: DbOrTransaction,
  ids: number[],
  body: (member: Staff) => string,
): Promise<number> {
  const staff = await staffRepository.findByIds(ids, trx);
  let sent = 0;
  for (const id of ids) {
    const member = staff.get(id);
    if (!member?.active) continue;
    await outbox.enqueue(trx, {
      to: member.phone,
      body: body(member),
      purpose: 'roster_alert',
      staffId: id,
    });
    sent += 1;
  }
  return sent;
}

/**
 * SICK: the sender is absent, with no cover, from now to the end of the shift they are on, or for
 * the whole of their next shift within a week. The backup and the supervisor on duty then are told
 * the slot is open, and the outcome says who takes over the sender's cases. Runs inside the SMS's
 * transaction, so it reads through `trx` only.
 */
export async function reportSick(
  {
    rosterRepository,
    rosterService,
    staffRepository,
    noticesRepository,
    outbox,
    templates,
    timezone,
  }: ReportSickDeps,
  trx: DbOrTransaction,
  sender: Staff,
  at: Date,
): Promise<RosterSmsOutcome> {
  const texts = { templates, timezone };
  const searchTo = new Date(at.getTime() + SICK_SEARCH_MS);
  const roster = await rosterService.loadRoster(at, searchTo, trx);
  // The shift they would work if well: their own absences are left out, so that a second SICK finds
  // the same shift again instead of moving on to the next one.
  const planned: Roster = {
    ...roster,
    overrides: roster.overrides.filter((override) => override.absentStaffId !== sender.id),
  };
  const shift = dutyShifts(planned, at, searchTo).find(
    (candidate) =>
      candidate.staffId === sender.id && candidate.from.getTime() < at.getTime() + SICK_LOOKAHEAD_MS,
  );
  if (!shift) return { ok: false, reply: 'sickNoShift', vars: {} };
  const { position, from, to } = shift;

  const stillOnDuty = resolveSegments(roster, from, to).some(
    (segment) => segment.position === position && segment.staffId === sender.id,
  );
  if (!stillOnDuty) {
    const recorded = roster.overrides
      .filter(
        (override) =>
          override.absentStaffId === sender.id &&
          override.position === position &&
          Date.parse(override.from) < to.getTime() &&
          Date.parse(override.to) > from.getTime(),
      )
      .map((override) => Date.parse(override.from));
    const since = new Date(Math.min(from.getTime(), ...recorded));
    return {
      ok: true,
      reply: 'sickAlready',
      vars: slotVars(texts, sender.language, position, since, to),
      takeover: takeoverAt(roster, sender.id, position, from, at),
    };
  }

  const created = await rosterRepository.createOverride(
    {
      position,
      absentStaffId: sender.id,
      coverStaffId: null,
      from: from.toISOString(),
      to: to.toISOString(),
      reason: 'sick',
      createdBy: sender.id,
    },
    trx,
  );
  const after: Roster = { ...roster, overrides: [...roster.overrides, created] };
  const duty = resolveOnDuty(after, from);
  const supervisors = await supervisorsToTell({ staffRepository }, trx, duty.supervisor.staffId, sender);
  const recipients = uniqueRecipients([duty.backup.staffId, ...supervisors], [sender.id]);
  await sendToStaff({ staffRepository, outbox }, trx, recipients, (member) =>
    templates.render('sickAlert', member.language, {
      name: sender.name,
      ...slotVars(texts, member.language, position, from, to),
    }),
  );
  // The supervisors have just heard of this gap; gap-watch need not tell them again.
  if (position === 'primary' && supervisors.length > 0) {
    for (const gap of findGaps(resolveSegments(after, from, to), 'primary')) {
      if (gap.overrideId === created.id) await noticesRepository.claim(trx, gapNoticeKey(gap), at);
    }
  }
  return {
    ok: true,
    reply: 'sickRecorded',
    vars: slotVars(texts, sender.language, position, from, to),
    takeover: takeoverAt(after, sender.id, position, from, at),
  };
}

/** Whether the absence still leaves its position empty somewhere in [from, to): a cover may exist apart. */
function leavesGap(roster: Roster, absence: StoredOverride, from: Date, to: Date): boolean {
  return resolveSegments(roster, from, to).some(
    (segment) =>
      segment.position === absence.position &&
      segment.staffId === null &&
      segment.source?.kind === 'override' &&
      segment.source.overrideId === absence.id,
  );
}

/**
 * COVER: the sender takes the newest absence that still leaves a gap, from now to its end.
 *
 * An absence not yet begun gets the sender as its cover. One already running is ended now (its
 * past stays an uncovered absence, which is what happened) and a new absence with the sender as
 * cover runs from now to the old end, so the report shows both halves truthfully.
 */
export async function takeCover(
  { rosterRepository, rosterService, staffRepository, outbox, templates, timezone }: TakeCoverDeps,
  trx: DbOrTransaction,
  sender: Staff,
  at: Date,
): Promise<RosterSmsOutcome> {
  const texts = { templates, timezone };
  const candidates = await rosterRepository.findUncoveredAbsences(at, trx);
  if (candidates.length === 0) return { ok: false, reply: 'coverNothing', vars: {} };
  const until = new Date(Math.max(...candidates.map((absence) => Date.parse(absence.to))));
  const roster = await rosterService.loadRoster(at, until, trx);

  let ownAbsenceOnly = false;
  for (const absence of candidates) {
    const from = new Date(Math.max(at.getTime(), Date.parse(absence.from)));
    const to = new Date(absence.to);
    if (!leavesGap(roster, absence, from, to)) continue;
    if (absence.absentStaffId === sender.id) {
      ownAbsenceOnly = true;
      continue;
    }
    const covered =
      Date.parse(absence.from) >= at.getTime()
        ? await rosterRepository.setOverrideCover(absence.id, sender.id, trx)
        : await coverFromNow({ rosterRepository }, trx, absence, sender, at);
    if (!covered) continue;

    const absent = (await staffRepository.findByIds([absence.absentStaffId!], trx)).get(
      absence.absentStaffId!,
    );
    const absentName = absent?.name ?? '';
    const supervisors = await supervisorsToTell(
      { staffRepository },
      trx,
      resolveOnDuty(roster, from).supervisor.staffId,
      sender,
    );
    await sendToStaff(
      { staffRepository, outbox },
      trx,
      uniqueRecipients(supervisors, [sender.id]),
      (member) =>
        templates.render('coverNotice', member.language, {
          cover: sender.name,
          name: absentName,
          ...slotVars(texts, member.language, absence.position, from, to),
        }),
    );
    return {
      ok: true,
      reply: 'coverTaken',
      vars: { name: absentName, ...slotVars(texts, sender.language, absence.position, from, to) },
    };
  }
  return ownAbsenceOnly
    ? { ok: false, reply: 'coverOwnAbsence', vars: {} }
    : { ok: false, reply: 'coverNothing', vars: {} };
}

async function coverFromNow(
  { rosterRepository }: Pick<TakeCoverDeps, 'rosterRepository'>,
  trx: DbOrTransaction,
  absence: StoredOverride,
  sender: Staff,
  at: Date,
): Promise<boolean> {
  if (!(await rosterRepository.endUncoveredOverrideAt(absence.id, at, trx))) return false;
  await rosterRepository.createOverride(
    {
      position: absence.position,
      absentStaffId: absence.absentStaffId,
      coverStaffId: sender.id,
      from: at.toISOString(),
      to: absence.to,
      reason: absence.reason,
      createdBy: sender.id,
    },
    trx,
  );
  return true;
}
