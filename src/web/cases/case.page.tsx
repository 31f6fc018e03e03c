import type { ComponentChildren } from 'preact';
import type { CallbackCall } from '../../callbacks/calls/callback-calls.models';
import type { presentCall } from '../../calls/calls.presenter';
import type { CaseDetail } from '../../cases/cases.detail';
import { isOpen, needsSignOff } from '../../cases/cases.models';
import type { presentMessages } from '../../cases/cases.presenter';
import type { Categories } from '../../content/categories';
import type { Places } from '../../content/places';
import type { Staff } from '../../staff/staff.models';
import { CaseLink, EmptyRow, PriorityBadge, StackTable, StatusBadge, Time } from '../components';
import { showDateTime } from '../format';
import { Layout } from '../layout/layout';
import { type PetitionPart, PetitionSection } from '../petitions/petition.section';
import type { PageContext } from '../web.context';
import { CallbackCallsSection } from './callback-calls.section';
import { CaseForms } from './case.forms';
import type { CaseActions } from './case-actions';
import { describeEvent, type EventLine } from './case-events';
import { type CasesTranslate, casesMessages, isCasesKey } from './cases.i18n';
import { type ReviewForms, ReviewSection } from './review.section';

export interface CaseView {
  detail: CaseDetail;
  staff: Map<number, Staff>;
  /** Whom a supervisor may assign the case to. */
  activeStaff: Staff[];
  calls: ReturnType<typeof presentCall>[];
  messages: ReturnType<typeof presentMessages>;
  actions: CaseActions;
  categories: Categories;
  places: Places;
  now: Date;
  notice: { kind: 'done' | 'error'; text: string } | null;
  /** The collective review's forms the viewer may use, and whom a supervisor may ask (SPEC §18). */
  reviewForms?: ReviewForms;
  reviewCandidates?: Staff[];
  /** The group petition the case carries, if any (SPEC §18). */
  petition?: PetitionPart;
  /** The masked call-backs made on the case (SPEC §18). */
  callbackCalls?: CallbackCall[];
}

/** /console/cases/:ref: the case, what can be done to it, and everything that happened to it. */
export function CasePage({ context, view }: { context: PageContext; view: CaseView }) {
  const t = casesMessages(context.language);
  const { found } = view.detail;
  const staffName = (id: number | null | undefined) =>
    id === null || id === undefined ? null : (view.staff.get(id)?.name ?? null);
  const lines = view.detail.events.map((event) => ({
    event,
    line: describeEvent(event, {
      language: context.language,
      zone: context.zone,
      common: context.t,
      staffName,
      categoryName: (id) => view.categories.name(id, context.language),
      placeName: (id) => view.places.name(id, context.language) ?? id,
    }),
  }));
  return (
    <Layout context={context} title={t('caseTitle', { ref: found.ref })} notice={view.notice}>
      <div class="case-page">
        <p class="no-print">
          <a href="/console/cases">{t('backToList')}</a>
        </p>
        <div class="case-grid">
          <div class="case-main">
            <Facts context={context} view={view} t={t} />
            {view.petition ? <PetitionSection context={context} found={found} part={view.petition} /> : null}
            {found.recordingSid !== null ? (
              <section aria-labelledby="recording" class="case-recording no-print">
                <h2 id="recording">{t('recording')}</h2>
                {/* The source is Dutyline's own proxy: the same visibility rule as the case page. */}
                {/* biome-ignore lint/a11y/useMediaCaption: a caller's message has no transcript; the case's own text is on the page. */}
                <audio
                  controls
                  preload="metadata"
                  src={`/console/cases/${found.ref}/recording`}
                  aria-label={t('recordingLabel')}
                />
                <p class="hint">
                  {found.recordingDuration === null
                    ? null
                    : `${t('recordingLength', { seconds: found.recordingDuration })} · `}
                  {t('recordingHint')}
                </p>
              </section>
            ) : null}
          </div>
          <div class="case-side">
            <CaseForms
              context={context}
              found={found}
              actions={view.actions}
              activeStaff={view.activeStaff}
              categories={view.categories}
              places={view.places}
            />
            {view.reviewForms ? (
              <ReviewSection
                context={context}
                found={found}
                review={view.detail.review}
                forms={view.reviewForms}
                staff={view.staff}
                candidates={view.reviewCandidates ?? []}
              />
            ) : null}
          </div>
          <div class="case-history">
            <section aria-labelledby="history">
              <h2 id="history">{t('history')}</h2>
              <ol class="timeline" aria-label={t('historyCaption')}>
                {lines.map(({ event, line }) => (
                  <li key={event.id}>
                    <div class="event-meta">
                      <Time context={context} value={event.at} /> · {line.who} · {line.via}
                    </div>
                    <div class="event-text">
                      <EventText line={line} />
                    </div>
                  </li>
                ))}
              </ol>
            </section>
            <Callbacks context={context} view={view} t={t} />
            <Calls context={context} view={view} t={t} />
            <CallbackCallsSection
              context={context}
              reference={found.ref}
              calls={view.callbackCalls ?? []}
              staff={view.staff}
              t={t}
            />
            <Messages context={context} view={view} t={t} />
          </div>
        </div>
      </div>
    </Layout>
  );
}

/** The sentence, with the case it names as a link. */
function EventText({ line }: { line: EventLine }) {
  if (!line.ref || !line.text.includes(line.ref)) return <>{line.text}</>;
  const at = line.text.indexOf(line.ref);
  return (
    <>
      {line.text.slice(0, at)}
      <CaseLink reference={line.ref} />
      {line.text.slice(at + line.ref.length)}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

interface PartProps {
  context: PageContext;
  view: CaseView;
  t: CasesTranslate;
}

function Facts({ context, view, t }: PartProps) {
  const { found, merged, mergedInto } = view.detail;
  const when = (iso: string | null) => showDateTime(iso, context.zone, context.language);
  const overdue = (iso: string | null) =>
    isOpen(found.status) && iso !== null && new Date(iso) < view.now ? (
      <>
        {' '}
        <span class="badge badge-bad">{context.t('overdue')}</span>
      </>
    ) : null;
  const assignee = found.assigneeId === null ? null : view.staff.get(found.assigneeId);
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{t('facts')}</h2>
      <dl class="facts card">
        <Fact label={t('status')}>
          <StatusBadge context={context} status={found.status} />
          {found.missed ? <span class="muted"> · {t('missed')}</span> : null}
        </Fact>
        <Fact label={t('priority')}>
          <PriorityBadge context={context} priority={found.priority} />
        </Fact>
        <Fact label={t('category')}>{view.categories.name(found.category, context.language)}</Fact>
        <Fact label={t('place')}>{found.place ?? <span class="muted">{t('notKnown')}</span>}</Fact>
        <Fact label={t('channel')}>{context.t(`channel.${found.channel}`)}</Fact>
        <Fact label={t('phone')}>
          {found.phone ? (
            <a href={`tel:${found.phone}`}>{found.phone}</a>
          ) : (
            <span class="muted">{t('noPhone')}</span>
          )}
        </Fact>
        <Fact label={t('description')}>
          <span class="case-description">{found.description}</span>
        </Fact>
        <Fact label={t('assignee')}>
          {assignee ? assignee.name : <span class="badge badge-warn">{t('unassigned')}</span>}
        </Fact>
        <Fact label={t('created')}>
          <Time context={context} value={found.createdAt} />
        </Fact>
        {found.status === 'merged' ? null : (
          <>
            <Fact label={t('ackDue')}>
              {found.acknowledgedAt === null ? (
                <>
                  <Time context={context} value={found.ackDueAt} />
                  {overdue(found.ackDueAt)}
                </>
              ) : (
                <span class="muted">
                  <Time context={context} value={found.ackDueAt} /> · {t('acknowledgedAt')}{' '}
                  <Time context={context} value={found.acknowledgedAt} />
                </span>
              )}
            </Fact>
            <Fact label={t('due')}>
              <Time context={context} value={found.dueAt} />
              {overdue(found.dueAt)}
            </Fact>
          </>
        )}
        {found.result !== null ? (
          <>
            <Fact label={t('result')}>
              <span class="case-description">{found.result}</span>
            </Fact>
            <Fact label={t('resolvedAt')}>
              <Time context={context} value={found.resolvedAt} />
            </Fact>
            <Fact label={t('feedback')}>
              {found.feedbackDeliveredAt !== null
                ? t(found.feedbackVia === 'call' ? 'feedback.call' : 'feedback.sms', {
                    time: when(found.feedbackDeliveredAt),
                  })
                : found.feedbackSentAt !== null
                  ? t('feedback.sent', { time: when(found.feedbackSentAt) })
                  : t('notYet')}
            </Fact>
            <Fact label={t('satisfaction')}>
              {found.satisfactionAnswer !== null
                ? t(`satisfaction.${found.satisfactionAnswer}`, { time: when(found.satisfactionAnsweredAt) })
                : found.satisfactionAskedAt !== null
                  ? t('satisfaction.asked', { time: when(found.satisfactionAskedAt) })
                  : t('satisfaction.notAsked')}
            </Fact>
          </>
        ) : null}
        <Fact label={t('signOff')}>
          {found.signedOffAt !== null
            ? t('signOff.done', {
                name:
                  (found.signedOffBy === null ? null : view.staff.get(found.signedOffBy)?.name) ??
                  context.t('admin'),
                time: when(found.signedOffAt),
              })
            : t(needsSignOff(found) ? 'signOff.needed' : 'signOff.notNeeded')}
        </Fact>
        {found.concernsStaffId !== null ? (
          <Fact label={t('concernsFact')}>{view.staff.get(found.concernsStaffId)?.name ?? '–'}</Fact>
        ) : null}
        {mergedInto ? (
          <Fact label={t('mergedInto')}>
            <CaseLink reference={mergedInto.ref} />
          </Fact>
        ) : null}
        {merged.length > 0 ? (
          <Fact label={t('mergedFrom')}>
            <ul class="inline-list">
              {merged.map((item) => (
                <li key={item.ref}>
                  <CaseLink reference={item.ref} />
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function Callbacks({ context, view, t }: PartProps) {
  const tasks = view.detail.callbacks;
  if (tasks.length === 0) return null;
  const headers = [t('why'), t('due'), t('tries'), t('outcome')];
  return (
    <section aria-labelledby="callbacks">
      <h2 id="callbacks">{t('callbacks')}</h2>
      <StackTable caption={t('callbacks')} headers={headers}>
        {tasks.map((task) => (
          <tr key={task.id}>
            <td data-label={t('why')}>{t(`callbackReason.${task.reason}`)}</td>
            <td data-label={t('due')}>
              <Time context={context} value={task.dueAt} />
            </td>
            <td data-label={t('tries')}>{task.attempts}</td>
            <td data-label={t('outcome')}>
              {task.outcome === null ? (
                <span class="badge badge-warn">{t('open')}</span>
              ) : (
                <>
                  {t(`callbackOutcome.${task.outcome}`)}
                  {task.note ? <span class="muted"> · {task.note}</span> : null}
                </>
              )}
            </td>
          </tr>
        ))}
      </StackTable>
    </section>
  );
}

function Calls({ context, view, t }: PartProps) {
  const headers = [t('started'), t('caller'), t('outcome'), t('length'), t('takenBy'), t('rang')];
  const label = (key: string) => (isCasesKey(key) ? t(key) : key);
  return (
    <section aria-labelledby="calls">
      <h2 id="calls">{t('calls')}</h2>
      <StackTable caption={t('calls')} headers={headers}>
        {view.calls.length === 0 ? (
          <EmptyRow columns={headers.length} text={t('noCalls')} />
        ) : (
          view.calls.map((call) => (
            <tr key={call.callSid}>
              <td data-label={t('started')}>
                <Time context={context} value={call.startedAt} />
              </td>
              <td data-label={t('caller')}>{call.from}</td>
              <td data-label={t('outcome')}>
                {label(`callOutcome.${call.outcome ?? 'none'}`)}
                {call.missed ? <span class="badge badge-bad"> {t('missed')}</span> : null}
              </td>
              <td data-label={t('length')}>
                {call.durationSeconds === null ? '–' : t('seconds', { seconds: call.durationSeconds })}
              </td>
              <td data-label={t('takenBy')}>{call.acceptedBy?.name ?? '–'}</td>
              <td data-label={t('rang')}>
                {call.dialed.length === 0
                  ? '–'
                  : call.dialed
                      .map((attempt) => `${attempt.staff?.name ?? '–'} (${label(`dial.${attempt.result}`)})`)
                      .join(', ')}
              </td>
            </tr>
          ))
        )}
      </StackTable>
    </section>
  );
}

function Messages({ context, view, t }: PartProps) {
  const headers = [t('when'), t('direction'), t('text'), t('delivery')];
  const label = (key: string, fallback: string) => (isCasesKey(key) ? t(key) : fallback);
  return (
    <section aria-labelledby="messages">
      <h2 id="messages">{t('messages')}</h2>
      <StackTable caption={t('messages')} headers={headers}>
        {view.messages.length === 0 ? (
          <EmptyRow columns={headers.length} text={t('noMessages')} />
        ) : (
          view.messages.map((message, index) => (
            <tr key={`${message.direction}-${index}`}>
              <td data-label={t('when')}>
                <Time context={context} value={message.at} />
              </td>
              <td data-label={t('direction')}>
                {message.direction === 'in'
                  ? t('direction.in', { number: message.from })
                  : t('direction.out', { number: message.to })}
              </td>
              <td data-label={t('text')} class="message-body">
                {message.body}
              </td>
              <td data-label={t('delivery')}>
                {message.direction === 'in'
                  ? t('message.in')
                  : `${label(`outbox.${message.status}`, message.status)}${message.errorCode ? ` (${message.errorCode})` : ''}`}
              </td>
            </tr>
          ))
        )}
      </StackTable>
    </section>
  );
}
