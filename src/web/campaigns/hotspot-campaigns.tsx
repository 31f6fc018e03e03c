import type { HotspotCampaign } from '../../reports/hotspots/hotspots.usecases';
import { EmptyRow, StackTable } from '../components';
import { showDateTime } from '../format';
import type { PageContext } from '../web.context';
import { campaignsMessages } from './campaigns.i18n';

/** The hotspot report's campaigns: those overlapping its window, each linked to its page. */
export function HotspotCampaigns({
  context,
  campaigns,
}: {
  context: PageContext;
  campaigns: HotspotCampaign[];
}) {
  const t = campaignsMessages(context.language);
  const when = (at: string) => showDateTime(at, context.zone, context.language);
  return (
    <section aria-labelledby="campaigns-in-window">
      <h2 id="campaigns-in-window">{t('inReport')}</h2>
      <p class="hint">{t('inReportHint')}</p>
      <StackTable
        caption={t('inReport')}
        headers={[t('name'), t('places'), t('window'), t('status'), t('period.during')]}
      >
        {campaigns.length === 0 ? <EmptyRow columns={5} text={t('noneInReport')} /> : null}
        {campaigns.map((campaign) => (
          <tr key={campaign.id}>
            <td data-label={t('name')}>
              <a href={`/console/campaigns/${campaign.id}`}>{campaign.name}</a>
            </td>
            <td data-label={t('places')}>
              {campaign.places.map((place) => place.name[context.language]).join('、')}
            </td>
            <td data-label={t('window')}>
              {when(campaign.from)} – {when(campaign.to)}
            </td>
            <td data-label={t('status')}>{t(`status.${campaign.status}`)}</td>
            <td data-label={t('period.during')} class="num">
              {campaign.during}
            </td>
          </tr>
        ))}
      </StackTable>
    </section>
  );
}
