import { PRIORITIES, type Priority } from '../../content/categories';
import { showDateTime } from '../format';
import { defineMessages } from '../i18n/i18n';
import type { DescribeContext } from './case-events';

// A group petition's events (recorded, corrected) read aloud; kept apart from the general
// case-events.i18n.ts like the other case-events.<feature>.ts.

const en = {
  petition_recorded: 'Group petition recorded: {headcount} people, represented by {names}{visit}{raised}',
  'petition_recorded.visit': ', visit on {date}',
  'petition_recorded.raised': '; a petition is important: priority {from} → {to}, result due {due}',
  petition_updated: 'Petition corrected: {changes}',
  'petition_updated.headcount': 'people {from} → {to}',
  'petition_updated.representatives': 'representatives {from} → {to}',
  'petition_updated.visitDate': 'visit {from} → {to}',
  'petition_updated.demands': 'demands now “{to}”',
  'petition.nameSeparator': ', ',
  separator: '; ',
  empty: 'none',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    petition_recorded: '登记群体信访：{headcount}人，代表{names}{visit}{raised}',
    'petition_recorded.visit': '，来访日期{date}',
    'petition_recorded.raised': '；群体信访为重要案件：优先级 {from} → {to}，办结时限{due}',
    petition_updated: '更正群体信访：{changes}',
    'petition_updated.headcount': '人数 {from} → {to}',
    'petition_updated.representatives': '代表 {from} → {to}',
    'petition_updated.visitDate': '来访日期 {from} → {to}',
    'petition_updated.demands': '诉求改为“{to}”',
    'petition.nameSeparator': '、',
    separator: '；',
    empty: '无',
  },
});

const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority);

/** A group petition recorded (with the priority it raised) or corrected (each change). */
export function describePetitionEvent(
  type: 'petition_recorded' | 'petition_updated',
  data: Record<string, unknown>,
  context: Pick<DescribeContext, 'language' | 'zone' | 'common'>,
): string {
  const t = messages(context.language);
  const names = (value: unknown) =>
    Array.isArray(value) ? value.map(String).join(t('petition.nameSeparator')) : '–';
  const shown = (value: unknown) => (typeof value === 'string' && value !== '' ? value : t('empty'));
  const change = (field: string) => data[field] as { from: unknown; to: unknown } | undefined;
  if (type === 'petition_recorded') {
    const priority = change('priority');
    const due = change('dueAt');
    return t('petition_recorded', {
      headcount: typeof data.headcount === 'number' ? data.headcount : '–',
      names: names(data.representatives),
      visit: typeof data.visitDate === 'string' ? t('petition_recorded.visit', { date: data.visitDate }) : '',
      raised:
        priority && isPriority(priority.from) && isPriority(priority.to)
          ? t('petition_recorded.raised', {
              from: context.common(`priority.${priority.from}`),
              to: context.common(`priority.${priority.to}`),
              due: due ? showDateTime(String(due.to), context.zone, context.language) : '–',
            })
          : '',
    });
  }
  const parts: string[] = [];
  const headcount = change('headcount');
  if (headcount)
    parts.push(t('petition_updated.headcount', { from: String(headcount.from), to: String(headcount.to) }));
  const representatives = change('representatives');
  if (representatives)
    parts.push(
      t('petition_updated.representatives', {
        from: names(representatives.from),
        to: names(representatives.to),
      }),
    );
  const visit = change('visitDate');
  if (visit) parts.push(t('petition_updated.visitDate', { from: shown(visit.from), to: shown(visit.to) }));
  const demands = change('demands');
  if (demands) parts.push(t('petition_updated.demands', { to: shown(demands.to) }));
  return t('petition_updated', { changes: parts.join(t('separator')) });
}
