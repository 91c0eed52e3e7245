import { describe, expect, it } from 'vitest';
import { formatAxisValue, formatDate, formatDelta, formatPeriod, formatValue } from './format';

describe('formatValue', () => {
  it('formats each unit in English', () => {
    expect(formatValue(0.312, 'ratio', 'en')).toBe('31.2%');
    expect(formatValue(1, 'ratio', 'en')).toBe('100%');
    expect(formatValue(1234.5, 'USD', 'en')).toBe('$1,235');
    expect(formatValue(12.5, 'USD', 'en')).toBe('$12.50');
    expect(formatValue(240, 'ms', 'en')).toBe('240 ms');
    expect(formatValue(1530, 'ms', 'en')).toBe('1.53 s');
    expect(formatValue(3.456, 'hours', 'en')).toBe('3.46 h');
    expect(formatValue(12.34, 'days', 'en')).toBe('12.3 days');
    expect(formatValue(0.54, 'defects/KLOC', 'en')).toBe('0.54 per KLOC');
    expect(formatValue(1.8, 'PRs/person', 'en')).toBe('1.8 per person');
    expect(formatValue(2.5, 'hours/person/week', 'en')).toBe('2.5 h per person per week');
    expect(formatValue(1234, 'people', 'en')).toBe('1,234');
    expect(formatValue(1_250_000, 'tokens', 'en')).toBe('1.3M tokens');
    expect(formatValue(250_000, 'lines', 'en', { compact: true })).toBe('250K');
  });

  it('formats each unit in Simplified Chinese', () => {
    expect(formatValue(0.312, 'ratio', 'zh-CN')).toBe('31.2%');
    expect(formatValue(1234.5, 'USD', 'zh-CN')).toBe('US$1,235');
    expect(formatValue(3.5, 'hours', 'zh-CN')).toBe('3.5 小时');
    expect(formatValue(2, 'days', 'zh-CN')).toBe('2 天');
    expect(formatValue(0.54, 'defects/KLOC', 'zh-CN')).toBe('每千行 0.54 个');
    expect(formatValue(240, 'ms', 'zh-CN')).toBe('240 毫秒');
    expect(formatValue(1_250_000, 'tokens', 'zh-CN')).toBe('125万 个令牌');
  });

  it('shows missing data as a dash, never as zero', () => {
    expect(formatValue(null, 'ratio', 'en')).toBe('—');
    expect(formatValue(undefined, 'people', 'en')).toBe('—');
    expect(formatValue(Number.NaN, 'hours', 'en')).toBe('—');
    expect(formatValue(0, 'people', 'en')).toBe('0');
  });

  it('keeps axis ticks short', () => {
    expect(formatAxisValue(0.25, 'ratio', 'en')).toBe('25%');
    expect(formatAxisValue(120_000, 'lines', 'en')).toBe('120K');
    expect(formatAxisValue(1500, 'ms', 'en')).toBe('1.5 s');
    expect(formatAxisValue(3.5, 'hours', 'en')).toBe('3.5');
  });
});

describe('formatDelta', () => {
  it('gives ratio changes in percentage points and other changes relative', () => {
    expect(formatDelta(0.34, 0.31, 'ratio', 'en')).toEqual({ text: '+3 pp', change: expect.closeTo(3, 6) });
    expect(formatDelta(0.3, 0.31, 'ratio', 'zh-CN')?.text).toBe('-1 个百分点');
    expect(formatDelta(120, 100, 'people', 'en')).toEqual({ text: '+20%', change: 0.2 });
    expect(formatDelta(90, 120, 'hours', 'en')?.text).toBe('-25%');
    expect(formatDelta(5, 5, 'people', 'en')?.text).toBe('0%');
  });

  it('has no delta without both values or from zero', () => {
    expect(formatDelta(5, null, 'people', 'en')).toBeNull();
    expect(formatDelta(null, 5, 'people', 'en')).toBeNull();
    expect(formatDelta(5, 0, 'people', 'en')).toBeNull();
  });
});

describe('dates and periods', () => {
  it('formats per language', () => {
    expect(formatDate('2026-07-01', 'en')).toBe('Jul 1, 2026');
    expect(formatDate('2026-07-01', 'zh-CN')).toBe('2026年7月1日');
    expect(formatPeriod('2026-07-01', 'en')).toBe('Jul 1');
    expect(formatPeriod('2026-07', 'zh-CN')).toBe('2026年7月');
    expect(formatPeriod('2026-W27', 'en')).toBe('2026-W27');
  });
});
