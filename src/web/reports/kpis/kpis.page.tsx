import type { Kpis } from '../../../kpis/kpis.models';
import { CompactTable } from '../../components';
import { Layout } from '../../layout/layout';
import type { PageContext } from '../../web.context';
import { type Bar, BarChart } from '../bar-chart';
import { Figure } from '../figure';
import { type ReportWindow, WindowForm, WindowSpan } from '../report-window';
import { type KpiTranslate, kpiMessages } from './kpis.i18n';

export interface KpisView {
  window: ReportWindow<Date>;
  problem: string | null;
  kpis: Kpis | null;
  /** Volumes by key, already named in the reader's language. */
  channels: Bar[];
  categories: Bar[];
  places: Bar[];
}

const RATES = [
  'answerRate',
  'abandonmentRate',
  'onTimeCompletionRate',
  'feedbackRate',
  'satisfactionRate',
  'reopenRate',
  'fourHavesCompliance',
] as const;

export const percentOf = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** /console/kpis: every KPI of SPEC §9 with its definition, and the volumes as charts and tables. */
export function KpisPage({ context, view }: { context: PageContext; view: KpisView }) {
  const t = kpiMessages(context.language);
  const { kpis } = view;
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.problem ? { kind: 'error', text: view.problem } : null}
    >
      <div class="report kpis">
        <WindowForm context={context} action="/console/kpis" window={view.window} />
        {kpis ? (
          <>
            <WindowSpan context={context} from={view.window.from} to={view.window.to} />
            <section aria-labelledby="rates">
              <h2 id="rates">{t('rates')}</h2>
              <div class="cards kpi-cards">
                <Figure value={kpis.volumes.total} label={t('kpi.total')} hint={t('def.total')} />
                {RATES.slice(0, 2).map((key) => (
                  <Rate key={key} t={t} name={key} value={kpis[key]} />
                ))}
                <Figure
                  measured={kpis.averageSpeedOfAnswerSeconds !== null}
                  value={
                    kpis.averageSpeedOfAnswerSeconds === null
                      ? t('notMeasured')
                      : t('seconds', { seconds: kpis.averageSpeedOfAnswerSeconds.toFixed(1) })
                  }
                  label={t('kpi.averageSpeedOfAnswerSeconds')}
                  hint={t('def.averageSpeedOfAnswerSeconds')}
                />
                {RATES.slice(2).map((key) => (
                  <Rate key={key} t={t} name={key} value={kpis[key]} />
                ))}
              </div>
            </section>
            <section aria-labelledby="volumes">
              <h2 id="volumes">{t('volumes')}</h2>
              <Volume
                context={context}
                id="by-channel"
                title={t('byChannel')}
                head={t('channel')}
                bars={view.channels}
                total={kpis.volumes.total}
              />
              <Volume
                context={context}
                id="by-category"
                title={t('byCategory')}
                head={t('category')}
                bars={view.categories}
                total={kpis.volumes.total}
              />
              <Volume
                context={context}
                id="by-place"
                title={t('byPlace')}
                head={t('place')}
                bars={view.places}
                total={kpis.volumes.total}
              />
            </section>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

function Rate({ t, name, value }: { t: KpiTranslate; name: (typeof RATES)[number]; value: number | null }) {
  return (
    <Figure
      measured={value !== null}
      value={value === null ? t('notMeasured') : percentOf(value)}
      label={t(`kpi.${name}`)}
      hint={t(`def.${name}`)}
    />
  );
}

/** A chart and, beside it, the same numbers as a table: the chart's text alternative. */
function Volume({
  context,
  id,
  title,
  head,
  bars,
  total,
}: {
  context: PageContext;
  id: string;
  title: string;
  head: string;
  bars: Bar[];
  total: number;
}) {
  const t = kpiMessages(context.language);
  const summary = t('chartOf', {
    title,
    items: bars.map((bar) => t('chartItem', { label: bar.label, count: bar.value })).join(', '),
  });
  return (
    <div class="chart-pair">
      <h3 id={`${id}-heading`}>{title}</h3>
      {bars.length === 0 ? (
        <p class="muted">{t('noComplaints')}</p>
      ) : (
        <div class="chart-body">
          <BarChart id={id} title={title} summary={summary} bars={bars} />
          <CompactTable caption={title} headers={[head, t('count'), t('share')]}>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <td>{bar.label}</td>
                <td class="num">{bar.value}</td>
                <td class="num">{total === 0 ? '–' : percentOf(bar.value / total)}</td>
              </tr>
            ))}
          </CompactTable>
        </div>
      )}
    </div>
  );
}
