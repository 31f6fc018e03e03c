import type { Campaign, CampaignStatus } from '../../campaigns/campaigns.models';
import type { Categories } from '../../content/categories';
import type { Places } from '../../content/places';
import type { Staff } from '../../staff/staff.models';
import { EmptyRow, StackTable } from '../components';
import { showDateTime, toLocalInput } from '../format';
import { FormToken, Layout } from '../layout/layout';
import type { PageContext } from '../web.context';
import { campaignsMessages } from './campaigns.i18n';

export interface CampaignsListView {
  status: CampaignStatus | null;
  items: Campaign[];
  staff: Map<number, Staff>;
  activeStaff: Staff[];
  places: Pick<Places, 'list' | 'name'>;
  categories: Pick<Categories, 'list' | 'get'>;
  /** Where the create form's period starts and ends unless changed: today, for 30 days. */
  suggested: { from: Date; to: Date };
  notice: { kind: 'done' | 'error'; text: string } | null;
}

/** /console/campaigns: the campaigns, newest first, and the form that starts one. */
export function CampaignsListPage({ context, view }: { context: PageContext; view: CampaignsListView }) {
  const t = campaignsMessages(context.language);
  const placeName = (id: string) => view.places.name(id, context.language) ?? id;
  const categoryName = (id: string) => view.categories.get(id)?.name[context.language] ?? id;
  const when = (at: string) => showDateTime(at, context.zone, context.language);
  return (
    <Layout context={context} title={t('title')} notice={view.notice}>
      <div class="campaigns">
        <form method="get" action="/console/campaigns" class="filters">
          <label for="campaign-status">{t('filter')}</label>
          <select id="campaign-status" name="status">
            {(['', 'open', 'closed'] as const).map((value) => (
              <option key={value} value={value} selected={(view.status ?? '') === value}>
                {t(value === '' ? 'filter.all' : `filter.${value}`)}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('filter')}
          </button>
        </form>
        <h2 id="campaign-list">{t('campaigns')}</h2>
        <StackTable
          caption={t('campaigns')}
          headers={[t('name'), t('places'), t('categories'), t('window'), t('owner'), t('status')]}
        >
          {view.items.length === 0 ? <EmptyRow columns={6} text={t('none')} /> : null}
          {view.items.map((campaign) => (
            <tr key={campaign.id}>
              <td data-label={t('name')}>
                <a href={`/console/campaigns/${campaign.id}`}>{campaign.name}</a>
              </td>
              <td data-label={t('places')}>{campaign.places.map(placeName).join('、')}</td>
              <td data-label={t('categories')}>{campaign.categories.map(categoryName).join('、')}</td>
              <td data-label={t('window')}>
                {when(campaign.from)} – {when(campaign.to)}
              </td>
              <td data-label={t('owner')}>{view.staff.get(campaign.ownerId)?.name ?? campaign.ownerId}</td>
              <td data-label={t('status')}>{t(`status.${campaign.status}`)}</td>
            </tr>
          ))}
        </StackTable>

        <section aria-labelledby="create-campaign" class="card">
          <h2 id="create-campaign">{t('createTitle')}</h2>
          <p class="hint">{t('createHint')}</p>
          <form method="post" action="/console/campaigns">
            <FormToken context={context} />
            <label for="campaign-name">{t('name')}</label>
            <input id="campaign-name" name="name" type="text" required maxLength={200} />
            <fieldset>
              <legend>{t('places')}</legend>
              <div class="checks">
                {view.places.list.map((place) => (
                  <label key={place.id} class="check">
                    <input type="checkbox" name="places" value={place.id} /> {place.name[context.language]}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend>{t('categories')}</legend>
              <div class="checks">
                {view.categories.list.map((category) => (
                  <label key={category.id} class="check">
                    <input type="checkbox" name="categories" value={category.id} />{' '}
                    {category.name[context.language]}
                  </label>
                ))}
              </div>
            </fieldset>
            <label for="campaign-from">{t('from')}</label>
            <input
              id="campaign-from"
              name="from"
              type="datetime-local"
              required
              value={toLocalInput(view.suggested.from, context.zone)}
            />
            <label for="campaign-to">{t('to')}</label>
            <input
              id="campaign-to"
              name="to"
              type="datetime-local"
              required
              value={toLocalInput(view.suggested.to, context.zone)}
            />
            <label for="campaign-owner">{t('owner')}</label>
            <select id="campaign-owner" name="owner" required>
              {view.activeStaff.map((member) => (
                <option key={member.id} value={String(member.id)}>
                  {member.name} ({context.t(`role.${member.role}`)})
                </option>
              ))}
            </select>
            <p>
              <button type="submit">{t('create')}</button>
            </p>
          </form>
        </section>
      </div>
    </Layout>
  );
}
