import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { DutyShift } from '../roster/roster.shifts';
import { DAY_MS, MINUTE_MS } from '../roster/roster.time';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { yieldToRequests } from '../shared/event-loop';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { formatSlot } from './notices.format';
import { handoverKey, listRefs, shiftReminderKey } from './notices.models';
import type { NoticesRepository } from './notices.repository';

// A shift that began this recently still gets its notices: the job may have been down at the time,
// or the shift was made at short notice (a COVER from now on).
const LATE_GRACE_MS = 15 * MINUTE_MS;
// Shifts are resolved this far past the window so that a reminder names the real end; rotations run
// at most 168 h.
const SHIFT_END_SEARCH_MS = 8 * DAY_MS;
const HANDOVER_REFS = 4;

export interface ShiftNoticesResult {
  reminders: number;
  handovers: number;
}

export interface ShiftNoticesDeps {
  db: Db;
  noticesRepository: NoticesRepository;
  rosterService: Pick<RosterService, 'dutyShiftsBetween'>;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  kickOutbox: () => void;
  /** The hotline's zone, in which staff read the times. */
  timezone: string;
  shiftReminderMinutes: number;
}

/**
 * shift-notices: a reminder to each person whose shift starts within the configured lead time, once
 * per (person, position, start); and the incoming primary gets a handover of the open cases.
 */
export async function runShiftNotices({
  db,
  noticesRepository,
  rosterService,
  staffRepository,
  outbox,
  templates,
  clock,
  kickOutbox,
  timezone,
  shiftReminderMinutes,
}: ShiftNoticesDeps): Promise<ShiftNoticesResult> {
  const now = clock.now();
  const earliest = now.getTime() - LATE_GRACE_MS;
  const latest = now.getTime() + shiftReminderMinutes * MINUTE_MS;
  // Resolved from a minute before the window, so a shift starting at its very edge is a real start
  // and not one cut by the query.
  const shifts = await rosterService.dutyShiftsBetween(
    new Date(earliest - MINUTE_MS),
    new Date(latest + SHIFT_END_SEARCH_MS),
  );
  const starting = shifts.filter(
    (shift) => shift.from.getTime() >= earliest && shift.from.getTime() <= latest,
  );
  const staff = await staffRepository.findByIds([...new Set(starting.map((shift) => shift.staffId))]);

  const result: ShiftNoticesResult = { reminders: 0, handovers: 0 };
  for (const shift of starting) {
    await yieldToRequests();
    const member = staff.get(shift.staffId);
    if (!member?.active) continue;
    const notices = { db, noticesRepository, outbox, templates, clock, timezone };
    const sent = await sendShiftNotices(notices, shift, member);
    if (sent.reminder) result.reminders += 1;
    if (sent.handover) result.handovers += 1;
  }
  if (result.reminders + result.handovers > 0) kickOutbox();
  return result;
}

async function sendShiftNotices(
  {
    db,
    noticesRepository,
    outbox,
    templates,
    clock,
    timezone,
  }: Pick<ShiftNoticesDeps, 'db' | 'noticesRepository' | 'outbox' | 'templates' | 'clock' | 'timezone'>,
  shift: DutyShift,
  member: Staff,
): Promise<{ reminder: boolean; handover: boolean }> {
  const now = clock.now();
  const { language } = member;
  const handover =
    shift.position === 'primary' && !(await noticesRepository.wasSent(handoverKey(shift)))
      ? await noticesRepository.handoverFigures(member.id, now, HANDOVER_REFS)
      : null;
  return db.transaction().execute(async (trx) => {
    const sent = { reminder: false, handover: false };
    if (await noticesRepository.claim(trx, shiftReminderKey(shift), now)) {
      await outbox.enqueue(trx, {
        to: member.phone,
        purpose: 'shift_reminder',
        staffId: member.id,
        body: templates.render('shiftReminder', language, {
          position: templates.render(`position.${shift.position}`, language),
          slot: formatSlot(shift.from, shift.to, timezone, language),
        }),
      });
      sent.reminder = true;
    }
    if (handover && (await noticesRepository.claim(trx, handoverKey(shift), now))) {
      const counts = { open: handover.open, mine: handover.mine };
      await outbox.enqueue(trx, {
        to: member.phone,
        purpose: 'handover',
        staffId: member.id,
        body:
          handover.attentionTotal === 0
            ? templates.render('handoverClear', language, counts)
            : templates.render('handover', language, {
                ...counts,
                list: listRefs(handover.attention, handover.attentionTotal),
              }),
      });
      sent.handover = true;
    }
    return sent;
  });
}
