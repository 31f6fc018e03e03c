import type { Principal } from '../../auth/auth.middleware';
import { type Case, needsSignOff } from '../../cases/cases.models';
import {
  type CaseReview,
  effectiveOutcome,
  isCurrentReview,
  pendingReviewers,
  tallyOpinions,
} from '../../cases/review/review.models';
import { canSeeAllCases, type Staff } from '../../staff/staff.models';
import { Time } from '../components';
import { FormToken } from '../layout/layout';
import type { PageContext } from '../web.context';
import { reviewMessages } from './review.i18n';

/** Which review forms the page draws; the use cases still enforce every rule. */
export interface ReviewForms {
  /** The viewer is a reviewer of the open review who has not answered yet. */
  opinion: boolean;
  request: boolean;
  withdraw: boolean;
}

export function availableReviewForms(
  found: Case,
  review: CaseReview | null,
  principal: Principal,
): ReviewForms {
  const current = review !== null && isCurrentReview(review, found);
  const supervisor = canSeeAllCases(principal.role);
  const viewerId = principal.kind === 'staff' ? principal.staffId : null;
  return {
    opinion: current && viewerId !== null && pendingReviewers(review).includes(viewerId),
    request:
      supervisor &&
      !current &&
      needsSignOff(found) &&
      found.status === 'resolved' &&
      found.signedOffAt === null,
    withdraw: supervisor && current,
  };
}

/** The case's collective review: who reviews, who said what, the quorum, and the viewer's forms. */
export function ReviewSection({
  context,
  found,
  review,
  forms,
  staff,
  candidates,
}: {
  context: PageContext;
  found: Case;
  review: CaseReview | null;
  forms: ReviewForms;
  staff: Map<number, Staff>;
  /** The leadership team a supervisor may ask: active supervisors and admins but the assignee and the staff member complained about. */
  candidates: Staff[];
}) {
  if (!review && !forms.request) return null;
  const t = reviewMessages(context.language);
  const action = (name: string) => `/console/cases/${found.ref}/${name}`;
  const tally = review ? tallyOpinions(review.opinions) : { agree: 0, disagree: 0 };
  const outcome = review ? effectiveOutcome(review, found) : null;
  return (
    <section aria-labelledby="review" class="case-review">
      <h2 id="review">{t('title')}</h2>
      {review ? (
        <>
          <p>
            {outcome === null
              ? t('state.open', { quorum: review.quorum, count: review.reviewerIds.length })
              : t(`state.${outcome}`, { ...tally })}
          </p>
          <h3>{t('reviewers')}</h3>
          <ul class="review-opinions">
            {review.reviewerIds.map((id) => {
              const given = review.opinions.find((opinion) => opinion.staffId === id);
              return (
                <li key={id}>
                  <strong>{staff.get(id)?.name ?? `#${id}`}</strong>
                  {' · '}
                  {t(given ? `verdict.${given.verdict}` : 'verdict.none')}
                  {given ? (
                    <>
                      {' · '}
                      <Time context={context} value={given.at} />
                      <div class="case-description">{given.opinion}</div>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      {forms.opinion ? (
        <form method="post" action={action('review/opinions')} class="card action">
          <FormToken context={context} />
          <h3>{t('yourOpinion')}</h3>
          <fieldset>
            <legend>{t('verdict')}</legend>
            <label>
              <input type="radio" name="verdict" value="agree" required /> {t('verdict.agree')}
            </label>
            <label>
              <input type="radio" name="verdict" value="disagree" required /> {t('verdict.disagree')}
            </label>
          </fieldset>
          <label for="review-opinion">{t('opinionLabel')}</label>
          <textarea
            id="review-opinion"
            name="opinion"
            required
            maxLength={2000}
            aria-describedby="review-hint"
          />
          <p class="hint" id="review-hint">
            {t('opinionHint')}
          </p>
          <button type="submit">{t('saveOpinion')}</button>
        </form>
      ) : null}

      {forms.request ? (
        <details class="card action">
          <summary>{t('requestTitle')}</summary>
          <form method="post" action={action('review')}>
            <FormToken context={context} />
            <p class="hint">{t('requestHint')}</p>
            <fieldset>
              <legend>{t('reviewersLabel')}</legend>
              {candidates.map((member) => (
                <label key={member.id}>
                  <input type="checkbox" name="reviewers" value={String(member.id)} /> {member.name}
                </label>
              ))}
            </fieldset>
            <label for="review-quorum">{t('quorumLabel')}</label>
            <input
              id="review-quorum"
              name="quorum"
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, candidates.length)}
              value="2"
              required
            />
            <button type="submit">{t('saveRequest')}</button>
          </form>
        </details>
      ) : null}

      {forms.withdraw ? (
        <form method="post" action={action('review/withdraw')} class="card action">
          <FormToken context={context} />
          <button type="submit" class="secondary">
            {t('withdraw')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
