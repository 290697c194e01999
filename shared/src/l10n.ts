import type { Localized } from './rules/types';

/** User-facing language: Chinese (the default) or English. */
export type Locale = 'zh' | 'en';

export function localize(text: Localized, locale: Locale = 'zh'): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Maps an editor/OS locale tag (`zh-cn`, `en-US`, `en`) to ours: English only when it says so. */
export function toLocale(tag: string | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'zh';
}
