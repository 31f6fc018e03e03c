import { type Case, isOpen, STATUSES } from '../../cases/cases.models';
import { type Categories, PRIORITIES } from '../../content/categories';
import type { Staff } from '../../staff/staff.models';
import { CaseLink, EmptyRow, PriorityBadge, StackTable, StatusBadge, Time } from '../components';
import { Layout } from '../layout/layout';
import { isSupervisor, type PageContext } from '../web.context';
import { casesMessages } from './cases.i18n';

/** The filters as the person typed them, so the form shows them back. */
export interface ListFilterForm {
  status: string;
  category: string;
  priority: string;
  assignee: string;
  phone: string;
  from: string;
  to: string;
}

export interface CasesListView {
  form: ListFilterForm;
  /** A filter that could not be read, by its label; nothing is listed then. */
  badFilter: string | null;
  items: Case[];
  /** The query string of the next, older page, or null on the last one. */
  nextQuery: string | null;
  isFirstPage: boolean;
  staff: Map<number, Staff>;
  /** Everyone a supervisor may filter by (staff see only their own cases). */
  staffChoices: Staff[];
  categories: Categories;
  now: Date;
}

/** /console/cases: every case for a supervisor, one's own for a duty officer; newest first, with filters. */
export function CasesListPage({ context, view }: { context: PageContext; view: CasesListView }) {
  const t = casesMessages(context.language);
  const { form } = view;
  const supervisor = isSupervisor(context.principal);
  const headers = [
    t('reference'),
    t('status'),
    t('priority'),
    t('category'),
    t('channel'),
    t('assignee'),
    t('created'),
    t('due'),
  ];
  return (
    <Layout
      context={context}
      title={t('title')}
      notice={view.badFilter ? { kind: 'error', text: t('badFilter', { field: view.badFilter }) } : null}
    >
      <div class="cases-list">
        {supervisor ? null : <p class="hint">{t('onlyYours')}</p>}
        <form method="get" action="/console/cases" class="filters no-print" aria-label={t('filters')}>
          <div class="field">
            <label for="filter-status">{t('status')}</label>
            <select id="filter-status" name="status">
              <option value="">{t('anyStatus')}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status} selected={form.status === status}>
                  {context.t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-category">{t('category')}</label>
            <select id="filter-category" name="category">
              <option value="">{t('anyCategory')}</option>
              {view.categories.list.map((category) => (
                <option key={category.id} value={category.id} selected={form.category === category.id}>
                  {category.name[context.language]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-priority">{t('priority')}</label>
            <select id="filter-priority" name="priority">
              <option value="">{t('anyPriority')}</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority} selected={form.priority === priority}>
                  {context.t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          </div>
          {supervisor ? (
            <div class="field">
              <label for="filter-assignee">{t('assignee')}</label>
              <select id="filter-assignee" name="assignee">
                <option value="">{t('anyone')}</option>
                {view.staffChoices.map((member) => (
                  <option
                    key={member.id}
                    value={String(member.id)}
                    selected={form.assignee === String(member.id)}
                  >
                    {member.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="field field-wide">
            <label for="filter-phone">{t('phone')}</label>
            <input
              id="filter-phone"
              name="phone"
              type="tel"
              value={form.phone}
              autocomplete="off"
              aria-describedby="filter-phone-hint"
            />
            <p class="hint" id="filter-phone-hint">
              {t('phoneHint')}
            </p>
          </div>
          <div class="field">
            <label for="filter-from">{t('from')}</label>
            <input id="filter-from" name="from" type="date" value={form.from} />
          </div>
          <div class="field">
            <label for="filter-to">{t('to')}</label>
            <input id="filter-to" name="to" type="date" value={form.to} />
          </div>
          <div class="field field-wide filter-buttons">
            <button type="submit">{t('show')}</button> <a href="/console/cases">{t('clear')}</a>
          </div>
        </form>

        <StackTable caption={t('listCaption')} headers={headers}>
          {view.items.length === 0 ? (
            <EmptyRow columns={headers.length} text={t('noCases')} />
          ) : (
            view.items.map((found) => {
              const overdue =
                isOpen(found.status) && found.dueAt !== null && new Date(found.dueAt) < view.now;
              return (
                <tr key={found.ref}>
                  <td data-label={t('reference')}>
                    <CaseLink reference={found.ref} />
                  </td>
                  <td data-label={t('status')}>
                    <StatusBadge context={context} status={found.status} />
                  </td>
                  <td data-label={t('priority')}>
                    <PriorityBadge context={context} priority={found.priority} />
                  </td>
                  <td data-label={t('category')}>{view.categories.name(found.category, context.language)}</td>
                  <td data-label={t('channel')}>{context.t(`channel.${found.channel}`)}</td>
                  <td data-label={t('assignee')}>
                    {found.assigneeId === null ? (
                      <span class="badge badge-warn">{t('unassigned')}</span>
                    ) : (
                      (view.staff.get(found.assigneeId)?.name ?? '–')
                    )}
                  </td>
                  <td data-label={t('created')}>
                    <Time context={context} value={found.createdAt} />
                  </td>
                  <td data-label={t('due')}>
                    {found.status === 'merged' ? (
                      <span class="muted">–</span>
                    ) : (
                      <Time context={context} value={found.dueAt} />
                    )}
                    {overdue ? (
                      <>
                        {' '}
                        <span class="badge badge-bad">{context.t('overdue')}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })
          )}
        </StackTable>
        <nav class="pager no-print" aria-label={t('listCaption')}>
          {view.isFirstPage ? null : <a href={`/console/cases?${firstPageQuery(form)}`}>{t('newest')}</a>}
          {view.nextQuery === null ? null : <a href={`/console/cases?${view.nextQuery}`}>{t('older')}</a>}
        </nav>
      </div>
    </Layout>
  );
}

/** The filters without the cursor: the first page of the same list. */
export function firstPageQuery(form: ListFilterForm): string {
  return new URLSearchParams(Object.entries(form).filter(([, value]) => value !== '')).toString();
}
