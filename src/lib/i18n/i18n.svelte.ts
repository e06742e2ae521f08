import { translate, type Locale, type MessageKey } from './messages';

const LOCALE_KEY = 'chizu-dojo.locale';

/** The UI language: Japanese unless the user switched; remembered in localStorage (a preference, not work). */
class I18n {
  locale = $state<Locale>(readStoredLocale());

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);

  /** Text given in both languages by data (curricula, gallery): English where the author gave it. */
  pick = (text: { ja: string; en?: string }): string => (this.locale === 'en' ? (text.en ?? text.ja) : text.ja);

  setLocale(locale: Locale): void {
    this.locale = locale;
    document.documentElement.lang = locale;
    localStorage.setItem(LOCALE_KEY, locale);
  }
}

function readStoredLocale(): Locale {
  if (typeof localStorage === 'undefined') return 'ja';
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ja';
}

export const i18n = new I18n();
