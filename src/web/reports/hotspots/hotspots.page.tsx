import type { HotspotReport, PlaceLabel, Trend } from '../../../reports/hotspots/hotspots.models';
import type { HotspotReportWithCampaigns } from '../../../reports/hotspots/hotspots.usecases';
import { HotspotCampaigns } from '../../campaigns/hotspot-campaigns';
import { CaseLink, CompactTable, EmptyRow, StackTable, Time } from '../../components';
import { showDateTime } from '../../format';
import { Layout } from '../../layout/layout';
import type { PageContext } from '../../web.context';
import { Figure } from '../figure';
import { type ReportWindow, WindowForm, WindowSpan, windowQuery } from '../report-window';
import { type HotspotTranslate, hotspotMessages } from './hotspots.i18n';

export interface HotspotsView {
  window: ReportWindow<Date>;
  problem: string | null;
  report: HotspotReportWithCampaigns | null;
  /** A category's name in the reader's language (its id when categories.json no longer has it). */
  categoryName(id: string): string;
}

const TREND_TONE: Record<Trend, string> = { up: 'bad', new: 'warn', down: 'ok', flat: 'muted' };

const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0');

/** /console/reports/hotspots: SPEC §17's hotspot report as figures and tables, with its CSV. */
export function HotspotsPage({ context, view }: { context: PageContext; view: HotspotsView }) {
  const t = hotspotMessages(context.language);
  const { report, window } = view;
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.problem ? { kind: 'error', text: view.problem } : null}
    >
      <div class="report hotspots">
        <div class="report-tools">
          <WindowForm context={context} action="/console/reports/hotspots" window={window} />
          {report ? (
            <p class="no-print report-links">
              <a href={`/console/reports/hotspots.csv?${windowQuery(window)}`} download>
                {t('csv')}
              </a>
            </p>
          ) : null}
        </div>
        {report ? <Report context={context} view={view} report={report} /> : null}
        {report ? <HotspotCampaigns context={context} campaigns={report.campaigns} /> : null}
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
  view: HotspotsView;
  report: HotspotReport;
}) {
  const t = hotspotMessages(context.language);
  const placeName = (place: PlaceLabel | null) =>
    place ? place.name[context.language] : <span class="muted">{t('unknownPlace')}</span>;
  const total = report.hotspots.reduce((sum, row) => sum + row.count, 0);
  const previous = report.hotspots.reduce((sum, row) => sum + row.previousCount, 0);
  const open = report.openByPlace.reduce((sum, row) => sum + row.count, 0);
  const show = (value: string) => showDateTime(value, context.zone, context.language);
  return (
    <>
      <WindowSpan context={context} from={new Date(report.window.from)} to={new Date(report.window.to)} />
      <section aria-labelledby="figures" class="cards">
        <h2 id="figures" class="visually-hidden">
          {t('figures')}
        </h2>
        <Figure value={total} label={t('complaints')} hint={t('complaintsHint')} />
        <Figure
          value={previous}
          label={t('previous')}
          hint={t('previousHint', {
            from: show(report.previousWindow.from),
            to: show(report.previousWindow.to),
          })}
        />
        <Figure
          value={report.repeats.length}
          label={t('repeatCount')}
          hint={t('repeatHint')}
          tone={report.repeats.length > 0 ? 'bad' : undefined}
        />
        <Figure value={open} label={t('openCount')} hint={t('openHint')} />
      </section>

      <section aria-labelledby="hotspots">
        <h2 id="hotspots">{t('hotspots')}</h2>
        <p class="hint">{t('hotspotsHint')}</p>
        <StackTable
          caption={t('hotspots')}
          headers={[
            t('place'),
            t('category'),
            t('count'),
            t('previousCount'),
            t('change'),
            t('trend'),
            t('repeat'),
          ]}
        >
          {report.hotspots.length === 0 ? (
            <EmptyRow columns={7} text={t('noHotspots')} />
          ) : (
            report.hotspots.map((row) => (
              <tr key={`${row.place?.id ?? ''}-${row.category}`}>
                <td data-label={t('place')}>{placeName(row.place)}</td>
                <td data-label={t('category')}>{view.categoryName(row.category)}</td>
                <td data-label={t('count')} class="num">
                  {row.count}
                </td>
                <td data-label={t('previousCount')} class="num">
                  {row.previousCount}
                </td>
                <td data-label={t('change')} class="num">
                  {signed(row.change)}
                </td>
                <td data-label={t('trend')}>
                  <TrendBadge t={t} trend={row.trend} />
                </td>
                <td data-label={t('repeat')}>
                  {row.repeat ? (
                    <span class="badge badge-bad">{t('repeatYes')}</span>
                  ) : (
                    <span class="muted">–</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </StackTable>
      </section>

      <section aria-labelledby="repeats">
        <h2 id="repeats">{t('repeats')}</h2>
        <p class="hint">{t('repeatsHint')}</p>
        <StackTable
          caption={t('repeats')}
          headers={[t('place'), t('category'), t('inThirtyDays'), t('firstLast'), t('cases')]}
        >
          {report.repeats.length === 0 ? (
            <EmptyRow columns={5} text={t('noRepeats')} />
          ) : (
            report.repeats.map((repeat) => (
              <tr key={`${repeat.place.id}-${repeat.category}`}>
                <td data-label={t('place')}>{placeName(repeat.place)}</td>
                <td data-label={t('category')}>{view.categoryName(repeat.category)}</td>
                <td data-label={t('inThirtyDays')} class="num">
                  {repeat.count}
                </td>
                <td data-label={t('firstLast')}>
                  <Time context={context} value={repeat.from} /> –{' '}
                  <Time context={context} value={repeat.to} />
                </td>
                <td data-label={t('cases')}>
                  {repeat.refs.map((ref, index) => (
                    <span key={ref}>
                      {index > 0 ? ', ' : ''}
                      <CaseLink reference={ref} />
                    </span>
                  ))}
                </td>
              </tr>
            ))
          )}
        </StackTable>
      </section>

      <section aria-labelledby="open-by-place">
        <h2 id="open-by-place">{t('openByPlace')}</h2>
        <p class="hint">{t('openByPlaceHint')}</p>
        <CompactTable caption={t('openByPlace')} headers={[t('place'), t('open')]}>
          {report.openByPlace.length === 0 ? (
            <EmptyRow columns={2} text={t('noOpen')} />
          ) : (
            report.openByPlace.map((row) => (
              <tr key={row.place?.id ?? ''}>
                <td>{placeName(row.place)}</td>
                <td class="num">{row.count}</td>
              </tr>
            ))
          )}
        </CompactTable>
      </section>
    </>
  );
}

function TrendBadge({ t, trend }: { t: HotspotTranslate; trend: Trend }) {
  return <span class={`badge badge-${TREND_TONE[trend]}`}>{t(`trend.${trend}`)}</span>;
}
