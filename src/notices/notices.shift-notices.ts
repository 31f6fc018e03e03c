import type { DutyShift } from '../roster/roster.shifts';
import { DAY_MS, MINUTE_MS } from '../roster/roster.time';
import type { Staff } from '../staff/staff.models';
import type { NoticesDeps } from './notices.deps';
import { formatSlot } from './notices.format';
import { handoverKey, listRefs, shiftReminderKey } from './notices.models';

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

/**
 * shift-notices: a reminder to each person whose shift starts within the configured lead time, once
 * per (person, position, start); and the incoming primary gets a handover of the open cases.
 */
export async function runShiftNotices(deps: NoticesDeps): Promise<ShiftNoticesResult> {
  const now = deps.clock.now();
  const earliest = now.getTime() - LATE_GRACE_MS;
  const latest = now.getTime() + deps.shiftReminderMinutes * MINUTE_MS;
  // Resolved from a minute before the window, so a shift starting at its very edge is a real start
  // and not one cut by the query.
  const shifts = await deps.rosterService.dutyShiftsBetween(
    new Date(earliest - MINUTE_MS),
    new Date(latest + SHIFT_END_SEARCH_MS),
  );
  const starting = shifts.filter(
    (shift) => shift.from.getTime() >= earliest && shift.from.getTime() <= latest,
  );
  const staff = await deps.staffRepository.findByIds([...new Set(starting.map((shift) => shift.staffId))]);

  const result: ShiftNoticesResult = { reminders: 0, handovers: 0 };
  for (const shift of starting) {
    const member = staff.get(shift.staffId);
    if (!member?.active) continue;
    const sent = await sendShiftNotices(deps, shift, member);
    if (sent.reminder) result.reminders += 1;
    if (sent.handover) result.handovers += 1;
  }
  if (result.reminders + result.handovers > 0) deps.kickOutbox();
  return result;
}

async function sendShiftNotices(
  deps: NoticesDeps,
  shift: DutyShift,
  member: Staff,
): Promise<{ reminder: boolean; handover: boolean }> {
  const now = deps.clock.now();
  const { language } = member;
  const handover =
    shift.position === 'primary' && !(await deps.noticesRepository.wasSent(handoverKey(shift)))
      ? await deps.noticesRepository.handoverFigures(member.id, now, HANDOVER_REFS)
      : null;
  return deps.db.transaction().execute(async (trx) => {
    const sent = { reminder: false, handover: false };
    if (await deps.noticesRepository.claim(trx, shiftReminderKey(shift), now)) {
      await deps.outbox.enqueue(trx, {
        to: member.phone,
        purpose: 'shift_reminder',
        staffId: member.id,
        body: deps.templates.render('shiftReminder', language, {
          position: deps.templates.render(`position.${shift.position}`, language),
          slot: formatSlot(shift.from, shift.to, deps.timezone, language),
        }),
      });
      sent.reminder = true;
    }
    if (handover && (await deps.noticesRepository.claim(trx, handoverKey(shift), now))) {
      const counts = { open: handover.open, mine: handover.mine };
      await deps.outbox.enqueue(trx, {
        to: member.phone,
        purpose: 'handover',
        staffId: member.id,
        body:
          handover.attentionTotal === 0
            ? deps.templates.render('handoverClear', language, counts)
            : deps.templates.render('handover', language, {
                ...counts,
                list: listRefs(handover.attention, handover.attentionTotal),
              }),
      });
      sent.handover = true;
    }
    return sent;
  });
}
