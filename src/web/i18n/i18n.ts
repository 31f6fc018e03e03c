import type { Language } from '../../staff/staff.models';

export type Vars = Record<string, string | number>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/**
 * A page group's texts in both languages. The Chinese texts must have exactly the English keys
 * (the type says so), so a page never shows a key name for want of a translation.
 */
export function defineMessages<K extends string>(messages: {
  en: Record<K, string>;
  'zh-CN': Record<K, string>;
}): (language: Language) => Translate<K> {
  return (language) => (key, vars) => fill(messages[language][key], vars);
}

function fill(text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
