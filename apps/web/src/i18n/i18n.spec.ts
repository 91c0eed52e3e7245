import { loadDashboards } from '@uplift/dashboards';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { MESSAGES, isMessageKey, resolveText, translateDynamic, translator } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
  it('every language has every key, with the same placeholders', () => {
    const english = MESSAGES.en;
    for (const locale of LOCALES) {
      const messages = MESSAGES[locale];
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english[key as keyof typeof english]));
      }
    }
  });

  it('has a name and a definition for every catalog metric in every language', async () => {
    const { METRIC_IDS } = await import('@uplift/dashboards');
    for (const id of METRIC_IDS) {
      expect(isMessageKey(`metric.${id}.name`), id).toBe(true);
      expect(isMessageKey(`metric.${id}.description`), id).toBe(true);
    }
  });

  it('translates every text key the committed dashboards use', () => {
    const dashboards = loadDashboards(path.join(__dirname, '..', '..', '..', '..', 'dashboards'));
    const keys = dashboards.flatMap((dashboard) => [dashboard.title, dashboard.description]).filter((text): text is string => typeof text === 'string');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });

  it('interpolates values and falls back to the key for unknown dynamic keys', () => {
    expect(translator('en')('filters.teamsSelected', { count: 3 })).toBe('3 teams');
    expect(translator('zh-CN')('filters.teamsSelected', { count: 3 })).toBe('3 个团队');
    expect(translateDynamic('en', 'metric.nope.name')).toBe('metric.nope.name');
    expect(resolveText('zh-CN', 'dashboard.team.title')).toBe('团队视图');
    expect(resolveText('zh-CN', { en: 'Members', 'zh-CN': '成员' })).toBe('成员');
  });
});
