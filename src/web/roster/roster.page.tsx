import type { ImportProblem } from '../../roster/roster.import.parse';
import { OVERRIDE_REASONS, POSITIONS } from '../../roster/roster.models';
import type { OverrideState } from '../../roster/roster.overrides';
import type { StoredOverride } from '../../roster/roster.repository';
import type { LabelledShift } from '../../roster/roster.shifts-query';
import type { RotationHistory } from '../../roster/roster.versions';
import { EmptyRow, StackTable, Time } from '../components';
import { showDateTime } from '../format';
import { FormToken, Layout } from '../layout/layout';
import type { PageContext } from '../web.context';
import { type RosterMessages, rosterMessages } from './roster.i18n';

export interface OverrideRow {
  override: StoredOverride;
  state: OverrideState;
  canCancel: boolean;
  /** For an absence: a gap it leaves, or who covers it; null for a cover alone or a cancelled one. */
  coverage: { gap: boolean; coverNames: string[] } | null;
  /** The rest of an uncovered absence, for a cover to be recorded in one step; null otherwise. */
  coverSpan: { from: string; to: string } | null;
}

/** What the record form holds: datetime-local texts in the hotline's zone, ids as texts. */
export interface RecordForm {
  absentStaffId: string;
  coverStaffId: string;
  position: string;
  from: string;
  to: string;
  reason: string;
}

export interface RosterView {
  canRecord: boolean;
  canImport: boolean;
  /** A feed of one's own shifts needs a staff member; the whole roster's is an admin's. */
  canOwnFeed: boolean;
  staff: { id: number; name: string; active: boolean }[];
  names: Map<number, string>;
  week: LabelledShift[];
  window: { from: string; to: string };
  overrides: OverrideRow[];
  /** More overrides fall in the window than are listed: a narrower window shows them. */
  overridesTruncated: boolean;
  rotations: RotationHistory[];
  form: RecordForm;
  formError: string | null;
  importProblems: ImportProblem[] | null;
  pasted: string;
  feedUrl: string | null;
  notice: { kind: 'done' | 'error'; text: string } | null;
}

export const EMPTY_FORM: RecordForm = {
  absentStaffId: '',
  coverStaffId: '',
  position: '',
  from: '',
  to: '',
  reason: 'sick',
};

/** /console/roster: rotations and their versions, the week ahead, overrides, import and feeds. */
export function RosterPage({ context, view }: { context: PageContext; view: RosterView }) {
  const t = rosterMessages(context.language);
  return (
    <Layout context={context} title={t('title')} notice={view.notice}>
      <div class="roster">
        {view.canRecord ? null : <p class="hint">{t('readOnly')}</p>}
        {view.feedUrl ? <FeedUrl t={t} url={view.feedUrl} /> : null}
        <WeekSection context={context} t={t} view={view} />
        <OverridesSection context={context} t={t} view={view} />
        {view.canRecord ? <RecordSection context={context} t={t} view={view} /> : null}
        <RotationsSection context={context} t={t} view={view} />
        <CalendarSection context={context} t={t} view={view} />
        {view.canImport ? <ImportSection context={context} t={t} view={view} /> : null}
      </div>
    </Layout>
  );
}

interface SectionProps {
  context: PageContext;
  t: RosterMessages;
  view: RosterView;
}

function FeedUrl({ t, url }: { t: RosterMessages; url: string }) {
  return (
    <div class="card roster-feed" role="status">
      <label for="feed-url">{t('feedUrl')}</label>
      <input id="feed-url" type="text" readOnly value={url} />
    </div>
  );
}

function WeekSection({ context, t, view }: SectionProps) {
  const headers = [t('position'), t('who'), t('from'), t('to'), t('source')];
  return (
    <section aria-labelledby="roster-week">
      <h2 id="roster-week">{t('week')}</h2>
      <StackTable caption={t('week')} headers={headers}>
        {view.week.length === 0 ? (
          <EmptyRow columns={headers.length} text={t('noShifts')} />
        ) : (
          view.week.map((shift) => (
            <tr key={`${shift.position}-${shift.from.toISOString()}`}>
              <td data-label={t('position')}>{context.t(`position.${shift.position}`)}</td>
              <td data-label={t('who')}>
                {shift.staff ? shift.staff.name : <span class="badge badge-bad">{context.t('nobody')}</span>}
              </td>
              <td data-label={t('from')}>
                <Time context={context} value={shift.from} />
              </td>
              <td data-label={t('to')}>
                <Time context={context} value={shift.to} />
              </td>
              <td data-label={t('source')}>
                {shift.source === null
                  ? '–'
                  : shift.source.kind === 'rotation'
                    ? t('source.rotation', { name: shift.source.name })
                    : t('source.override', { reason: t(`reason.${shift.source.reason}`) })}
              </td>
            </tr>
          ))
        )}
      </StackTable>
    </section>
  );
}

function OverridesSection({ context, t, view }: SectionProps) {
  const name = (id: number | null) => (id === null ? '–' : (view.names.get(id) ?? `#${id}`));
  const headers = [
    t('position'),
    t('absent'),
    t('cover'),
    t('from'),
    t('to'),
    t('reason'),
    t('state'),
    t('coverage'),
    ...(view.canRecord ? [t('actions')] : []),
  ];
  return (
    <section aria-labelledby="roster-overrides">
      <h2 id="roster-overrides">{t('overrides')}</h2>
      <form method="get" action="/console/roster" class="actions roster-window">
        <div>
          <label for="window-from">{t('windowFrom')}</label>
          <input id="window-from" type="date" name="from" value={view.window.from} required />
        </div>
        <div>
          <label for="window-to">{t('windowTo')}</label>
          <input id="window-to" type="date" name="to" value={view.window.to} required />
        </div>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      <StackTable caption={t('overrides')} headers={headers}>
        {view.overrides.length === 0 ? (
          <EmptyRow columns={headers.length} text={t('noOverrides')} />
        ) : (
          view.overrides.map((row) => {
            const { override } = row;
            return (
              <tr key={override.id} class={row.state === 'cancelled' ? 'roster-cancelled' : undefined}>
                <td data-label={t('position')}>{context.t(`position.${override.position}`)}</td>
                <td data-label={t('absent')}>{name(override.absentStaffId)}</td>
                <td data-label={t('cover')}>{name(override.coverStaffId)}</td>
                <td data-label={t('from')}>
                  <Time context={context} value={override.from} />
                </td>
                <td data-label={t('to')}>
                  <Time context={context} value={override.to} />
                </td>
                <td data-label={t('reason')}>{t(`reason.${override.reason}`)}</td>
                <td data-label={t('state')}>
                  <StateBadge context={context} t={t} row={row} />
                </td>
                <td data-label={t('coverage')}>
                  {row.coverage === null ? (
                    '–'
                  ) : row.coverage.gap ? (
                    <span class="badge badge-bad">{t('coverage.gap')}</span>
                  ) : row.coverage.coverNames.length > 0 ? (
                    <span class="badge badge-ok">
                      {t('coverage.covered', { names: row.coverage.coverNames.join(', ') })}
                    </span>
                  ) : (
                    <span class="muted">{t('coverage.none')}</span>
                  )}
                </td>
                {view.canRecord ? (
                  <td data-label={t('actions')}>
                    <OverrideActions context={context} t={t} view={view} row={row} />
                  </td>
                ) : null}
              </tr>
            );
          })
        )}
      </StackTable>
      {view.overridesTruncated ? (
        <p class="hint">{t('truncated', { count: view.overrides.length })}</p>
      ) : null}
    </section>
  );
}

function StateBadge({ context, t, row }: { context: PageContext; t: RosterMessages; row: OverrideRow }) {
  switch (row.state) {
    case 'cancelled':
      return (
        <span class="badge badge-muted">
          {t('state.cancelled', {
            time: showDateTime(row.override.cancelledAt, context.zone, context.language),
          })}
        </span>
      );
    case 'under_way':
      return <span class="badge badge-info">{t('state.under_way')}</span>;
    case 'over':
      return <span class="muted">{t('state.over')}</span>;
    default:
      return <span>{t('state.planned')}</span>;
  }
}

function OverrideActions({ context, t, view, row }: SectionProps & { row: OverrideRow }) {
  const { override } = row;
  const id = override.id;
  return (
    <div class="roster-row-actions">
      {row.coverSpan ? (
        <form method="post" action="/console/roster/overrides" class="roster-cover-it">
          <FormToken context={context} />
          <input type="hidden" name="position" value={override.position} />
          <input type="hidden" name="from" value={row.coverSpan.from} />
          <input type="hidden" name="to" value={row.coverSpan.to} />
          <input type="hidden" name="reason" value={override.reason} />
          <label for={`cover-it-${id}`}>{t('coverWho')}</label>
          <select id={`cover-it-${id}`} name="coverStaffId" required>
            <option value="">{t('nobodyOption')}</option>
            {view.staff
              .filter((member) => member.active && member.id !== override.absentStaffId)
              .map((member) => (
                <option key={member.id} value={String(member.id)}>
                  {member.name}
                </option>
              ))}
          </select>
          <button type="submit">{t('coverIt')}</button>
        </form>
      ) : null}
      {row.canCancel ? (
        <form method="post" action={`/console/roster/overrides/${id}/cancel`}>
          <FormToken context={context} />
          <button type="submit" class="secondary">
            {t('cancel')} <span class="visually-hidden">{t('cancelWhat', { id })}</span>
          </button>
        </form>
      ) : null}
    </div>
  );
}

function RecordSection({ context, t, view }: SectionProps) {
  const { form } = view;
  return (
    <section aria-labelledby="roster-record" class="card">
      <h2 id="roster-record">{t('record')}</h2>
      <p class="hint">{t('recordHint')}</p>
      {/* The page's alert at the top says it too; this one stands by the form, for the eye. */}
      {view.formError ? <p class="notice notice-error">{view.formError}</p> : null}
      <form method="post" action="/console/roster/overrides" class="roster-record">
        <FormToken context={context} />
        <div class="field">
          <label for="record-absent">{t('absentLabel')}</label>
          <select id="record-absent" name="absentStaffId">
            <option value="">{t('nobodyOption')}</option>
            {view.staff.map((member) => (
              <option
                key={member.id}
                value={String(member.id)}
                selected={form.absentStaffId === String(member.id)}
              >
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="record-cover">{t('coverLabel')}</label>
          <select id="record-cover" name="coverStaffId">
            <option value="">{t('nobodyOption')}</option>
            {view.staff
              .filter((member) => member.active)
              .map((member) => (
                <option
                  key={member.id}
                  value={String(member.id)}
                  selected={form.coverStaffId === String(member.id)}
                >
                  {member.name}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="record-position">{t('positionLabel')}</label>
          <select id="record-position" name="position">
            <option value="">{t('positionAuto')}</option>
            {POSITIONS.map((position) => (
              <option key={position} value={position} selected={form.position === position}>
                {context.t(`position.${position}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="record-from">{t('fromLabel')}</label>
          <input
            id="record-from"
            type="datetime-local"
            name="from"
            value={form.from}
            required
            aria-describedby="record-times"
          />
        </div>
        <div class="field">
          <label for="record-to">{t('toLabel')}</label>
          <input
            id="record-to"
            type="datetime-local"
            name="to"
            value={form.to}
            required
            aria-describedby="record-times"
          />
          <p class="hint" id="record-times">
            {t('timesHint', { zone: context.zone })}
          </p>
        </div>
        <div class="field">
          <label for="record-reason">{t('reasonLabel')}</label>
          <select id="record-reason" name="reason">
            {OVERRIDE_REASONS.map((reason) => (
              <option key={reason} value={reason} selected={form.reason === reason}>
                {t(`reason.${reason}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('recordSubmit')}</button>
      </form>
    </section>
  );
}

function RotationsSection({ context, t, view }: SectionProps) {
  const names = (ids: number[]) => ids.map((id) => view.names.get(id) ?? `#${id}`).join(', ');
  return (
    <section aria-labelledby="roster-rotations">
      <h2 id="roster-rotations">{t('rotations')}</h2>
      {view.rotations.length === 0 ? <p class="muted">{t('noRotations')}</p> : null}
      <div class="roster-rotations">
        {view.rotations.map(({ rotationId, current, versions }) => (
          <article class="card roster-rotation" key={rotationId} aria-labelledby={`rotation-${rotationId}`}>
            <h3 id={`rotation-${rotationId}`}>
              {current.name} <span class="muted">· {context.t(`position.${current.position}`)}</span>
            </h3>
            <p class="roster-shift">
              {t('shift', {
                hours: current.shiftHours,
                time: current.startLocal.slice(11, 16),
                zone: current.timezone,
              })}
            </p>
            <dl class="facts">
              <dt>{t('members')}</dt>
              <dd>{names(current.members)}</dd>
              <dt>{t('days')}</dt>
              <dd>
                {current.weekdays
                  ? current.weekdays
                      .map((day) => t(`weekday.${day}` as `weekday.${1 | 2 | 3 | 4 | 5 | 6 | 7}`))
                      .join(' ')
                  : t('everyDay')}
              </dd>
              <dt>{t('hours')}</dt>
              <dd>{current.window ? `${current.window.start}–${current.window.end}` : t('allDay')}</dd>
            </dl>
            <details>
              <summary>{t('versions', { count: versions.length })}</summary>
              <StackTable
                caption={t('versions', { count: versions.length })}
                headers={[t('effectiveFrom'), t('changed')]}
              >
                {[...versions].reverse().map(({ version, changed }) => (
                  <tr key={version.effectiveFrom}>
                    <td data-label={t('effectiveFrom')}>
                      <Time context={context} value={version.effectiveFrom} />
                      {version === current ? <span class="badge badge-ok">{t('current')}</span> : null}
                    </td>
                    <td data-label={t('changed')}>
                      {changed.length === 0
                        ? t('created')
                        : changed.map((field) => t(`field.${field}`)).join(', ')}
                      {changed.includes('members') ? (
                        <span class="muted"> ({names(version.members)})</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </StackTable>
            </details>
          </article>
        ))}
      </div>
    </section>
  );
}

function CalendarSection({ context, t, view }: SectionProps) {
  return (
    <section aria-labelledby="roster-calendar">
      <h2 id="roster-calendar">{t('calendar')}</h2>
      <p class="hint">{t('calendarHint')}</p>
      <div class="actions">
        {view.canOwnFeed ? (
          <form method="post" action="/console/roster/calendar">
            <FormToken context={context} />
            <input type="hidden" name="scope" value="mine" />
            <button type="submit" class="secondary">
              {t('myFeed')}
            </button>
          </form>
        ) : (
          <p class="muted">{t('noOwnFeed')}</p>
        )}
        {view.canImport ? (
          <form method="post" action="/console/roster/calendar">
            <FormToken context={context} />
            <input type="hidden" name="scope" value="all" />
            <button type="submit" class="secondary">
              {t('allFeed')}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

function ImportSection({ context, t, view }: SectionProps) {
  const problems = view.importProblems;
  return (
    <section aria-labelledby="roster-import" class="card">
      <h2 id="roster-import">{t('import')}</h2>
      <p class="hint">{t('importHint')}</p>
      {problems ? (
        <div class="roster-problems">
          <p class="notice notice-error">{t('problems', { count: problems.length })}</p>
          <StackTable
            caption={t('problems', { count: problems.length })}
            headers={[t('line'), t('column'), t('problem')]}
          >
            {problems.map((problem, index) => (
              <tr key={`${problem.row}-${index}`}>
                <td data-label={t('line')}>{problem.row}</td>
                <td data-label={t('column')}>{problem.field ?? '–'}</td>
                <td data-label={t('problem')}>
                  {problem.label ? <span class="muted">{problem.label}: </span> : null}
                  {problem.message}
                </td>
              </tr>
            ))}
          </StackTable>
        </div>
      ) : null}
      <form method="post" action="/console/roster/import" enctype="multipart/form-data">
        <FormToken context={context} />
        <div class="field">
          <label for="import-file">{t('fileLabel')}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label for="import-paste">{t('pasteLabel')}</label>
          <textarea id="import-paste" name="csv" rows={6} spellcheck={false} value={view.pasted} />
        </div>
        <button type="submit">{t('importSubmit')}</button>
      </form>
    </section>
  );
}
