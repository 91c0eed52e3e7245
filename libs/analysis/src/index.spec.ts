import { describe, expect, it } from 'vitest';
import * as analysis from './index';

describe('@uplift/analysis', () => {
  it('exposes the public API from its entry point', () => {
    expect(Object.keys(analysis).sort()).toEqual([
      'AnalysisError',
      'DEFAULT_AI_SHARE_BINS',
      'DEFAULT_CONFIDENCE',
      'DEFAULT_MIN_CORRELATION_N',
      'binByThresholds',
      'cohortOutcomes',
      'correlationAnalysis',
      'differenceInDifferences',
      'meanWithInterval',
      'medianWithInterval',
      'ols',
      'pearson',
      'percentChange',
      'proportionWithInterval',
      'rateWithInterval',
      'spearman',
    ]);
  });

  it('throws errors that carry a code and survive instanceof', () => {
    const error = new analysis.AnalysisError('INVALID_INPUT', 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'AnalysisError', code: 'INVALID_INPUT', message: 'bad', details: {} });
  });
});
