export { binByThresholds, DEFAULT_AI_SHARE_BINS, type AiShareCohort, type Bin } from './bins';
export {
  cohortOutcomes,
  type CohortOutcome,
  type CohortOutcomeOptions,
  type CohortStatistic,
  type CohortUnit,
} from './cohorts';
export {
  correlationAnalysis,
  DEFAULT_MIN_CORRELATION_N,
  pearson,
  spearman,
  type CorrelationAnalysis,
  type CorrelationInputPoint,
  type CorrelationOptions,
  type CorrelationPoint,
  type PearsonResult,
  type SpearmanResult,
} from './correlation';
export {
  differenceInDifferences,
  type DifferenceInDifferences,
  type DifferenceInDifferencesGroup,
  type DifferenceInDifferencesInput,
} from './difference-in-differences';
export { AnalysisError, type AnalysisErrorCode, type AnalysisErrorDetails } from './errors';
export {
  meanWithInterval,
  medianWithInterval,
  proportionWithInterval,
  rateWithInterval,
  type MeanWithInterval,
  type MedianWithInterval,
  type ProportionWithInterval,
  type RateOptions,
  type RateWithInterval,
} from './intervals';
export { DEFAULT_CONFIDENCE, type ConfidenceOptions, type Interval } from './numerics';
export { percentChange } from './percent-change';
export { ols, type OlsResult } from './regression';
