import { ASSISTANT_DIMENSIONS } from '../conventions';
import type { MetricDefinition } from '../definition';
import { PULL_REQUEST_DIMENSIONS } from './dimensions';

const DEVELOPER = "person_id != ''";

/** How far the assistant has spread: activations, adoption among contributors, AI-assisted PRs. */
export const ADOPTION_METRICS: readonly MetricDefinition[] = [
  {
    id: 'activated_users',
    name: 'Activated users',
    unit: 'people',
    kind: 'count',
    description:
      "Cumulative: distinct developers with an assistant.activated at or before the end of the bucket (in the org's time zone), counted from the beginning of history, not from `from`.",
    source: 'assistant_activations',
    value: `uniqExactIf(person_id, ${DEVELOPER})`,
    cumulative: true,
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'adoption_rate',
    name: 'Adoption rate',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'Developers who are both active users (an assistant event) and contributors (a commit or pull_request.* event) in the bucket ÷ contributors in the bucket.',
    source: 'developer_activity',
    numerator: `length(arrayIntersect(groupUniqArrayIf(person_id, ${DEVELOPER} AND NOT is_contribution), groupUniqArrayIf(person_id, ${DEVELOPER} AND is_contribution)))`,
    denominator: `uniqExactIf(person_id, ${DEVELOPER} AND is_contribution)`,
    dimensions: ['team', 'developer'],
    params: [],
  },
  {
    id: 'ai_assisted_pr_share',
    name: 'AI-assisted PR share',
    unit: 'ratio',
    kind: 'ratio',
    description:
      "Merged PRs (each (repo, number) once) with an AI signal ÷ merged PRs. Signals: aiAssisted true or a label in the org's AI label list (setting aiPrLabels, default ai-assisted, claude-code-assisted, copilot; case-insensitive) on its pull_request.merged or pull_request.opened, or one of its commits (repo, sha) with aiLinesAdded > 0.",
    source: 'merged_pull_requests_with_ai_signal',
    numerator: 'countIf(ai_signal)',
    denominator: 'count()',
    dimensions: PULL_REQUEST_DIMENSIONS,
    params: [],
  },
];
