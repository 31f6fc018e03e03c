import { CALLBACK_OUTCOMES } from '../../callbacks/callbacks.models';
import { type Case, concernsStaff, isAboutStaff } from '../../cases/cases.models';
import { type Categories, PRIORITIES } from '../../content/categories';
import type { Places } from '../../content/places';
import type { Staff } from '../../staff/staff.models';
import { FormToken } from '../layout/layout';
import type { PageContext } from '../web.context';
import type { CaseActions } from './case-actions';
import { casesMessages } from './cases.i18n';

/**
 * The actions the person may take on the case, each a form posting to a route that calls the
 * case service. The most common stand open; the others fold away (a phone shows the page long).
 */
export function CaseForms({
  context,
  found,
  actions,
  activeStaff,
  categories,
  places,
}: {
  context: PageContext;
  found: Case;
  actions: CaseActions;
  activeStaff: Staff[];
  categories: Categories;
  places: Places;
}) {
  const t = casesMessages(context.language);
  const action = (name: string) => `/console/cases/${found.ref}/${name}`;
  const nothing = Object.values(actions).every((value) => value === false || value === 'no');
  return (
    <section aria-labelledby="actions" class="case-actions">
      <h2 id="actions">{t('actions')}</h2>
      {nothing ? <p class="muted">{t('nothingToDo')}</p> : null}

      {actions.signOff ? (
        <form method="post" action={action('sign-off')} class="card action action-signoff">
          <FormToken context={context} />
          <h3>{t('signOffTitle')}</h3>
          <p class="hint">
            {isAboutStaff(found)
              ? t('signOffHintAboutStaff')
              : t('signOffHint', { priority: context.t(`priority.${found.priority}`) })}
          </p>
          <button type="submit">{t('saveSignOff')}</button>
        </form>
      ) : null}

      {actions.acknowledge ? (
        <form method="post" action={action('acknowledge')} class="card action">
          <FormToken context={context} />
          <button type="submit">{t('acknowledge')}</button>
          <p class="hint">{t('acknowledgeHint')}</p>
        </form>
      ) : null}

      {actions.result === 'yes' ? (
        <form method="post" action={action('result')} class="card action">
          <FormToken context={context} />
          <h3>{t('recordResult')}</h3>
          <label for="result-text">{t('resultLabel')}</label>
          <textarea id="result-text" name="text" required maxLength={2000} aria-describedby="result-hint" />
          <p class="hint" id="result-hint">
            {t('resultHint')}
          </p>
          <button type="submit">{t('saveResult')}</button>
        </form>
      ) : actions.result === 'needs_assignee' ? (
        <p class="card action hint">{t('needsAssignee')}</p>
      ) : null}

      {actions.assign ? (
        <details class="card action" open={found.assigneeId === null}>
          <summary>{t('assign')}</summary>
          <form method="post" action={action('assign')}>
            <FormToken context={context} />
            <label for="assign-staff">{t('assignLabel')}</label>
            <select id="assign-staff" name="staffId" required>
              {activeStaff
                .filter((member) => !concernsStaff(found, member.id))
                .map((member) => (
                  <option key={member.id} value={String(member.id)} selected={member.id === found.assigneeId}>
                    {member.name} ({context.t(`role.${member.role}`)})
                  </option>
                ))}
            </select>
            <button type="submit">{t('saveAssign')}</button>
          </form>
        </details>
      ) : null}

      {actions.triage ? (
        <details class="card action">
          <summary>{t('triage')}</summary>
          <form method="post" action={action('triage')}>
            <FormToken context={context} />
            <label for="triage-category">{t('category')}</label>
            <select id="triage-category" name="category">
              {categories.list.map((category) => (
                <option key={category.id} value={category.id} selected={category.id === found.category}>
                  {category.name[context.language]}
                </option>
              ))}
            </select>
            {actions.triagePriority ? (
              <>
                <label for="triage-priority">{t('priority')}</label>
                <select id="triage-priority" name="priority" aria-describedby="triage-priority-hint">
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority} selected={priority === found.priority}>
                      {context.t(`priority.${priority}`)}
                    </option>
                  ))}
                </select>
                <p class="hint" id="triage-priority-hint">
                  {t('priorityHint')}
                </p>
              </>
            ) : null}
            <label for="triage-place">{t('placeLabel')}</label>
            {/* The gazetteer's names as suggestions: a name picked from it gives the case its place id. */}
            <input
              id="triage-place"
              name="place"
              type="text"
              maxLength={200}
              value={found.place ?? ''}
              list="triage-places"
            />
            <datalist id="triage-places">
              {places.list.map((place) => (
                <option key={place.id} value={place.name[context.language]} />
              ))}
            </datalist>
            <button type="submit">{t('saveTriage')}</button>
          </form>
        </details>
      ) : null}

      {actions.concerns ? (
        <details class="card action" open={found.concernsStaffId !== null}>
          <summary>{t('concerns')}</summary>
          <form method="post" action={action('concerns')}>
            <FormToken context={context} />
            <label for="concerns-staff">{t('concernsLabel')}</label>
            <select id="concerns-staff" name="concernsStaffId" aria-describedby="concerns-hint">
              <option value="" selected={found.concernsStaffId === null}>
                {t('concernsNobody')}
              </option>
              {activeStaff.map((member) => (
                <option
                  key={member.id}
                  value={String(member.id)}
                  selected={member.id === found.concernsStaffId}
                >
                  {member.name} ({context.t(`role.${member.role}`)})
                </option>
              ))}
            </select>
            <p class="hint" id="concerns-hint">
              {t('concernsHint')}
            </p>
            <button type="submit">{t('saveConcerns')}</button>
          </form>
        </details>
      ) : null}

      {actions.note ? (
        <details class="card action">
          <summary>{t('addNote')}</summary>
          <form method="post" action={action('notes')}>
            <FormToken context={context} />
            <label for="note-text">{t('noteLabel')}</label>
            <textarea id="note-text" name="text" required maxLength={2000} />
            <button type="submit">{t('saveNote')}</button>
          </form>
        </details>
      ) : null}

      {actions.callCitizen ? (
        <form method="post" action={action('calls')} class="card action">
          <FormToken context={context} />
          <button type="submit">{t('callCitizen')}</button>
          <p class="hint">{t('callCitizenHint')}</p>
        </form>
      ) : null}

      {actions.callback ? (
        <details class="card action">
          <summary>{t('logCall')}</summary>
          <form method="post" action={action('callback')}>
            <FormToken context={context} />
            <label for="call-outcome">{t('callOutcome')}</label>
            <select id="call-outcome" name="outcome">
              {CALLBACK_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {t(`callbackOutcome.${outcome}`)}
                </option>
              ))}
            </select>
            <label for="call-note">{t('callNote')}</label>
            <textarea id="call-note" name="note" maxLength={2000} />
            {actions.callbackSatisfaction ? (
              <>
                <label for="call-satisfaction">{t('callSatisfaction')}</label>
                <select id="call-satisfaction" name="satisfaction">
                  <option value="">{t('callSatisfaction.none')}</option>
                  <option value="satisfied">{t('callSatisfaction.satisfied')}</option>
                  <option value="unsatisfied">{t('callSatisfaction.unsatisfied')}</option>
                </select>
              </>
            ) : null}
            {actions.callbackClose ? (
              <p class="check">
                <input id="call-close" name="close" type="checkbox" value="yes" />{' '}
                <label for="call-close">{t('closeCallback')}</label>
              </p>
            ) : null}
            <button type="submit">{t('saveCall')}</button>
          </form>
        </details>
      ) : null}

      {actions.merge ? (
        <details class="card action">
          <summary>{t('merge')}</summary>
          <form method="post" action={action('merge')}>
            <FormToken context={context} />
            <label for="merge-into">{t('mergeLabel')}</label>
            <input
              id="merge-into"
              name="into"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{8}"
              maxLength={8}
              required
              autocomplete="off"
              aria-describedby="merge-hint"
            />
            <p class="hint" id="merge-hint">
              {t('mergeHint')}
            </p>
            <button type="submit">{t('saveMerge')}</button>
          </form>
        </details>
      ) : null}

      {actions.reopen ? (
        <details class="card action">
          <summary>{t('reopen')}</summary>
          <form method="post" action={action('reopen')}>
            <FormToken context={context} />
            <label for="reopen-reason">{t('reopenLabel')}</label>
            <textarea id="reopen-reason" name="reason" required maxLength={2000} />
            <button type="submit">{t('saveReopen')}</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
