import type { Dimension } from '../conventions';
import type { MetricDefinition } from '../definition';

/** Delivery events carry no assistant context: IDE and model are not meaningful groupings. */
const DELIVERY_DIMENSIONS: readonly Dimension[] = ['team', 'developer', 'repo', 'language', 'tool'];

export const DELIVERY_METRICS: readonly MetricDefinition[] = [
  {
    id: 'ai_code_share',
    name: 'AI code share',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'Σ min(aiLinesAdded, linesAdded) ÷ Σ linesAdded over non-merge commits, each (repo, sha) once. A commit without aiLinesAdded adds 0 AI lines: an attributed lower bound.',
    source: 'commits',
    numerator: 'sum(least(ai_lines_added, lines_added))',
    denominator: 'sum(lines_added)',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
  {
    id: 'commits',
    name: 'Commits',
    unit: 'commits',
    kind: 'count',
    description: 'Distinct non-merge commits, each (repo, sha) once.',
    source: 'commits',
    value: 'count()',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
  {
    id: 'lines_changed',
    name: 'Lines changed',
    unit: 'lines',
    kind: 'count',
    description: 'Σ (linesAdded + linesDeleted) of non-merge commits, each (repo, sha) once.',
    source: 'commits',
    value: 'sum(lines_added + lines_deleted)',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
  {
    id: 'pr_throughput',
    name: 'PR throughput',
    unit: 'PRs',
    kind: 'count',
    description: 'Distinct pull requests merged in the bucket (pull_request.merged), each (repo, number) once.',
    source: 'merged_pull_requests',
    value: 'count()',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
];
