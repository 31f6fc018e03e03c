import type { ComponentChildren } from 'preact';
import { PRIORITIES } from '../../content/categories';
import type { PublicMonth, PublicRow } from '../../public/public.models';
import { MINIMUM_COUNT } from '../../public/public.models';
import { nameOfRow, type PublicNames } from '../../public/public.presenter';
import type { PublicFigures } from '../../public/public.usecases';
import type { Language } from '../../staff/staff.models';
import { CompactTable, StackTable } from '../components';
import { showDateTime } from '../format';
import { percentOf } from '../reports/kpis/kpis.page';
import { type PublicTranslate, publicMessages } from './public.i18n';

export interface PublicView {
  language: Language;
  figures: PublicFigures;
  /** The month whose details are shown. */
  month: PublicMonth;
  names: PublicNames;
}

const htmlLang = (language: Language) => (language === 'zh-CN' ? 'zh-Hans' : 'en');
const otherLanguage = (language: Language): Language => (language === 'zh-CN' ? 'en' : 'zh-CN');

export const publicHref = (language: Language, month?: string) =>
  `/public?lang=${language}${month ? `&month=${month}` : ''}`;

/** Hours as a citizen says them: minutes under an hour, days for whole days beyond two. */
export function durationInWords(t: PublicTranslate, hours: number): string {
  if (hours < 1) return t('minutes', { count: Math.round(hours * 60) });
  if (hours === 1) return t('hour');
  if (hours >= 48 && hours % 24 === 0) return t('days', { count: hours / 24 });
  return t('hours', { count: hours });
}

/** "February 2027", or "Feb 2027" where a table must fit a phone. */
export function monthName(month: string, language: Language, short = false): string {
  const [year, number] = month.split('-').map(Number);
  if (language === 'zh-CN') return `${year}年${number}月`;
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleString('en-US', {
    month: short ? 'short' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A rate, or a dash that a screen reader reads as why there is none. */
function RateText({ t, rate }: { t: PublicTranslate; rate: number | null }) {
  if (rate !== null) return <>{percentOf(rate)}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span class="visually-hidden">{t('notShown', { minimum: MINIMUM_COUNT })}</span>
    </>
  );
}

/** /public: the bureau's commitments and monthly figures for anyone, with no login and no cookie. */
export function PublicPage({ view }: { view: PublicView }) {
  const { language, figures, month, names } = view;
  const t = publicMessages(language);
  const other = otherLanguage(language);
  const monthLabel = (each: PublicMonth, short = false) => {
    const name = monthName(each.month, language, short);
    return each.complete ? name : t('soFar', { month: name });
  };
  return (
    <html lang={htmlLang(language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('title')} · ${t('brand')}`}</title>
        <link rel="stylesheet" href="/public/assets/public.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skipToContent')}
        </a>
        <header class="banner">
          <span class="brand">{t('brand')}</span>
          <nav aria-label={t('language')} class="who">
            <a href={publicHref(other, month.month)} lang={htmlLang(other)} hreflang={htmlLang(other)}>
              {t('otherLanguage')}
            </a>
          </nav>
        </header>
        <main id="main" class="report public">
          <h1>{t('title')}</h1>
          <p class="muted">{t('intro')}</p>

          <section aria-labelledby="commitments">
            <h2 id="commitments">{t('commitments')}</h2>
            <p>{t('commitmentsIntro')}</p>
            <StackTable
              caption={t('commitments')}
              headers={[t('category'), ...PRIORITIES.map((priority) => t(`priority.${priority}`))]}
            >
              {names.categories.list.map((category) => (
                <tr key={category.id}>
                  <th scope="row">{category.name[language]}</th>
                  {PRIORITIES.map((priority) => (
                    <td key={priority} data-label={t(`priority.${priority}`)}>
                      {t('promise', {
                        acknowledge: durationInWords(t, category.commitments[priority].acknowledgeHours),
                        result: durationInWords(t, category.commitments[priority].resultHours),
                      })}
                    </td>
                  ))}
                </tr>
              ))}
            </StackTable>
          </section>

          <section aria-labelledby="overview">
            <h2 id="overview">{t('overview')}</h2>
            <p class="muted">{t('overviewIntro')}</p>
            <FiguresTable t={t} caption={t('monthTable')} head={t('month')}>
              {[...figures.months].reverse().map((each) => (
                <FiguresRow key={each.month} t={t} row={each.total}>
                  <a
                    href={`${publicHref(language, each.month)}#details`}
                    aria-current={each.month === month.month ? 'true' : undefined}
                  >
                    {monthLabel(each, true)}
                  </a>
                </FiguresRow>
              ))}
            </FiguresTable>
          </section>

          <section aria-labelledby="details">
            <h2 id="details">{t('details', { month: monthLabel(month) })}</h2>
            <form method="get" action="/public#details" class="window-form">
              <input type="hidden" name="lang" value={language} />
              <div class="field">
                <label for="month">{t('chooseMonth')}</label>
                <select id="month" name="month">
                  {[...figures.months].reverse().map((each) => (
                    <option key={each.month} value={each.month} selected={each.month === month.month}>
                      {monthLabel(each)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <button type="submit" class="secondary">
                  {t('show')}
                </button>
              </div>
            </form>
            {month.total.volume === 0 && month.byCategory.length === 0 ? (
              <p class="muted">{t('nothing')}</p>
            ) : (
              <>
                <h3 id="by-category">{t('byCategory')}</h3>
                <FiguresTable t={t} caption={t('byCategory')} head={t('category')}>
                  {month.byCategory.map((row) => (
                    <FiguresRow key={row.key} t={t} row={row}>
                      {nameOfRow(names, 'category', row.key, language)}
                    </FiguresRow>
                  ))}
                </FiguresTable>
                <h3 id="by-place">{t('byPlace')}</h3>
                <FiguresTable t={t} caption={t('byPlace')} head={t('place')}>
                  {month.byPlace.map((row) => (
                    <FiguresRow key={row.key} t={t} row={row}>
                      {nameOfRow(names, 'place', row.key, language)}
                    </FiguresRow>
                  ))}
                </FiguresTable>
              </>
            )}
          </section>

          <section aria-labelledby="how">
            <h2 id="how">{t('howWeCount')}</h2>
            <ul class="definitions">
              <li>{t('def.complaints')}</li>
              <li>{t('def.onTime')}</li>
              <li>{t('def.feedback')}</li>
              <li>{t('def.satisfied')}</li>
              <li>{t('def.small', { minimum: MINIMUM_COUNT })}</li>
              <li>{t('def.months', { zone: figures.timezone })}</li>
            </ul>
            <p>
              <a href="/public/figures.json">{t('json')}</a>
            </p>
          </section>
        </main>
        <footer class="footer">
          <p>{t('asOf', { time: showDateTime(figures.generatedAt, figures.timezone, language) })}</p>
        </footer>
      </body>
    </html>
  );
}

function FiguresTable({
  t,
  caption,
  head,
  children,
}: {
  t: PublicTranslate;
  caption: string;
  head: string;
  children: ComponentChildren;
}) {
  return (
    <CompactTable
      caption={caption}
      headers={[head, t('complaints'), t('onTime'), t('feedback'), t('satisfied')]}
    >
      {children}
    </CompactTable>
  );
}

function FiguresRow({
  t,
  row,
  children,
}: {
  t: PublicTranslate;
  row: PublicRow;
  children: ComponentChildren;
}) {
  return (
    <tr>
      <th scope="row">{children}</th>
      <td class="num">{row.volume}</td>
      <td class="num">
        <RateText t={t} rate={row.onTimeRate} />
      </td>
      <td class="num">
        <RateText t={t} rate={row.feedbackRate} />
      </td>
      <td class="num">
        <RateText t={t} rate={row.satisfactionRate} />
      </td>
    </tr>
  );
}
