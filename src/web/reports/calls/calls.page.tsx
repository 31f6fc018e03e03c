import { CALL_OUTCOMES, type CallOutcome } from '../../../calls/calls.models';
import type { CallLogRow } from '../../../calls/calls.usecases';
import { CaseLink, EmptyRow, StackTable, Time } from '../../components';
import { showDateTime } from '../../format';
import { Layout } from '../../layout/layout';
import type { PageContext } from '../../web.context';
import { type ReportWindow, WindowForm, WindowSpan } from '../report-window';
import { callMessages } from './calls.i18n';

export interface CallsPageView {
  window: ReportWindow<Date | null>;
  outcome: CallOutcome | null;
  problem: string | null;
  calls: CallLogRow[] | null;
  /** Links to the next (older) page and back to the first, when there are such pages. */
  olderHref: string | null;
  newestHref: string | null;
}

const OUTCOME_TONE: Record<CallOutcome, string> = {
  connected: 'ok',
  message: 'info',
  status: 'muted',
  abandoned: 'warn',
};

/** /console/calls: the call log with outcomes, whom the hunt rang, and the case each call made. */
export function CallsPage({ context, view }: { context: PageContext; view: CallsPageView }) {
  const t = callMessages(context.language);
  const headers = [
    t('started'),
    t('caller'),
    t('duration'),
    t('outcome'),
    t('rang'),
    t('acceptedBy'),
    t('case'),
  ];
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.problem ? { kind: 'error', text: view.problem } : null}
    >
      <div class="report calls">
        <WindowForm context={context} action="/console/calls" window={view.window} openEnd>
          <div class="field">
            <label for="calls-outcome">{t('outcome')}</label>
            <select id="calls-outcome" name="outcome">
              <option value="" selected={view.outcome === null}>
                {t('allOutcomes')}
              </option>
              {CALL_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome} selected={view.outcome === outcome}>
                  {t(`outcome.${outcome}`)}
                </option>
              ))}
            </select>
          </div>
        </WindowForm>
        {view.calls ? (
          <>
            <WindowSpan context={context} from={view.window.from} to={view.window.to} />
            <h2 id="log">{t('log')}</h2>
            <StackTable caption={t('log')} headers={headers}>
              {view.calls.length === 0 ? (
                <EmptyRow columns={headers.length} text={t('noCalls')} />
              ) : (
                view.calls.map((call) => <CallRow key={call.callSid} context={context} call={call} />)
              )}
            </StackTable>
            {view.olderHref || view.newestHref ? (
              <nav aria-label={t('paging')} class="paging">
                {view.newestHref ? <a href={view.newestHref}>{t('newest')}</a> : null}
                {view.olderHref ? <a href={view.olderHref}>{t('older')} →</a> : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </div>
    </Layout>
  );
}

function CallRow({ context, call }: { context: PageContext; call: CallLogRow }) {
  const t = callMessages(context.language);
  const duration =
    call.durationSeconds === null
      ? null
      : call.durationSeconds >= 60
        ? t('minutes', { minutes: Math.floor(call.durationSeconds / 60), seconds: call.durationSeconds % 60 })
        : t('seconds', { seconds: call.durationSeconds });
  return (
    <tr>
      <td data-label={t('started')}>
        <Time context={context} value={call.startedAt} />
      </td>
      <td data-label={t('caller')}>
        <span class="nowrap">{call.from}</span>
      </td>
      <td data-label={t('duration')}>{duration ?? <span class="muted">–</span>}</td>
      <td data-label={t('outcome')}>
        <span class={`badge badge-${call.outcome ? OUTCOME_TONE[call.outcome] : 'muted'}`}>
          {t(`outcome.${call.outcome ?? 'none'}`)}
        </span>
        {call.missed ? (
          <>
            {' '}
            <span class="badge badge-bad" title={t('missedHint')}>
              {t('missed')}
            </span>
          </>
        ) : null}
      </td>
      <td data-label={t('rang')}>
        {call.dialed.length === 0 ? (
          <span class="muted">{t('nobodyRang')}</span>
        ) : (
          <ol class="attempts">
            {call.dialed.map((attempt) => (
              <li key={attempt.attempt}>
                {t('attempt', {
                  name: attempt.staff?.name ?? '–',
                  position: context.t(`position.${attempt.position}`),
                  result: t(`result.${attempt.result ?? 'ringing'}`),
                })}
              </li>
            ))}
          </ol>
        )}
      </td>
      <td data-label={t('acceptedBy')}>
        {call.acceptedBy ? (
          <>
            {call.acceptedBy.name}{' '}
            {call.acceptedAt ? (
              <span class="muted">
                {t('acceptedAt', { time: showDateTime(call.acceptedAt, context.zone, context.language) })}
              </span>
            ) : null}
          </>
        ) : (
          <span class="muted">{t('notAccepted')}</span>
        )}
      </td>
      <td data-label={t('case')}>
        {call.caseRef ? <CaseLink reference={call.caseRef} /> : null}
        {call.callbackCaseRef ? (
          <span class="nowrap">
            {call.caseRef ? ' ' : null}
            {t('callback')} <CaseLink reference={call.callbackCaseRef} />
          </span>
        ) : null}
        {!call.caseRef && !call.callbackCaseRef ? <span class="muted">–</span> : null}
      </td>
    </tr>
  );
}
