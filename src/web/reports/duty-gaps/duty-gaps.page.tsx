import type { CaseStatus } from '../../../cases/cases.models';
import type { Priority } from '../../../content/categories';
import type { BoundedDutyGapReport } from '../../../reports/duty-gaps.usecases';
import type { LabelledShift } from '../../../roster/roster.shifts-query';
import {
  CaseLink,
  CompactTable,
  EmptyRow,
  PriorityBadge,
  StackTable,
  StatusBadge,
  Time,
} from '../../components';
import { Layout } from '../../layout/layout';
import type { PageContext } from '../../web.context';
import { Figure } from '../figure';
import { type ReportWindow, WindowForm, WindowSpan, windowQuery } from '../report-window';
import { dutyGapMessages } from './duty-gaps.i18n';
import { DutyTimeline, Swatch } from './duty-gaps.timeline';

/**
 * Case lists on the page stop here (the report's own lists may run to a thousand on a bad month):
 * a person reads the first ones; the CSV has them all.
 */
export const PAGE_ROWS = 100;

export interface DutyGapsView {
  window: ReportWindow;
  /** The window refused or unreadable: the page shows the form and this, and no report. */
  problem: string | null;
  report: BoundedDutyGapReport | null;
  shifts: readonly LabelledShift[];
  now: Date;
}

/** /console/duty-gaps: the duty-gap report of SPEC §9 as a timeline and tables, printable. */
export function DutyGapsPage({ context, view }: { context: PageContext; view: DutyGapsView }) {
  const t = dutyGapMessages(context.language);
  const { report, window } = view;
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.problem ? { kind: 'error', text: view.problem } : null}
    >
      <div class="report duty-gaps">
        <div class="report-tools">
          <WindowForm context={context} action="/console/duty-gaps" window={window} />
          {report ? (
            <p class="no-print report-links">
              <a href={`/console/duty-gaps.csv?${windowQuery(window)}`} download>
                {t('csv')}
              </a>
              <span class="hint">{t('printHint')}</span>
            </p>
          ) : null}
        </div>
        {report ? <Report context={context} view={view} report={report} /> : null}
      </div>
    </Layout>
  );
}

function Report({
  context,
  view,
  report,
}: {
  context: PageContext;
  view: DutyGapsView;
  report: BoundedDutyGapReport;
}) {
  const t = dutyGapMessages(context.language);
  const name = (staff: { name: string } | null) => staff?.name ?? context.t('nobody');
  const reason = (value: string) => t(`reason.${value}` as 'reason.other');
  const missed = report.slots.reduce((sum, slot) => sum + slot.calls.missed, 0);
  const abandoned = report.slots.reduce((sum, slot) => sum + slot.calls.abandoned, 0);
  const uncovered = report.absences.filter((absence) => !absence.covered).length;
  const from = new Date(report.from);
  const to = new Date(report.to);
  // Every empty stretch in one table: the primary's gaps with their causes, then the backup's.
  const gaps = [
    ...report.gaps.map((gap) => ({
      position: gap.position,
      from: gap.from,
      to: gap.to,
      cause: t(`cause.${gap.cause}`, { name: gap.staff?.name ?? '' }),
      who: gap.staff,
    })),
    ...report.noBackup.map((stretch) => ({
      position: 'backup' as const,
      from: stretch.from,
      to: stretch.to,
      cause: t('cause.no_backup'),
      who: null,
    })),
  ].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));

  return (
    <>
      <WindowSpan context={context} from={from} to={to} />
      <section aria-labelledby="figures" class="cards">
        <h2 id="figures" class="visually-hidden">
          {t('coverage')}
        </h2>
        <Figure
          value={report.coverage.percent === null ? t('notMeasured') : `${report.coverage.percent}%`}
          measured={report.coverage.percent !== null}
          label={t('coverage')}
          hint={t('coverageHint')}
        />
        <Figure
          value={report.gaps.length}
          label={t('gapCount')}
          tone={report.gaps.length > 0 ? 'bad' : undefined}
        />
        <Figure value={uncovered} label={t('uncovered')} tone={uncovered > 0 ? 'bad' : undefined} />
        <Figure value={missed} label={t('missedCalls')} />
        <Figure value={abandoned} label={t('abandonedCalls')} />
        <Figure
          value={report.balance ?? t('notMeasured')}
          measured={report.balance !== null}
          label={t('balance')}
          hint={t('balanceHint')}
        />
      </section>

      <section aria-labelledby="timeline" class="print-page">
        <h2 id="timeline">{t('timeline')}</h2>
        <p class="hint no-print">{t('timelineHint')}</p>
        <DutyTimeline context={context} input={{ from, to, now: view.now, shifts: view.shifts, report }} />
        <ul class="legend" aria-label={t('legend')}>
          {(['duty', 'gap', 'absence', 'absenceCovered', 'missed', 'abandoned'] as const).map((kind) => (
            <li key={kind}>
              <Swatch kind={kind} /> {t(`legend.${kind}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="gaps">
        <h2 id="gaps">{t('gaps')}</h2>
        <StackTable caption={t('gaps')} headers={[t('position'), t('from'), t('to'), t('cause'), t('who')]}>
          {gaps.length === 0 ? (
            <EmptyRow columns={5} text={t('noGaps')} />
          ) : (
            gaps.map((gap) => (
              <tr key={`${gap.position}-${gap.from}`}>
                <td data-label={t('position')}>{context.t(`position.${gap.position}`)}</td>
                <td data-label={t('from')}>
                  <Time context={context} value={gap.from} />
                </td>
                <td data-label={t('to')}>
                  <Time context={context} value={gap.to} />
                </td>
                <td data-label={t('cause')}>
                  <span class="badge badge-bad">{gap.cause}</span>
                </td>
                <td data-label={t('who')}>{gap.who ? gap.who.name : <span class="muted">–</span>}</td>
              </tr>
            ))
          )}
        </StackTable>
      </section>

      <section aria-labelledby="absences">
        <h2 id="absences">{t('absences')}</h2>
        <StackTable
          caption={t('absences')}
          headers={[t('who'), t('position'), t('from'), t('to'), t('reason'), t('cover')]}
        >
          {report.absences.length === 0 ? (
            <EmptyRow columns={6} text={t('noAbsences')} />
          ) : (
            report.absences.map((absence) => (
              <tr key={absence.overrideId}>
                <td data-label={t('who')}>{name(absence.staff)}</td>
                <td data-label={t('position')}>{context.t(`position.${absence.position}`)}</td>
                <td data-label={t('from')}>
                  <Time context={context} value={absence.from} />
                </td>
                <td data-label={t('to')}>
                  <Time context={context} value={absence.to} />
                </td>
                <td data-label={t('reason')}>{reason(absence.reason)}</td>
                <td data-label={t('cover')}>
                  {absence.covered ? (
                    <span class="badge badge-ok">
                      {absence.covers.length > 0
                        ? t('cell.coveredBy', { name: absence.covers.map(name).join(', ') })
                        : t('cell.noGap')}
                    </span>
                  ) : (
                    <span class="badge badge-bad">{t('cell.notCovered')}</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </StackTable>
      </section>

      <section aria-labelledby="slots" class="slots">
        <h2 id="slots">{t('slots')}</h2>
        <StackTable
          caption={t('slots')}
          headers={[
            t('position'),
            t('staff'),
            t('from'),
            t('to'),
            t('offered'),
            t('connected'),
            t('message'),
            t('missed'),
            t('abandoned'),
            t('callbacksDue'),
            t('callbacksDone'),
          ]}
        >
          {report.slots.length === 0 ? (
            <EmptyRow columns={11} text={t('noSlots')} />
          ) : (
            report.slots.map((slot) => (
              <tr key={slot.from}>
                <td data-label={t('position')}>{context.t(`position.${slot.position}`)}</td>
                <td data-label={t('staff')}>
                  {slot.staff ? slot.staff.name : <span class="badge badge-bad">{context.t('nobody')}</span>}
                </td>
                <td data-label={t('from')}>
                  <Time context={context} value={slot.from} />
                </td>
                <td data-label={t('to')}>
                  <Time context={context} value={slot.to} />
                </td>
                <td data-label={t('offered')} class="num">
                  {slot.calls.offered}
                </td>
                <td data-label={t('connected')} class="num">
                  {slot.calls.connected}
                </td>
                <td data-label={t('message')} class="num">
                  {slot.calls.message}
                </td>
                <td data-label={t('missed')} class={slot.calls.missed > 0 ? 'num bad' : 'num'}>
                  {slot.calls.missed}
                </td>
                <td data-label={t('abandoned')} class={slot.calls.abandoned > 0 ? 'num warn' : 'num'}>
                  {slot.calls.abandoned}
                </td>
                <td data-label={t('callbacksDue')} class="num">
                  {slot.callbacks.due}
                </td>
                <td data-label={t('callbacksDone')} class="num">
                  {slot.callbacks.done}
                </td>
              </tr>
            ))
          )}
        </StackTable>
      </section>

      <section aria-labelledby="cases">
        <h2 id="cases">{t('cases')}</h2>
        <StackTable
          caption={t('cases')}
          headers={[t('reference'), t('missing'), t('deadline'), t('status'), t('assignee')]}
        >
          {report.cases.length === 0 ? (
            <EmptyRow columns={5} text={t('noCases')} />
          ) : (
            report.cases.slice(0, PAGE_ROWS).map((item) => (
              <tr key={item.ref}>
                <td data-label={t('reference')}>
                  <CaseLink reference={item.ref} />
                </td>
                <td data-label={t('missing')}>
                  {item.missing.map((have) => t(`have.${have}`)).join(t('listSeparator'))}
                </td>
                <td data-label={t('deadline')}>
                  <Time context={context} value={item.dueAt} />
                </td>
                <td data-label={t('status')}>
                  <StatusBadge context={context} status={item.status as CaseStatus} />
                </td>
                <td data-label={t('assignee')}>
                  {item.assignee ? item.assignee.name : <span class="muted">–</span>}
                </td>
              </tr>
            ))
          )}
        </StackTable>
        <ListNote
          context={context}
          shown={report.cases.length}
          truncated={report.truncated.cases}
          limit={report.listLimit}
        />
      </section>

      <section aria-labelledby="petitions">
        <h2 id="petitions">{t('petitions')}</h2>
        <p class="hint">{t('petitionsHint')}</p>
        <StackTable
          caption={t('petitions')}
          headers={[
            t('reference'),
            t('missing'),
            t('headcount'),
            t('representatives'),
            t('visitDate'),
            t('mergedCases'),
            t('assignee'),
          ]}
        >
          {report.petitions.length === 0 ? (
            <EmptyRow columns={7} text={t('noPetitions')} />
          ) : (
            report.petitions.slice(0, PAGE_ROWS).map((item) => (
              <tr key={item.ref}>
                <td data-label={t('reference')}>
                  <CaseLink reference={item.ref} />
                </td>
                <td data-label={t('missing')}>
                  {item.missing.map((have) => t(`have.${have}`)).join(t('listSeparator'))}
                </td>
                <td data-label={t('headcount')} class="num">
                  {item.headcount}
                </td>
                <td data-label={t('representatives')} class="num">
                  {item.representatives}
                </td>
                <td data-label={t('visitDate')}>{item.visitDate ?? <span class="muted">–</span>}</td>
                <td data-label={t('mergedCases')}>
                  {item.mergedCases.length === 0 ? (
                    <span class="muted">–</span>
                  ) : (
                    item.mergedCases.map((ref, i) => (
                      <span key={ref}>
                        {i > 0 ? t('listSeparator') : null}
                        <CaseLink reference={ref} />
                      </span>
                    ))
                  )}
                </td>
                <td data-label={t('assignee')}>
                  {item.assignee ? item.assignee.name : <span class="muted">–</span>}
                </td>
              </tr>
            ))
          )}
        </StackTable>
        <ListNote
          context={context}
          shown={report.petitions.length}
          truncated={report.truncated.petitions}
          limit={report.listLimit}
        />
      </section>

      <section aria-labelledby="sign-off">
        <h2 id="sign-off">{t('signOff')}</h2>
        <StackTable
          caption={t('signOff')}
          headers={[t('reference'), t('priority'), t('resolvedAt'), t('assignee')]}
        >
          {report.awaitingSignOff.length === 0 ? (
            <EmptyRow columns={4} text={t('noSignOff')} />
          ) : (
            report.awaitingSignOff.slice(0, PAGE_ROWS).map((item) => (
              <tr key={item.ref}>
                <td data-label={t('reference')}>
                  <CaseLink reference={item.ref} />
                </td>
                <td data-label={t('priority')}>
                  <PriorityBadge context={context} priority={item.priority as Priority} />
                </td>
                <td data-label={t('resolvedAt')}>
                  <Time context={context} value={item.resolvedAt} />
                </td>
                <td data-label={t('assignee')}>
                  {item.assignee ? item.assignee.name : <span class="muted">–</span>}
                </td>
              </tr>
            ))
          )}
        </StackTable>
        <ListNote
          context={context}
          shown={report.awaitingSignOff.length}
          truncated={report.truncated.awaitingSignOff}
          limit={report.listLimit}
        />
      </section>

      <section aria-labelledby="hours">
        <h2 id="hours">{t('hours')}</h2>
        <CompactTable caption={t('hours')} headers={[t('person'), t('hoursColumn')]}>
          {report.hours.length === 0 ? (
            <EmptyRow columns={2} text={t('noHours')} />
          ) : (
            report.hours.map((entry) => (
              <tr key={entry.staff?.id}>
                <td>{name(entry.staff)}</td>
                <td class="num">{entry.hours}</td>
              </tr>
            ))
          )}
        </CompactTable>
        {report.balance !== null ? <p>{t('balanceLine', { balance: report.balance })}</p> : null}
      </section>
    </>
  );
}

/** Says when a list shows fewer rows than the report holds, or the report itself stopped early. */
function ListNote({
  context,
  shown,
  truncated,
  limit,
}: {
  context: PageContext;
  shown: number;
  truncated: boolean;
  limit: number;
}) {
  const t = dutyGapMessages(context.language);
  if (shown <= PAGE_ROWS && !truncated) return null;
  return (
    <p class="hint">
      {shown > PAGE_ROWS ? t('firstRows', { rows: PAGE_ROWS, total: shown }) : null}{' '}
      {truncated ? t('truncated', { limit }) : null}
    </p>
  );
}
