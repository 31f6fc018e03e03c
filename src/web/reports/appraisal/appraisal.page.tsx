import type { StaffAppraisal } from '../../../reports/appraisal/appraisal.models';
import type { StaffAppraisalReport } from '../../../reports/appraisal/appraisal.usecases';
import { EmptyRow, StackTable } from '../../components';
import { Layout } from '../../layout/layout';
import type { PageContext } from '../../web.context';
import { Figure } from '../figure';
import { percentOf } from '../kpis/kpis.page';
import { type ReportWindow, WindowForm, WindowSpan, windowQuery } from '../report-window';
import { type AppraisalTranslate, appraisalMessages } from './appraisal.i18n';

export interface StaffAppraisalView {
  window: ReportWindow<Date>;
  problem: string | null;
  report: StaffAppraisalReport | null;
}

const rate = (t: AppraisalTranslate, value: number | null) =>
  value === null ? t('notMeasured') : percentOf(value);

function acknowledgeTime(t: AppraisalTranslate, seconds: number | null) {
  if (seconds === null) return t('notMeasured');
  return seconds >= 3600
    ? t('hours', { hours: (seconds / 3600).toFixed(1) })
    : t('minutes', { minutes: Math.round(seconds / 60) });
}

/** The table's columns: a heading and how each officer's cell reads. */
function columns(t: AppraisalTranslate): [string, (row: StaffAppraisal) => string | number][] {
  return [
    [t('casesAssigned'), (row) => row.casesAssigned],
    [t('casesResolved'), (row) => row.casesResolved],
    [t('medianAcknowledge'), (row) => acknowledgeTime(t, row.medianAcknowledgeSeconds)],
    [t('onTimeRate'), (row) => rate(t, row.onTimeRate)],
    [t('feedbackRate'), (row) => rate(t, row.feedbackRate)],
    [t('satisfactionRate'), (row) => rate(t, row.satisfactionRate)],
    [t('reopenRate'), (row) => rate(t, row.reopenRate)],
    [t('missedCalls'), (row) => row.missedCalls],
    [t('abandonedCalls'), (row) => row.abandonedCalls],
    [t('callbacksDone'), (row) => row.callbacksDone],
    [t('dutyHours'), (row) => row.dutyHours],
    [t('sickHours'), (row) => row.sickHours],
    [t('leaveHours'), (row) => row.leaveHours],
  ];
}

/** /console/reports/staff: SPEC §18's appraisal, one row per officer, with its CSV. */
export function StaffAppraisalPage({ context, view }: { context: PageContext; view: StaffAppraisalView }) {
  const t = appraisalMessages(context.language);
  const { report, window } = view;
  const cells = columns(t);
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.problem ? { kind: 'error', text: view.problem } : null}
    >
      <div class="report appraisal">
        <div class="report-tools">
          <WindowForm context={context} action="/console/reports/staff" window={window} />
          {report ? (
            <p class="no-print report-links">
              <a href={`/console/reports/staff.csv?${windowQuery(window)}`} download>
                {t('csv')}
              </a>
            </p>
          ) : null}
        </div>
        {report ? (
          <>
            <WindowSpan context={context} from={window.from} to={window.to} />
            <p class="hint">{t('intro')}</p>
            <section aria-labelledby="officers">
              <h2 id="officers">{t('officers')}</h2>
              <StackTable caption={t('officers')} headers={[t('name'), ...cells.map(([header]) => header)]}>
                {report.staff.length === 0 ? (
                  <EmptyRow columns={cells.length + 1} text={t('noOfficers')} />
                ) : (
                  report.staff.map((row) => (
                    <tr key={row.staffId}>
                      <th scope="row" data-label={t('name')}>
                        {row.name}
                        {row.active ? null : <span class="muted"> ({t('inactive')})</span>}
                      </th>
                      {cells.map(([header, cell]) => (
                        <td key={header} data-label={header} class="num">
                          {cell(row)}
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </StackTable>
            </section>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

/** An officer's own row as a few figures, for /console/my. */
export function MyAppraisal({ context, row }: { context: PageContext; row: StaffAppraisal }) {
  const t = appraisalMessages(context.language);
  return (
    <section aria-labelledby="my-appraisal">
      <h2 id="my-appraisal">{t('myMonth')}</h2>
      <p class="hint">{t('myMonthHint')}</p>
      <div class="cards">
        <Figure value={row.casesAssigned} label={t('casesAssigned')} hint={t('hint.casesAssigned')} />
        <Figure value={row.casesResolved} label={t('casesResolved')} />
        <Figure
          measured={row.onTimeRate !== null}
          value={rate(t, row.onTimeRate)}
          label={t('onTimeRate')}
          hint={t('hint.onTimeRate')}
        />
        <Figure
          measured={row.feedbackRate !== null}
          value={rate(t, row.feedbackRate)}
          label={t('feedbackRate')}
          hint={t('hint.feedbackRate')}
        />
        <Figure
          measured={row.satisfactionRate !== null}
          value={rate(t, row.satisfactionRate)}
          label={t('satisfactionRate')}
          hint={t('hint.satisfactionRate')}
        />
        <Figure
          measured={row.medianAcknowledgeSeconds !== null}
          value={acknowledgeTime(t, row.medianAcknowledgeSeconds)}
          label={t('medianAcknowledge')}
        />
        <Figure
          value={row.missedCalls}
          label={t('myMissedCalls')}
          hint={t('hint.missedCalls')}
          tone={row.missedCalls > 0 ? 'bad' : undefined}
        />
        <Figure value={t('hours', { hours: row.dutyHours })} label={t('dutyHours')} />
      </div>
    </section>
  );
}
