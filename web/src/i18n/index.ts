/**
 * The workbench's languages: English, Spanish, French and Arabic (right to left). The language is
 * the browser's unless the user picks another (remembered in this browser); the document's `lang`
 * and `dir` follow it, and Mantine's direction with them.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { SCREEN_STRINGS } from '../screens/strings.ts';

export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'weft.language';

/** The direction a language is written in. */
export function directionOf(code: string): 'ltr' | 'rtl' {
  return LANGUAGES.find((language) => language.code === code)?.dir ?? 'ltr';
}

function initialLanguage(): LanguageCode {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  const wanted = [saved, ...navigator.languages].filter((value): value is string => typeof value === 'string');
  for (const tag of wanted) {
    const found = LANGUAGES.find((language) => language.code === tag.slice(0, 2).toLowerCase());
    if (found !== undefined) return found.code;
  }
  return 'en';
}

function applyToDocument(code: string): void {
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}

/** Starts i18next in the browser's (or the saved) language. */
export function initI18n(): void {
  const language = initialLanguage();
  const common = { en, es, fr, ar };
  const resources = Object.fromEntries(
    LANGUAGES.map(({ code }) => [
      code,
      {
        translation: common[code],
        ...Object.fromEntries(Object.entries(SCREEN_STRINGS).map(([screen, strings]) => [screen, strings[code]])),
      },
    ]),
  );
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // A screen's namespace first, then the common strings (app.…, purposes.…).
    fallbackNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(language);
  i18next.on('languageChanged', applyToDocument);
}

/** Switches the language and remembers it in this browser. */
export function chooseLanguage(code: LanguageCode): void {
  window.localStorage.setItem(STORAGE_KEY, code);
  void i18next.changeLanguage(code);
}
