import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { navigate, useViewState } from '../state/navigation';
import { isLocale, type Locale } from './locales';
import { translator, type Translate } from './translate';

const STORAGE_KEY = 'uplift.lang';

type I18n = { locale: Locale; t: Translate; setLocale: (locale: Locale) => void };

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale | undefined {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function browserLocale(): Locale {
  return navigator.languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The language: `lang` in the URL wins (a shared link opens in its language), then the stored choice, then the browser's. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const viewState = useViewState();
  const [preferred, setPreferred] = useState<Locale>(() => storedLocale() ?? browserLocale());
  const locale = viewState.lang ?? preferred;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      setPreferred(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // storage disabled: the URL still carries the choice
      }
      navigate({ ...viewState, lang: next }, { replace: true });
    },
    [viewState],
  );

  const value = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
