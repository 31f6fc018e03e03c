import { findGaps, type Gap } from '../roster/roster.coverage';
import { DAY_MS, HOUR_MS } from '../roster/roster.time';
import type { Staff } from '../staff/staff.models';
import { type NoticesDeps, supervisorsOnDutyOrAll } from './notices.deps';
import { formatDay, formatSlot } from './notices.format';
import { gapNoticeKey, summaryDateDue, summaryKey } from './notices.models';

const HORIZON_MS = 24 * HOUR_MS;
// How far back a gap going on now is traced to its start, which keys its notice.
const LOOKBACK_MS = 7 * DAY_MS;
// How far past the horizon a gap is followed, so that its text shows where it really ends.
const LOOKAHEAD_MS = 7 * DAY_MS;

export interface GapWatchResult {
  gaps: number;
  alerted: number;
  summarySent: boolean;
}

/**
 * gap-watch: every gap in the primary position going on now or starting within 24 h is told to the
 * supervisors on duty once; and once a local day, from the configured time on, they get a summary.
 */
export async function runGapWatch(deps: NoticesDeps): Promise<GapWatchResult> {
  const now = deps.clock.now();
  const windowFrom = new Date(now.getTime() - LOOKBACK_MS);
  const horizon = new Date(now.getTime() + HORIZON_MS);
  const segments = await deps.rosterService.shiftsBetween(
    windowFrom,
    new Date(horizon.getTime() + LOOKAHEAD_MS),
  );
  const gaps = findGaps(segments, 'primary').filter((gap) => gap.to > now && gap.from <= horizon);
  const supervisors = await supervisorsOnDutyOrAll(deps, now);
  if (supervisors.length === 0 && gaps.length > 0) {
    // Keys stay unclaimed, so the first supervisor added hears of the gap.
    deps.logger.warn({ gaps: gaps.length }, 'duty gaps ahead and no active supervisor to tell');
  }

  let alerted = 0;
  if (supervisors.length > 0) {
    for (const gap of gaps) {
      if (await alertGap(deps, gap, gapNoticeKey(gap, windowFrom), supervisors)) alerted += 1;
    }
  }
  const summarySent = supervisors.length > 0 && (await sendDailySummary(deps, gaps.length, supervisors));
  if (alerted > 0 || summarySent) deps.kickOutbox();
  return { gaps: gaps.length, alerted, summarySent };
}

async function alertGap(deps: NoticesDeps, gap: Gap, key: string, supervisors: Staff[]): Promise<boolean> {
  const now = deps.clock.now();
  // The person the cause names: absent with no cover, or no longer active.
  const named = gap.staffId === null ? undefined : await deps.staffRepository.findById(gap.staffId);
  const name = named?.name ?? '';
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, key, now))) return false;
    for (const supervisor of supervisors) {
      const language = supervisor.language;
      await deps.outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'gap_alert',
        staffId: supervisor.id,
        body: deps.templates.render('gapAlert', language, {
          position: deps.templates.render(`position.${gap.position}`, language),
          slot: formatSlot(gap.from, gap.to, deps.timezone, language),
          cause: deps.templates.render(`gapCause.${gap.cause}`, language, { name }),
        }),
      });
    }
    return true;
  });
}

async function sendDailySummary(deps: NoticesDeps, gapCount: number, supervisors: Staff[]): Promise<boolean> {
  const now = deps.clock.now();
  const date = summaryDateDue(now, deps.timezone, deps.gapSummaryTime);
  if (date === null) return false;
  const key = summaryKey(date);
  if (await deps.noticesRepository.wasSent(key)) return false;
  const figures = await deps.noticesRepository.summaryFigures(now, new Date(now.getTime() - HORIZON_MS));
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.noticesRepository.claim(trx, key, now))) return false;
    for (const supervisor of supervisors) {
      await deps.outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'gap_summary',
        staffId: supervisor.id,
        body: deps.templates.render('gapSummary', supervisor.language, {
          date: formatDay(now, deps.timezone, supervisor.language),
          gaps: gapCount,
          ...figures,
        }),
      });
    }
    return true;
  });
}
