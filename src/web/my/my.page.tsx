import { CALLBACK_OUTCOMES } from '../../callbacks/callbacks.models';
import { type Case, canAcknowledge, summarize } from '../../cases/cases.models';
import type { StaffAppraisal } from '../../reports/appraisal/appraisal.models';
import type { Deadline } from '../../sla/sla.models';
import { CaseLink, PriorityBadge, StatusBadge } from '../components';
import { showDateTime } from '../format';
import { FormToken, Layout } from '../layout/layout';
import { MyAppraisal } from '../reports/appraisal/appraisal.page';
import type { PageContext } from '../web.context';
import { type MyMessages, myMessages } from './my.i18n';

export interface MyCase {
  found: Case;
  categoryName: string;
  deadline: { deadline: Deadline; at: string } | null;
  overdue: boolean;
}

export interface MyView {
  /** False for the ADMIN_TOKEN bootstrap, who holds no cases. */
  isStaff: boolean;
  held: { items: MyCase[]; total: number };
  claimable: { mayClaim: boolean; items: MyCase[]; total: number };
  /** The officer's own appraisal row for the month so far. */
  appraisal: StaffAppraisal | null;
  notice: { kind: 'done' | 'error'; text: string } | null;
}

/** /console/my: an officer's open cases as cards, with the steps they take on each right there. */
export function MyPage({ context, view }: { context: PageContext; view: MyView }) {
  const t = myMessages(context.language);
  return (
    <Layout context={context} title={t('title')} notice={view.notice}>
      <div class="my">
        <p class="hint">{t('intro')}</p>
        {view.isStaff ? (
          <>
            <section aria-labelledby="my-held">
              <h2 id="my-held">{t('mine', { count: view.held.total })}</h2>
              {view.held.items.length === 0 ? (
                <p class="muted">{t('noCases')}</p>
              ) : (
                view.held.items.map((item) => (
                  <CaseCard key={item.found.ref} context={context} t={t} item={item} held />
                ))
              )}
              {view.held.total > view.held.items.length ? (
                <p class="hint">
                  {t('moreCases', { shown: view.held.items.length, total: view.held.total })}
                </p>
              ) : null}
            </section>
            <section aria-labelledby="my-claimable">
              <h2 id="my-claimable">{t('claimable', { count: view.claimable.total })}</h2>
              {!view.claimable.mayClaim ? (
                <p class="muted">{t('notOnDuty')}</p>
              ) : view.claimable.items.length === 0 ? (
                <p class="muted">{t('noClaimable')}</p>
              ) : (
                <>
                  <p class="hint">{t('claimableHint')}</p>
                  {view.claimable.items.map((item) => (
                    <CaseCard key={item.found.ref} context={context} t={t} item={item} held={false} />
                  ))}
                </>
              )}
            </section>
            {view.appraisal ? <MyAppraisal context={context} row={view.appraisal} /> : null}
          </>
        ) : (
          <p class="muted">{t('noViewer')}</p>
        )}
      </div>
    </Layout>
  );
}

function CaseCard({
  context,
  t,
  item,
  held,
}: {
  context: PageContext;
  t: MyMessages;
  item: MyCase;
  /** The viewer's own case (every step), or one nobody holds (take it). */
  held: boolean;
}) {
  const { found, deadline } = item;
  const ref = found.ref;
  const action = (step: string) => `/console/my/${ref}/${step}`;
  const deadlineText = deadline
    ? t(deadline.deadline === 'acknowledge' ? 'ackBy' : 'resultBy', {
        time: showDateTime(deadline.at, context.zone, context.language),
      })
    : t('noDeadline');
  return (
    <article class="card my-case" aria-labelledby={`case-${ref}`}>
      <header class="my-case-head">
        <h3 id={`case-${ref}`}>
          <CaseLink reference={ref} />
        </h3>
        <StatusBadge context={context} status={found.status} />
        {found.priority === 'normal' ? null : <PriorityBadge context={context} priority={found.priority} />}
        {item.overdue ? <span class="badge badge-bad">{context.t('overdue')}</span> : null}
      </header>
      <p class={item.overdue ? 'my-case-deadline my-case-late' : 'my-case-deadline'}>
        {deadline ? <time dateTime={deadline.at}>{deadlineText}</time> : deadlineText}
      </p>
      <p class="my-case-summary">{summarize(found.description, 140)}</p>
      <p class="my-case-facts muted">
        {item.categoryName} · {context.t(`channel.${found.channel}`)} ·{' '}
        {t('receivedAt', { time: showDateTime(found.createdAt, context.zone, context.language) })}
        {found.place ? ` · ${t('place', { place: found.place })}` : ''}
      </p>
      <p class="my-case-phone">
        {found.phone ? (
          <a href={`tel:${found.phone}`} class="button secondary">
            {t('call', { phone: found.phone })}
          </a>
        ) : (
          <span class="muted">{t('noPhone')}</span>
        )}
      </p>
      {held ? (
        <div class="my-case-actions">
          {canAcknowledge(found.status) ? (
            <form method="post" action={action('acknowledge')}>
              <FormToken context={context} />
              <button type="submit">{t('acknowledge')}</button>
            </form>
          ) : null}
          <details>
            <summary>{t('result')}</summary>
            <form method="post" action={action('result')}>
              <FormToken context={context} />
              <label for={`result-${ref}`}>{t('resultLabel')}</label>
              <textarea
                id={`result-${ref}`}
                name="text"
                required
                maxLength={2000}
                aria-describedby={`result-hint-${ref}`}
              />
              <p class="hint" id={`result-hint-${ref}`}>
                {t('resultHint')}
              </p>
              <button type="submit">{t('resultSubmit')}</button>
            </form>
          </details>
          <details>
            <summary>{t('note')}</summary>
            <form method="post" action={action('note')}>
              <FormToken context={context} />
              <label for={`note-${ref}`}>{t('noteLabel')}</label>
              <textarea id={`note-${ref}`} name="text" required maxLength={2000} />
              <button type="submit">{t('noteSubmit')}</button>
            </form>
          </details>
          <details>
            <summary>{t('callback')}</summary>
            <form method="post" action={action('callback')}>
              <FormToken context={context} />
              <label for={`outcome-${ref}`}>{t('outcomeLabel')}</label>
              <select id={`outcome-${ref}`} name="outcome" required>
                {CALLBACK_OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {t(`outcome.${outcome}`)}
                  </option>
                ))}
              </select>
              <label for={`callback-note-${ref}`}>{t('callbackNoteLabel')}</label>
              <textarea id={`callback-note-${ref}`} name="note" maxLength={2000} />
              <button type="submit">{t('callbackSubmit')}</button>
            </form>
          </details>
        </div>
      ) : (
        <div class="my-case-actions">
          <form method="post" action={action('claim')}>
            <FormToken context={context} />
            <button type="submit">{t('claim')}</button>
          </form>
        </div>
      )}
    </article>
  );
}
