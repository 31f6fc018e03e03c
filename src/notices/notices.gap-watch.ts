import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { findGaps, type Gap } from '../roster/roster.coverage';
import type { RosterService } from '../roster/roster.service';
import { DAY_MS, HOUR_MS } from '../roster/roster.time';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { yieldToRequests } from '../shared/event-loop';
import type { Logger } from '../shared/logger';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { formatDay, formatSlot } from './notices.format';
import { gapNoticeKey, summaryDateDue, summaryKey } from './notices.models';
import type { NoticesRepository } from './notices.repository';
import { supervisorsOnDutyOrAll } from './notices.supervisors';

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

export interface GapWatchDeps {
  db: Db;
  noticesRepository: NoticesRepository;
  rosterService: Pick<RosterService, 'onDutyAt' | 'shiftsBetween'>;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** The hotline's zone: local times in texts and the daily summary's time of day. */
  timezone: string;
  /** 'HH:mm' local. */
  gapSummaryTime: string;
}

/**
 * gap-watch: every gap in the primary position going on now or starting within 24 h is told to the
 * supervisors on duty once; and once a local day, from the configured time on, they get a summary.
 */
export async function runGapWatch({
  db,
  noticesRepository,
  rosterService,
  staffRepository,
  outbox,
  templates,
  clock,
  logger,
  kickOutbox,
  timezone,
  gapSummaryTime,
}: GapWatchDeps): Promise<GapWatchResult> {
  const now = clock.now();
  const windowFrom = new Date(now.getTime() - LOOKBACK_MS);
  const horizon = new Date(now.getTime() + HORIZON_MS);
  const segments = await rosterService.shiftsBetween(windowFrom, new Date(horizon.getTime() + LOOKAHEAD_MS));
  const gaps = findGaps(segments, 'primary').filter((gap) => gap.to > now && gap.from <= horizon);
  const supervisors = await supervisorsOnDutyOrAll({ rosterService, staffRepository }, now);
  if (supervisors.length === 0 && gaps.length > 0) {
    // Keys stay unclaimed, so the first supervisor added hears of the gap.
    logger.warn({ gaps: gaps.length }, 'duty gaps ahead and no active supervisor to tell');
  }

  let alerted = 0;
  if (supervisors.length > 0) {
    for (const gap of gaps) {
      await yieldToRequests();
      const alert = { db, noticesRepository, staffRepository, outbox, templates, clock, timezone };
      if (await alertGap(alert, gap, gapNoticeKey(gap, windowFrom), supervisors)) alerted += 1;
    }
  }
  const summary = { db, noticesRepository, outbox, templates, clock, timezone, gapSummaryTime };
  const summarySent = supervisors.length > 0 && (await sendDailySummary(summary, gaps.length, supervisors));
  if (alerted > 0 || summarySent) kickOutbox();
  return { gaps: gaps.length, alerted, summarySent };
}

async function alertGap(
  {
    db,
    noticesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    timezone,
  }: Pick<
    GapWatchDeps,
    'db' | 'noticesRepository' | 'staffRepository' | 'outbox' | 'templates' | 'clock' | 'timezone'
  >,
  gap: Gap,
  key: string,
  supervisors: Staff[],
): Promise<boolean> {
  const now = clock.now();
  // The person the cause names: absent with no cover, or no longer active.
  const named = gap.staffId === null ? undefined : await staffRepository.findById(gap.staffId);
  const name = named?.name ?? '';
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, key, now))) return false;
    for (const supervisor of supervisors) {
      const language = supervisor.language;
      await outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'gap_alert',
        staffId: supervisor.id,
        body: templates.render('gapAlert', language, {
          position: templates.render(`position.${gap.position}`, language),
          slot: formatSlot(gap.from, gap.to, timezone, language),
          cause: templates.render(`gapCause.${gap.cause}`, language, { name }),
        }),
      });
    }
    return true;
  });
}

async function sendDailySummary(
  {
    db,
    noticesRepository,
    outbox,
    templates,
    clock,
    timezone,
    gapSummaryTime,
  }: Pick<
    GapWatchDeps,
    'db' | 'noticesRepository' | 'outbox' | 'templates' | 'clock' | 'timezone' | 'gapSummaryTime'
  >,
  gapCount: number,
  supervisors: Staff[],
): Promise<boolean> {
  const now = clock.now();
  const date = summaryDateDue(now, timezone, gapSummaryTime);
  if (date === null) return false;
  const key = summaryKey(date);
  if (await noticesRepository.wasSent(key)) return false;
  const figures = await noticesRepository.summaryFigures(now, new Date(now.getTime() - HORIZON_MS));
  return db.transaction().execute(async (trx) => {
    if (!(await noticesRepository.claim(trx, key, now))) return false;
    for (const supervisor of supervisors) {
      await outbox.enqueue(trx, {
        to: supervisor.phone,
        purpose: 'gap_summary',
        staffId: supervisor.id,
        body: templates.render('gapSummary', supervisor.language, {
          date: formatDay(now, timezone, supervisor.language),
          gaps: gapCount,
          ...figures,
        }),
      });
    }
    return true;
  });
}
