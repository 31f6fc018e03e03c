import { type Categories, PRIORITIES } from '../content/categories';
import type { Places } from '../content/places';
import { LANGUAGES, type Language } from '../staff/staff.models';
import { MINIMUM_COUNT, OTHER, type PublicRow } from './public.models';
import type { PublicFigures } from './public.usecases';

export interface PublicNames {
  categories: Pick<Categories, 'name' | 'list'>;
  places: Pick<Places, 'name'>;
}

const OTHER_NAME: Record<Language, string> = { 'zh-CN': '其他', en: 'Other' };

/** A row's public name: the category's or the gazetteer's, never a text staff or a citizen typed. */
export function nameOfRow(
  names: PublicNames,
  kind: 'category' | 'place',
  key: string,
  language: Language,
): string {
  if (key === OTHER) return OTHER_NAME[language];
  const name = kind === 'category' ? names.categories.name(key, language) : names.places.name(key, language);
  return name ?? OTHER_NAME[language];
}

const bothNames = (names: PublicNames, kind: 'category' | 'place', key: string) =>
  Object.fromEntries(LANGUAGES.map((language) => [language, nameOfRow(names, kind, key, language)]));

/** The service commitments, in hours, per category and priority, as categories.json states them. */
export function presentCommitments(names: PublicNames) {
  return names.categories.list.map((category) => ({
    category: category.id,
    name: category.name,
    ...Object.fromEntries(PRIORITIES.map((priority) => [priority, category.commitments[priority]])),
  }));
}

/** GET /public/figures.json: the page's figures with names in both languages. */
export function presentPublicFigures(figures: PublicFigures, names: PublicNames) {
  const named = (kind: 'category' | 'place') => (row: PublicRow) => {
    const { key, ...rest } = row;
    return { id: key, name: bothNames(names, kind, key), ...rest };
  };
  return {
    generatedAt: figures.generatedAt,
    timezone: figures.timezone,
    minimumCount: MINIMUM_COUNT,
    commitments: presentCommitments(names),
    months: figures.months.map((month) => ({
      month: month.month,
      from: month.from.toISOString(),
      to: month.to.toISOString(),
      complete: month.complete,
      total: (({ key: _key, ...rest }) => rest)(month.total),
      byCategory: month.byCategory.map(named('category')),
      byPlace: month.byPlace.map(named('place')),
    })),
  };
}
