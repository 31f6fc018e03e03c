import type { Priority } from '../../content/categories';
import type { PetitionView } from '../../petitions/petitions.usecases';
import type { Staff } from '../../staff/staff.models';
import { CaseLink, EmptyRow, PriorityBadge, StackTable, StatusBadge, Time } from '../components';
import { Layout } from '../layout/layout';
import type { PageContext } from '../web.context';
import { petitionsMessages } from './petitions.i18n';

export interface PetitionsListView {
  items: PetitionView[];
  staff: Map<number, Staff>;
  /** The next page's offset, or null on the last page. */
  next: number | null;
}

/** /console/petitions: the group petitions the viewer may see, those on open cases first. */
export function PetitionsListPage({ context, view }: { context: PageContext; view: PetitionsListView }) {
  const t = petitionsMessages(context.language);
  const headers = [
    t('reference'),
    t('status'),
    t('headcount'),
    t('representatives'),
    t('visitDate'),
    t('mergedCases'),
    t('assignee'),
    t('recorded'),
  ];
  return (
    <Layout context={context} title={t('title')}>
      <div class="petitions-list">
        <p class="hint">{t('listHint')}</p>
        <StackTable caption={t('title')} headers={headers}>
          {view.items.length === 0 ? <EmptyRow columns={headers.length} text={t('none')} /> : null}
          {view.items.map(({ found, petition, mergedRefs }) => (
            <tr key={found.ref}>
              <td data-label={t('reference')}>
                <CaseLink reference={found.ref} />{' '}
                <PriorityBadge context={context} priority={found.priority as Priority} />
              </td>
              <td data-label={t('status')}>
                <StatusBadge context={context} status={found.status} />
              </td>
              <td data-label={t('headcount')} class="num">
                {petition.headcount}
              </td>
              <td data-label={t('representatives')}>
                {petition.representatives
                  .map((each) => each.name)
                  .join(context.language === 'en' ? ', ' : '、')}
              </td>
              <td data-label={t('visitDate')}>{petition.visitDate ?? <span class="muted">–</span>}</td>
              <td data-label={t('mergedCases')}>
                {mergedRefs.length === 0 ? (
                  <span class="muted">–</span>
                ) : (
                  mergedRefs.map((ref, i) => (
                    <span key={ref}>
                      {i > 0 ? ' ' : null}
                      <CaseLink reference={ref} />
                    </span>
                  ))
                )}
              </td>
              <td data-label={t('assignee')}>
                {found.assigneeId === null ? (
                  <span class="muted">–</span>
                ) : (
                  (view.staff.get(found.assigneeId)?.name ?? '–')
                )}
              </td>
              <td data-label={t('recorded')}>
                <Time context={context} value={petition.createdAt} />
              </td>
            </tr>
          ))}
        </StackTable>
        {view.next === null ? null : (
          <p>
            <a href={`/console/petitions?cursor=${view.next}`}>{t('more')}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
