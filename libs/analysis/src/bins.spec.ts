import { describe, expect, it } from 'vitest';
import { catchAnalysisError } from '../test/expectations';
import { binByThresholds, DEFAULT_AI_SHARE_BINS, type Bin } from './bins';

describe('DEFAULT_AI_SHARE_BINS', () => {
  it('lists none, light, moderate, heavy in that order', () => {
    expect(DEFAULT_AI_SHARE_BINS.map((bin) => bin.label)).toEqual(['none', 'light', 'moderate', 'heavy']);
  });

  it.each([
    [0, 'none'],
    [1e-9, 'light'], // any AI code at all leaves "none"
    [0.05, 'light'],
    [0.0999999, 'light'],
    [0.1, 'moderate'], // 10 % exactly is moderate: light is (0, 0.10)
    [0.2, 'moderate'],
    [0.3, 'moderate'], // 30 % exactly is still moderate: heavy is (0.30, 1]
    [0.3000001, 'heavy'],
    [0.75, 'heavy'],
    [1, 'heavy'],
  ])('puts ai_code_share %d in %s', (share, label) => {
    expect(binByThresholds(share, DEFAULT_AI_SHARE_BINS)).toBe(label);
  });

  it.each([[-0.01], [1.01], [Number.NaN], [Number.POSITIVE_INFINITY], [null]])(
    'puts %d (not a share) in no bin',
    (value) => {
      expect(binByThresholds(value, DEFAULT_AI_SHARE_BINS)).toBeNull();
    },
  );
});

describe('binByThresholds', () => {
  const prSize: Bin<'small' | 'medium' | 'large'>[] = [
    { label: 'small', max: 50 },
    { label: 'medium', min: 50, max: 400 },
    { label: 'large', min: 400 },
  ];

  it('treats bins as [min, max) by default, with open ends where a bound is missing', () => {
    expect(binByThresholds(-5, prSize)).toBe('small');
    expect(binByThresholds(49.99, prSize)).toBe('small');
    expect(binByThresholds(50, prSize)).toBe('medium');
    expect(binByThresholds(400, prSize)).toBe('large');
    expect(binByThresholds(1e9, prSize)).toBe('large');
  });

  it('takes the first bin that matches when bins overlap', () => {
    const bins: Bin[] = [
      { label: 'first', min: 0, max: 10, includeMax: true },
      { label: 'second', min: 10, max: 20 },
    ];
    expect(binByThresholds(10, bins)).toBe('first');
  });

  it('rejects a bin whose min is above its max', () => {
    const error = catchAnalysisError(() => binByThresholds(1, [{ label: 'backwards', min: 5, max: 1 }]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe("bin 'backwards' has min 5 above max 1");
  });
});
