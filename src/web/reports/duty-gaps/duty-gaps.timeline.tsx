import { DateTime } from 'luxon';
import type { DutyGapReport } from '../../../reports/duty-gaps.render';
import { POSITIONS, type Position } from '../../../roster/roster.positions';
import type { LabelledShift } from '../../../roster/roster.shifts-query';
import { DAY } from '../../../shared/clock';
import { showDateTime } from '../../format';
import type { PageContext } from '../../web.context';
import { type DutyGapTranslate, dutyGapMessages } from './duty-gaps.i18n';

// The duty-gap timeline, drawn on the server as one SVG: a time axis with day ticks in the
// hotline's zone, one lane per position (who is on duty, gaps hatched and labelled with their
// cause, absences as a band above), and a lane of missed and abandoned calls per shift slot.

const WIDTH = 1200;
const LEFT = 118;
const RIGHT = 10;
const PLOT = WIDTH - LEFT - RIGHT;
const AXIS = 40;
const LANE = 46;
const LANE_GAP = 8;
const BAND = 14;
const CALLS = 44;
const FONT = 12;

export interface TimelineInput {
  from: Date;
  to: Date;
  now: Date;
  shifts: readonly LabelledShift[];
  report: DutyGapReport;
}

interface Stretch {
  from: number;
  to: number;
}

/** How wide a label runs at a font size: CJK characters are square, Latin ones about half. */
function textWidth(text: string, size = FONT): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return width;
}

/** The first label that fits the width, or none: the stretch's <title> and the tables still say it. */
function fitting(width: number, ...labels: string[]): string | null {
  return labels.find((label) => textWidth(label) + 8 <= width) ?? null;
}

const instant = (iso: string) => Date.parse(iso);

export function DutyTimeline({ context, input }: { context: PageContext; input: TimelineInput }) {
  const t = dutyGapMessages(context.language);
  const { report, shifts } = input;
  const start = input.from.getTime();
  const end = input.to.getTime();
  const span = end - start;
  const x = (ms: number) => LEFT + (Math.min(Math.max(ms, start), end) - start) * (PLOT / span);
  const width = (stretch: Stretch) => Math.max(x(stretch.to) - x(stretch.from), 1);
  const when = (ms: number) => showDateTime(new Date(ms), context.zone, context.language);
  const laneTop = (index: number) => AXIS + index * (LANE + LANE_GAP);
  const callsTop = laneTop(POSITIONS.length);
  // A row under the lanes for the "now" label, clear of the hour labels and the call markers.
  const height = callsTop + CALLS + 18;
  const reason = (value: string) => t(`reason.${value}` as 'reason.other');
  const name = (staff: { name: string } | null) => staff?.name ?? '';

  const uncovered = report.absences.filter((absence) => !absence.covered).length;
  const missed = report.slots.reduce((sum, slot) => sum + slot.calls.missed, 0);
  const abandoned = report.slots.reduce((sum, slot) => sum + slot.calls.abandoned, 0);
  const percent = report.coverage.percent;

  return (
    // On a phone the timeline scrolls sideways in its box; a keyboard reaches the box to scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll without a mouse
    <section class="timeline-wrap" tabIndex={0} aria-label={t('timeline')}>
      <svg
        class="timeline"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="timeline-title timeline-desc"
      >
        <title id="timeline-title">{t('timelineTitle', { from: when(start), to: when(end) })}</title>
        <desc id="timeline-desc">
          {t('timelineDesc', {
            coverage: percent === null ? t('notMeasured') : `${percent}%`,
            gaps: report.gaps.length,
            absences: report.absences.length,
            uncovered,
            missed,
            abandoned,
          })}
        </desc>
        <TimelinePatterns />
        <DayAxis context={context} from={start} to={end} x={x} bottom={callsTop + CALLS} />

        {POSITIONS.map((position, index) => {
          const top = laneTop(index);
          const barTop = top + BAND + 2;
          const barHeight = LANE - BAND - 2;
          const mine = shifts.filter((shift) => shift.position === position);
          return (
            <g key={position} class="tl-lane">
              <text x={LEFT - 8} y={barTop + barHeight / 2 + 4} text-anchor="end" class="tl-lane-name">
                {context.t(`position.${position}`)}
              </text>
              <rect x={LEFT} y={barTop} width={PLOT} height={barHeight} class="tl-lane-bg" />
              {mine
                .filter((shift) => shift.staff !== null)
                .map((shift) => {
                  const stretch = { from: shift.from.getTime(), to: shift.to.getTime() };
                  const label = fitting(width(stretch), name(shift.staff));
                  return (
                    <g key={`${stretch.from}`}>
                      <title>
                        {t('onDuty', {
                          name: name(shift.staff),
                          from: when(stretch.from),
                          to: when(stretch.to),
                        })}
                      </title>
                      <rect
                        x={x(stretch.from)}
                        y={barTop}
                        width={width(stretch)}
                        height={barHeight}
                        class="tl-duty"
                      />
                      {label ? (
                        <text x={x(stretch.from) + 4} y={barTop + barHeight / 2 + 4} class="tl-duty-name">
                          {label}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              {gapsOf(position, input, t).map((gap) => (
                <Gap
                  key={`${gap.from}`}
                  gap={gap}
                  top={barTop}
                  height={barHeight}
                  x={x}
                  width={width}
                  when={when}
                  t={t}
                />
              ))}
              {report.absences
                .filter((absence) => absence.position === position)
                .map((absence) => {
                  const stretch = { from: instant(absence.from), to: instant(absence.to) };
                  const cover = !absence.covered
                    ? t('notCovered')
                    : absence.covers.length > 0
                      ? t('coveredBy', { name: absence.covers.map(name).join(', ') })
                      : t('noGap');
                  const label = fitting(
                    width(stretch),
                    t('absentBand', { name: name(absence.staff), reason: reason(absence.reason), cover }),
                    t('absentShort', { name: name(absence.staff), reason: reason(absence.reason) }),
                    name(absence.staff),
                  );
                  return (
                    <g key={absence.overrideId}>
                      <title>
                        {t('absenceTitle', {
                          name: name(absence.staff),
                          reason: reason(absence.reason),
                          from: when(stretch.from),
                          to: when(stretch.to),
                          cover,
                        })}
                      </title>
                      <rect
                        x={x(stretch.from)}
                        y={top}
                        width={width(stretch)}
                        height={BAND}
                        class={absence.covered ? 'tl-absence-covered' : 'tl-absence'}
                      />
                      {label ? (
                        <text x={x(stretch.from) + 4} y={top + BAND - 3} class="tl-absence-name">
                          {label}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
            </g>
          );
        })}

        <g class="tl-calls">
          <text x={LEFT - 8} y={callsTop + CALLS / 2 + 4} text-anchor="end" class="tl-lane-name">
            {t('callsLane')}
          </text>
          <rect x={LEFT} y={callsTop} width={PLOT} height={CALLS} class="tl-lane-bg" />
          {report.slots.map((slot) => {
            const stretch = { from: instant(slot.from), to: instant(slot.to) };
            const middle = (x(stretch.from) + x(stretch.to)) / 2;
            const { missed: slotMissed, abandoned: slotAbandoned } = slot.calls;
            return (
              <g key={slot.from}>
                <line
                  x1={x(stretch.from)}
                  x2={x(stretch.from)}
                  y1={callsTop}
                  y2={callsTop + CALLS}
                  class="tl-slot-edge"
                />
                {slotMissed + slotAbandoned > 0 ? (
                  <g class="tl-marker">
                    <title>
                      {t('slotTitle', {
                        name: name(slot.staff),
                        from: when(stretch.from),
                        to: when(stretch.to),
                        missed: slotMissed,
                        abandoned: slotAbandoned,
                      })}
                    </title>
                    {slotMissed > 0 ? (
                      <>
                        <path d={triangle(middle - 6, callsTop + 7)} class="tl-missed" />
                        <text x={middle + 3} y={callsTop + 17} class="tl-count">
                          {slotMissed}
                        </text>
                      </>
                    ) : null}
                    {slotAbandoned > 0 ? (
                      <>
                        <circle cx={middle - 1} cy={callsTop + 32} r={6} class="tl-abandoned" />
                        <text x={middle + 8} y={callsTop + 36} class="tl-count">
                          {slotAbandoned}
                        </text>
                      </>
                    ) : null}
                  </g>
                ) : null}
              </g>
            );
          })}
        </g>

        {input.now.getTime() > start && input.now.getTime() < end ? (
          <g class="tl-now">
            <line
              x1={x(input.now.getTime())}
              x2={x(input.now.getTime())}
              y1={AXIS - 4}
              y2={callsTop + CALLS + 4}
            />
            <text x={x(input.now.getTime()) + 3} y={callsTop + CALLS + 15}>
              {t('now')}
            </text>
          </g>
        ) : null}
      </svg>
    </section>
  );
}

/** A downward triangle, 12 wide, its top edge at y. */
function triangle(left: number, top: number): string {
  return `M${left} ${top} h12 l-6 10 z`;
}

interface GapMark extends Stretch {
  text: string;
  short: string;
}

/** The lane's empty stretches with their cause: the report's gaps (primary) and no-backup stretches, the rest from the roster. */
function gapsOf(position: Position, input: TimelineInput, t: DutyGapTranslate): GapMark[] {
  const { report, shifts } = input;
  if (position === 'primary') {
    return report.gaps
      .filter((gap) => gap.position === 'primary')
      .map((gap) => ({
        from: instant(gap.from),
        to: instant(gap.to),
        text: t(`cause.${gap.cause}`, { name: gap.staff?.name ?? '' }),
        short: t(`short.${gap.cause}`, { name: gap.staff?.name ?? '' }),
      }));
  }
  if (position === 'backup') {
    return report.noBackup.map((stretch) => ({
      from: instant(stretch.from),
      to: instant(stretch.to),
      text: t('cause.no_backup'),
      short: t('short.no_backup'),
    }));
  }
  return shifts
    .filter((shift) => shift.position === position && shift.staff === null)
    .map((shift) => ({
      from: shift.from.getTime(),
      to: shift.to.getTime(),
      text: t('cause.nobody'),
      short: t('short.nobody'),
    }));
}

function Gap({
  gap,
  top,
  height,
  x,
  width,
  when,
  t,
}: {
  gap: GapMark;
  top: number;
  height: number;
  x: (ms: number) => number;
  width: (stretch: Stretch) => number;
  when: (ms: number) => string;
  t: DutyGapTranslate;
}) {
  const label = fitting(width(gap), gap.text, gap.short, t('gap'));
  return (
    <g class="tl-gap-mark">
      <title>{t('gapTitle', { from: when(gap.from), to: when(gap.to), cause: gap.text })}</title>
      <rect x={x(gap.from)} y={top} width={width(gap)} height={height} class="tl-gap" />
      {label ? (
        <text x={x(gap.from) + 4} y={top + height / 2 + 4} class="tl-gap-text">
          {label}
        </text>
      ) : null}
    </g>
  );
}

/** Fills the legend's swatches use too: a gap is hatched, so it is not told by colour alone. */
export function TimelinePatterns() {
  return (
    <defs>
      <pattern id="tl-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" class="tl-hatch-ground" />
        <line x1="0" y1="0" x2="0" y2="8" class="tl-hatch-line" />
      </pattern>
    </defs>
  );
}

/** Day ticks at midnight in the hotline's zone, thinned on long windows; hours on short ones. */
function DayAxis({
  context,
  from,
  to,
  x,
  bottom,
}: {
  context: PageContext;
  from: number;
  to: number;
  x: (ms: number) => number;
  bottom: number;
}) {
  const locale = context.language === 'zh-CN' ? 'zh-CN' : 'en-GB';
  const days = (to - from) / DAY;
  const step = Math.max(1, Math.ceil(days / 16));
  const perDay = (PLOT / days) * step;
  const format =
    perDay >= 90
      ? context.language === 'zh-CN'
        ? 'M月d日 ccc'
        : 'ccc d MMM'
      : context.language === 'zh-CN'
        ? 'M月d日'
        : 'd MMM';
  const ticks: DateTime[] = [];
  let day = DateTime.fromMillis(from, { zone: context.zone }).startOf('day');
  if (day.toMillis() < from) day = day.plus({ days: 1 });
  for (let index = 0; day.toMillis() < to; index += 1, day = day.plus({ days: 1 })) {
    if (index % step === 0) ticks.push(day);
  }
  // Every six hours of the hotline's clock (00, 06, 12, 18), on a window short enough to show them.
  const hours: number[] = [];
  if (to - from <= 3 * DAY) {
    let at = DateTime.fromMillis(from, { zone: context.zone }).startOf('day');
    for (; at.toMillis() < to; at = at.plus({ hours: 6 }))
      if (at.toMillis() >= from) hours.push(at.toMillis());
  }
  return (
    <g class="tl-axis">
      {hours.map((at) => (
        <g key={at}>
          <line x1={x(at)} x2={x(at)} y1={AXIS - 6} y2={bottom} class="tl-grid-minor" />
          <text x={x(at) + 3} y={AXIS - 8} class="tl-hour">
            {DateTime.fromMillis(at, { zone: context.zone }).toFormat('HH:mm')}
          </text>
        </g>
      ))}
      {ticks.map((tick) => (
        <g key={tick.toMillis()}>
          <line x1={x(tick.toMillis())} x2={x(tick.toMillis())} y1={4} y2={bottom} class="tl-grid" />
          <text x={x(tick.toMillis()) + 4} y={16} class="tl-day">
            {tick.setLocale(locale).toFormat(format)}
          </text>
        </g>
      ))}
      <line x1={LEFT} x2={LEFT + PLOT} y1={AXIS - 4} y2={AXIS - 4} class="tl-grid" />
    </g>
  );
}

/** One small swatch for the legend, drawn with the timeline's own classes. */
export function Swatch({
  kind,
}: {
  kind: 'duty' | 'gap' | 'absence' | 'absenceCovered' | 'missed' | 'abandoned';
}) {
  return (
    <svg class="tl-swatch" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">
      {kind === 'duty' ? <rect x="1" y="2" width="26" height="12" class="tl-duty" /> : null}
      {kind === 'gap' ? <rect x="1" y="2" width="26" height="12" class="tl-gap" /> : null}
      {kind === 'absence' ? <rect x="1" y="4" width="26" height="8" class="tl-absence" /> : null}
      {kind === 'absenceCovered' ? (
        <rect x="1" y="4" width="26" height="8" class="tl-absence-covered" />
      ) : null}
      {kind === 'missed' ? <path d={triangle(8, 3)} class="tl-missed" /> : null}
      {kind === 'abandoned' ? <circle cx="14" cy="8" r="6" class="tl-abandoned" /> : null}
    </svg>
  );
}
