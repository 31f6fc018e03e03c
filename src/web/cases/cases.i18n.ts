import { defineMessages } from '../i18n/i18n';
import { casesEn } from './cases.i18n.en';
import { casesZh } from './cases.i18n.zh';

export const casesMessages = defineMessages({ en: casesEn, 'zh-CN': casesZh });

export type CasesKey = keyof typeof casesEn;
export type CasesTranslate = ReturnType<typeof casesMessages>;

export function isCasesKey(key: string): key is CasesKey {
  return Object.hasOwn(casesEn, key);
}
