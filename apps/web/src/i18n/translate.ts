import en from './en.json';
import zhCN from './zh-CN.json';
import type { Locale } from './locales';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/** Every shipped language has every key (the type checks it here, a test checks the placeholders). */
export const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export type MessageValues = Record<string, string | number>;

function interpolate(template: string, values: MessageValues | undefined): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** `t('panel.retry')`, `t('filters.teamsSelected', { count: 3 })`. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key, values) => interpolate(messages[key] ?? MESSAGES.en[key] ?? key, values);
}

/** A key that comes from data (a dashboard file, a metric id): the key itself when it is unknown. */
export function translateDynamic(locale: Locale, key: string, values?: MessageValues): string {
  return isMessageKey(key) ? translator(locale)(key, values) : key;
}

/** Dashboard text: an i18n key, or the text itself per language. */
export type Text = string | { en: string; 'zh-CN': string };

export function resolveText(locale: Locale, text: Text): string {
  return typeof text === 'string' ? translateDynamic(locale, text) : text[locale];
}
