import type { Case } from '../../cases/cases.models';
import { PRIORITIES } from '../../content/categories';
import type { Petition } from '../../petitions/petitions.models';
import type { Staff } from '../../staff/staff.models';
import { CaseLink, Time } from '../components';
import { FormToken } from '../layout/layout';
import type { PageContext } from '../web.context';
import { petitionsMessages } from './petitions.i18n';

/** What the case page shows of a petition, and whether the viewer may record or correct it. */
export interface PetitionPart {
  petition: Petition | null;
  mergedRefs: string[];
  /** A supervisor, on a case that can carry one (not merged, not closed, unless it already has one). */
  mayEdit: boolean;
  recordedBy: Staff | null;
}

/** Spare blank rows under the representatives already recorded; a form without script adds none. */
const SPARE_ROWS = 3;

/** The case page's petition section: the record, and a supervisor's form to record or correct it. */
export function PetitionSection({
  context,
  found,
  part,
}: {
  context: PageContext;
  found: Case;
  part: PetitionPart;
}) {
  const t = petitionsMessages(context.language);
  const { petition } = part;
  if (!petition && !part.mayEdit) return null;
  return (
    <section aria-labelledby="petition" class="petition">
      <h2 id="petition">{t('petition')}</h2>
      {petition ? (
        <dl class="facts card">
          <dt>{t('headcount')}</dt>
          <dd>{petition.headcount}</dd>
          <dt>{t('representatives')}</dt>
          <dd>
            <ul class="representatives">
              {petition.representatives.map((each) => (
                <li key={each.phone + each.name}>
                  {each.name} · <a href={`tel:${each.phone}`}>{each.phone}</a>
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('visitDate')}</dt>
          <dd>{petition.visitDate ?? <span class="muted">{t('noVisit')}</span>}</dd>
          <dt>{t('demands')}</dt>
          <dd>
            <span class="case-description">{petition.demands}</span>
          </dd>
          <dt>{t('mergedCases')}</dt>
          <dd>
            {part.mergedRefs.length === 0 ? (
              <span class="muted">{t('noMerged')}</span>
            ) : (
              <ul class="inline-list">
                {part.mergedRefs.map((ref) => (
                  <li key={ref}>
                    <CaseLink reference={ref} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t('recorded')}</dt>
          <dd>
            {part.recordedBy ? `${part.recordedBy.name} · ` : null}
            <Time context={context} value={petition.createdAt} />
          </dd>
        </dl>
      ) : null}
      {part.mayEdit ? <PetitionForm context={context} found={found} petition={petition} /> : null}
    </section>
  );
}

function PetitionForm({
  context,
  found,
  petition,
}: {
  context: PageContext;
  found: Case;
  petition: Petition | null;
}) {
  const t = petitionsMessages(context.language);
  const rows = [
    ...(petition?.representatives ?? []),
    ...Array.from({ length: SPARE_ROWS }, () => ({ name: '', phone: '' })),
  ];
  return (
    <details class="card action petition-form">
      <summary>{t(petition ? 'editTitle' : 'recordTitle')}</summary>
      <form method="post" action={`/console/cases/${found.ref}/petition`}>
        <FormToken context={context} />
        {petition ? null : <p class="hint">{t('recordHint')}</p>}
        <label for="petition-headcount">{t('headcount')}</label>
        <input
          id="petition-headcount"
          name="headcount"
          type="number"
          min={1}
          required
          inputMode="numeric"
          value={petition ? String(petition.headcount) : ''}
        />
        <fieldset>
          <legend>{t('representatives')}</legend>
          <p class="hint">{t('representativesHint')}</p>
          <div class="representative-rows">
            {rows.map((row, i) => (
              <div key={i} class="representative-row">
                <input
                  name="repName"
                  type="text"
                  maxLength={100}
                  value={row.name}
                  aria-label={`${t('representativeRow', { n: i + 1 })}: ${t('name')}`}
                  placeholder={t('name')}
                />
                <input
                  name="repPhone"
                  type="tel"
                  maxLength={32}
                  value={row.phone}
                  aria-label={`${t('representativeRow', { n: i + 1 })}: ${t('phone')}`}
                  placeholder="+86…"
                />
              </div>
            ))}
          </div>
        </fieldset>
        <label for="petition-visit">{t('visitDate')}</label>
        <input id="petition-visit" name="visitDate" type="date" value={petition?.visitDate ?? ''} />
        <label for="petition-demands">{t('demands')}</label>
        <textarea id="petition-demands" name="demands" required maxLength={4000}>
          {petition?.demands ?? ''}
        </textarea>
        {petition ? null : (
          <>
            <label for="petition-priority">{t('priorityChoice')}</label>
            <select id="petition-priority" name="priority">
              <option value="">{t('priorityDefault')}</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {context.t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit">{t('save')}</button>
      </form>
    </details>
  );
}
