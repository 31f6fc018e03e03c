import type { PeriodFigure } from '../../campaigns/campaigns.models';
import type { CampaignDetail } from '../../campaigns/campaigns.usecases';
import type { Categories } from '../../content/categories';
import type { Places } from '../../content/places';
import type { Staff } from '../../staff/staff.models';
import { CaseLink, CompactTable, EmptyRow, StackTable, StatusBadge, Time } from '../components';
import { showDateTime } from '../format';
import { FormToken, Layout } from '../layout/layout';
import { BarChart } from '../reports/bar-chart';
import { Figure } from '../reports/figure';
import type { PageContext } from '../web.context';
import { campaignsMessages } from './campaigns.i18n';

export interface CampaignView {
  detail: CampaignDetail;
  owner: Staff | null;
  places: Pick<Places, 'name'>;
  categories: Pick<Categories, 'get'>;
  notice: { kind: 'done' | 'error'; text: string } | null;
}

const PERIODS = ['before', 'during', 'after'] as const;

/** /console/campaigns/:id: the figures before, during and after, the cases linked, and its forms. */
export function CampaignPage({ context, view }: { context: PageContext; view: CampaignView }) {
  const t = campaignsMessages(context.language);
  const { campaign, figures, cases } = view.detail;
  const placeName = (id: string | null) =>
    id === null ? t('noPlace') : (view.places.name(id, context.language) ?? id);
  const categoryName = (id: string) => view.categories.get(id)?.name[context.language] ?? id;
  const when = (at: string) => showDateTime(at, context.zone, context.language);
  const action = (name: string) => `/console/campaigns/${campaign.id}/${name}`;
  const isOpen = campaign.status === 'open';
  return (
    <Layout context={context} title={campaign.name} notice={view.notice}>
      <div class="campaigns campaign-page">
        <dl class="card">
          <dt>{t('places')}</dt>
          <dd>{campaign.places.map(placeName).join('、')}</dd>
          <dt>{t('categories')}</dt>
          <dd>{campaign.categories.map(categoryName).join('、')}</dd>
          <dt>{t('window')}</dt>
          <dd>
            {when(campaign.from)} – {when(campaign.to)}
          </dd>
          <dt>{t('owner')}</dt>
          <dd>{view.owner?.name ?? campaign.ownerId}</dd>
          <dt>{t('status')}</dt>
          <dd>
            {t(`status.${campaign.status}`)}
            {campaign.closedAt ? ` · ${t('closedAt', { at: when(campaign.closedAt) })}` : null}
          </dd>
        </dl>
        {campaign.result !== null ? (
          <section aria-labelledby="result" class="card">
            <h2 id="result">{t('result')}</h2>
            <p>{campaign.result}</p>
          </section>
        ) : null}

        <section aria-labelledby="figures">
          <h2 id="figures">{t('figures')}</h2>
          <p class="hint">{t('figuresHint')}</p>
          <div class="cards">
            {PERIODS.map((key) => (
              <Figure
                key={key}
                value={figures[key].count}
                label={t(`period.${key}`)}
                hint={periodHint(figures[key], when, t)}
              />
            ))}
            <Figure value={figures.linked} label={t('linked')} />
            <Figure value={figures.open} label={t('open')} tone={figures.open > 0 ? 'bad' : undefined} />
          </div>
          <BarChart
            id="campaign-chart"
            title={t('chartTitle')}
            summary={t('chartSummary', {
              before: figures.before.count,
              during: figures.during.count,
              after: figures.after.count,
            })}
            bars={PERIODS.map((key) => ({ key, label: t(`period.${key}`), value: figures[key].count }))}
          />
          <h3 id="by-place">{t('byPlace')}</h3>
          <CompactTable
            caption={t('byPlace')}
            headers={[t('place'), t('period.before'), t('period.during'), t('period.after'), t('open')]}
          >
            {figures.byPlace.map((row) => (
              <tr key={row.placeId}>
                <th scope="row">{placeName(row.placeId)}</th>
                <td>{row.before}</td>
                <td>{row.during}</td>
                <td>{row.after}</td>
                <td>{row.open}</td>
              </tr>
            ))}
          </CompactTable>
        </section>

        <section aria-labelledby="cases">
          <h2 id="cases">{t('cases')}</h2>
          {cases.length < figures.linked ? (
            <p class="hint">{t('casesShown', { shown: cases.length, total: figures.linked })}</p>
          ) : null}
          <StackTable
            caption={t('cases')}
            headers={[
              t('reference'),
              t('received'),
              t('category'),
              t('place'),
              t('status'),
              t('linkedBy'),
              '',
            ]}
          >
            {cases.length === 0 ? <EmptyRow columns={7} text={t('noCases')} /> : null}
            {cases.map((linked) => (
              <tr key={linked.ref}>
                <td data-label={t('reference')}>
                  <CaseLink reference={linked.ref} />
                </td>
                <td data-label={t('received')}>
                  <Time context={context} value={linked.createdAt} />
                </td>
                <td data-label={t('category')}>{categoryName(linked.category)}</td>
                <td data-label={t('place')}>
                  {linked.placeId ? placeName(linked.placeId) : (linked.place ?? placeName(null))}
                </td>
                <td data-label={t('status')}>
                  <StatusBadge context={context} status={linked.status} />
                </td>
                <td data-label={t('linkedBy')}>{t(`linkedBy.${linked.linkedBy}`)}</td>
                <td>
                  {isOpen ? (
                    <form method="post" action={action(`cases/${linked.ref}/unlink`)} class="inline">
                      <FormToken context={context} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t('unlinkLabel', { ref: linked.ref })}
                      >
                        {t('unlink')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </StackTable>
        </section>

        {isOpen ? (
          <>
            <section aria-labelledby="link-case" class="card">
              <h2 id="link-case">{t('linkTitle')}</h2>
              <p class="hint">{t('linkHint')}</p>
              <form method="post" action={action('cases')}>
                <FormToken context={context} />
                <label for="link-ref">{t('ref')}</label>
                <input id="link-ref" name="ref" type="text" inputMode="numeric" required pattern="\d{8}" />
                <p>
                  <button type="submit">{t('link')}</button>
                </p>
              </form>
            </section>
            <section aria-labelledby="close-campaign" class="card">
              <h2 id="close-campaign">{t('closeTitle')}</h2>
              <form method="post" action={action('close')}>
                <FormToken context={context} />
                <label for="campaign-result">{t('resultLabel')}</label>
                <textarea
                  id="campaign-result"
                  name="result"
                  required
                  maxLength={2000}
                  aria-describedby="campaign-result-hint"
                />
                <p class="hint" id="campaign-result-hint">
                  {t('resultHint')}
                </p>
                <p>
                  <button type="submit">{t('close')}</button>
                </p>
              </form>
            </section>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

function periodHint(
  period: PeriodFigure,
  when: (at: string) => string,
  t: ReturnType<typeof campaignsMessages>,
): string {
  const span = `${when(period.from)} – ${when(period.to)}`;
  return period.partial ? `${span}, ${t('partial', { at: when(period.countedTo) })}` : span;
}
