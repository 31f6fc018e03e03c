import type { GapView } from '../../reports/duty-gaps.render';
import { POSITIONS, type Position } from '../../roster/roster.positions';
import { EmptyRow, StackTable, Time } from '../components';
import { showDateTime } from '../format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../web.context';
import { todayMessages } from './today.i18n';

export interface NamedShift {
  name: string;
  from: Date;
  to: Date;
}

export interface TodayView {
  /** Per position: the shift going on now and the one after it, from the resolved roster. */
  duty: Record<Position, { now: NamedShift | null; next: NamedShift | null }>;
  figures: { open: number; overdue: number; missed: number; abandoned: number };
  attention: string[];
  attentionTotal: number;
  gaps: GapView[];
}

/** /console for supervisors: who is on duty, what needs attention, where the roster has holes. */
export function TodayPage({ context, view }: { context: PageContext; view: TodayView }) {
  const t = todayMessages(context.language);
  const who = (shift: NamedShift | null) => shift?.name ?? context.t('nobody');
  return (
    <Layout context={context} title={t('title')}>
      <section aria-labelledby="on-duty">
        <h2 id="on-duty">{t('onDuty')}</h2>
        <StackTable caption={t('onDuty')} headers={[t('position'), t('now'), t('next')]}>
          {POSITIONS.map((position) => {
            const { now, next } = view.duty[position];
            return (
              <tr key={position}>
                <th scope="row">{context.t(`position.${position}`)}</th>
                <td data-label={t('now')}>
                  <strong class={now ? undefined : 'badge badge-bad'}>{who(now)}</strong>
                  {now ? (
                    <span class="muted">
                      {' '}
                      ({t('until', { time: showDateTime(now.to, context.zone, context.language) })})
                    </span>
                  ) : null}
                </td>
                <td data-label={t('next')}>
                  {next ? (
                    <>
                      {who(next)}{' '}
                      <span class="muted">
                        (<Time context={context} value={next.from} />)
                      </span>
                    </>
                  ) : (
                    <span class="muted">–</span>
                  )}
                </td>
              </tr>
            );
          })}
        </StackTable>
      </section>

      <section aria-labelledby="figures" class="cards">
        <h2 id="figures" class="visually-hidden">
          {t('open')}
        </h2>
        {(
          [
            ['open', view.figures.open],
            ['overdue', view.figures.overdue],
            ['missed', view.figures.missed],
            ['abandoned', view.figures.abandoned],
          ] as const
        ).map(([key, value]) => (
          <div class="card" key={key}>
            <div class="figure">{value}</div>
            <div class="figure-label">{t(key)}</div>
          </div>
        ))}
      </section>

      <section aria-labelledby="attention">
        <h2 id="attention">
          {t('attention')} ({view.attentionTotal})
        </h2>
        <p class="hint">{t('attentionHint')}</p>
        {view.attention.length === 0 ? (
          <p class="muted">{t('noAttention')}</p>
        ) : (
          <ul>
            {view.attention.map((ref) => (
              <li key={ref}>
                <a href={`/console/cases/${ref}`}>{ref}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="gaps">
        <h2 id="gaps">{t('gaps')}</h2>
        <StackTable caption={t('gaps')} headers={[t('position'), t('gapFrom'), t('gapTo'), t('cause')]}>
          {view.gaps.length === 0 ? (
            <EmptyRow columns={4} text={t('noGaps')} />
          ) : (
            view.gaps.map((gap) => (
              <tr key={`${gap.position}-${gap.from}`}>
                <td data-label={t('position')}>{context.t(`position.${gap.position}`)}</td>
                <td data-label={t('gapFrom')}>
                  <Time context={context} value={gap.from} />
                </td>
                <td data-label={t('gapTo')}>
                  <Time context={context} value={gap.to} />
                </td>
                <td data-label={t('cause')}>
                  <span class="badge badge-bad">
                    {t(`cause.${gap.cause}`, { name: gap.staff?.name ?? '' })}
                  </span>
                </td>
              </tr>
            ))
          )}
        </StackTable>
        <p>
          <a href="/console/duty-gaps">{t('seeReport')}</a>
        </p>
      </section>
    </Layout>
  );
}
