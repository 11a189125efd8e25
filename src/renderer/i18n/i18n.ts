/**
 * i18next setup. Indonesian is the default and the fallback; English is second. Every
 * user-visible string lives in `id.json` / `en.json`; components only use keys.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import id from './id.json';
import en from './en.json';

/** Languages the UI ships, in menu order. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'alur.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'id';
}

/** Initialises i18next once, before the first render. */
export function initI18n(): typeof i18next {
  // The resources are bundled, so init finishes at once; a failure would be a bug, and the UI
  // then shows the keys themselves, which a screenshot in a report makes plain.
  i18next
    .use(initReactI18next)
    .init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: initialLanguage(),
      fallbackLng: 'id',
      // React escapes text already; double escaping would show &amp; in labels.
      interpolation: { escapeValue: false },
      returnNull: false,
    })
    .catch((e: unknown) => console.error('i18n init', e));
  return i18next;
}

/** Switches the language and remembers the choice on this workstation. */
export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  // Bundled resources: nothing is loaded, so there is nothing to wait for.
  i18next.changeLanguage(lang).catch((e: unknown) => console.error('i18n language', e));
}
