import { PRIORITIES, type Priority } from '../../content/categories';
import { showDateTime } from '../format';
import { defineMessages } from '../i18n/i18n';
import type { DescribeContext } from './case-events';

// Triage (category, priority, place and deadlines changed by hand) read aloud, one part per
// change; kept apart from the general case-events.i18n.ts like the other case-events.<feature>.ts.

const en = {
  triaged: 'Triaged: {changes}',
  'triaged.category': 'category {from} → {to}',
  'triaged.priority': 'priority {from} → {to}',
  'triaged.place': 'place {from} → {to}',
  'triaged.placeId': 'gazetteer place {from} → {to}',
  'triaged.dueAt': 'result due {from} → {to}',
  'triaged.ackDueAt': 'acknowledge by {from} → {to}',
  separator: '; ',
  empty: 'none',
};

const messages = defineMessages<keyof typeof en>({
  en,
  'zh-CN': {
    triaged: '分类定级：{changes}',
    'triaged.category': '分类 {from} → {to}',
    'triaged.priority': '优先级 {from} → {to}',
    'triaged.place': '地点 {from} → {to}',
    'triaged.placeId': '地名库地点 {from} → {to}',
    'triaged.dueAt': '办结时限 {from} → {to}',
    'triaged.ackDueAt': '签收时限 {from} → {to}',
    separator: '；',
    empty: '无',
  },
});

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority);

/** The sentence for a triage event: each change the triage made. */
export function describeTriageEvent(data: Record<string, unknown>, context: DescribeContext): string {
  const t = messages(context.language);
  const { common } = context;
  const parts: string[] = [];
  const change = (field: string) => data[field] as { from: unknown; to: unknown } | undefined;
  const none = t('empty');
  const category = change('category');
  if (category)
    parts.push(
      t('triaged.category', {
        from: context.categoryName(String(category.from)),
        to: context.categoryName(String(category.to)),
      }),
    );
  const priority = change('priority');
  if (priority && isPriority(priority.from) && isPriority(priority.to))
    parts.push(
      t('triaged.priority', {
        from: common(`priority.${priority.from}`),
        to: common(`priority.${priority.to}`),
      }),
    );
  const place = change('place');
  if (place) parts.push(t('triaged.place', { from: str(place.from) ?? none, to: str(place.to) ?? none }));
  // The same text now (or no longer) naming a gazetteer place: say which, or the line would be empty.
  const placeId = change('placeId');
  if (placeId && !place) {
    const named = (id: unknown) => (typeof id === 'string' ? context.placeName(id) : none);
    parts.push(t('triaged.placeId', { from: named(placeId.from), to: named(placeId.to) }));
  }
  for (const field of ['ackDueAt', 'dueAt'] as const) {
    const deadline = change(field);
    if (deadline)
      parts.push(
        t(`triaged.${field}`, {
          from: str(deadline.from)
            ? showDateTime(String(deadline.from), context.zone, context.language)
            : none,
          to: str(deadline.to) ? showDateTime(String(deadline.to), context.zone, context.language) : none,
        }),
      );
  }
  return t('triaged', { changes: parts.join(t('separator')) });
}
