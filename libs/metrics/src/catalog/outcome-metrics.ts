import type { MetricDefinition } from '../definition';
import { DELIVERY_DIMENSIONS } from './dimensions';

const SATISFACTION = "question = 'satisfaction'";
const TIME_SAVED = "question = 'time_saved_hours'";

/** What developers report, and the seed efficiency estimate. */
export const OUTCOME_METRICS: readonly MetricDefinition[] = [
  {
    id: 'satisfaction',
    name: 'Satisfaction',
    unit: 'ratio',
    kind: 'ratio',
    description: 'survey.response with question = satisfaction and score ≥ 4 ÷ all satisfaction responses (each event id once).',
    source: 'survey_responses',
    numerator: `countIf(${SATISFACTION} AND score >= 4)`,
    denominator: `countIf(${SATISFACTION})`,
    dimensions: ['team'],
    params: [],
  },
  {
    id: 'time_saved_hours',
    name: 'Time saved',
    unit: 'hours/person/week',
    kind: 'statistic',
    description: 'Mean score of survey.response with question = time_saved_hours (hours saved per person per week); null without responses.',
    source: 'survey_responses',
    value: `if(countIf(${TIME_SAVED}) = 0, NULL, avgIf(score, ${TIME_SAVED}))`,
    dimensions: ['team'],
    params: [],
  },
  {
    id: 'estimated_efficiency_gain',
    name: 'Estimated efficiency gain',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'Org setting codingTimeShare (default 0.32) × ai_code_share: numerator codingTimeShare × Σ min(aiLinesAdded, linesAdded), denominator Σ linesAdded, over non-merge commits (the seed formula 32 % coding time × 35 % AI code ≈ 11.2 %).',
    source: 'commits',
    numerator: '{coding_time_share:Float64} * sum(least(ai_lines_added, lines_added))',
    denominator: 'sum(lines_added)',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
];
