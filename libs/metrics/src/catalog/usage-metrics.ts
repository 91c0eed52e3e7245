import { Tables } from '@uplift/clickhouse';
import { ASSISTANT_DIMENSIONS } from '../conventions';
import type { MetricDefinition } from '../definition';

const ACCEPTED = "type = 'completion.accepted'";
const SHOWN = "type = 'completion.shown'";

/**
 * A suggestion's kind is the `kind` of its completion.shown event (`inline` when absent). The lookup reads shown
 * events from one day before the range, enough for a suggestion shown just before `from` and accepted after it.
 */
const SUGGESTION_OF_KIND = `suggestion_id IN (SELECT suggestion_id FROM ${Tables.events} WHERE org_id = {org:String} AND type = 'completion.shown' AND time >= toDateTime64({from:Date} - 1, 3, {tz:String}) AND time < toDateTime64({to:Date} + 1, 3, {tz:String}) AND if(data_kind = '', 'inline', data_kind) = {kind:String})`;

/** Distinct people holding a seat (any tool) on the bucket's last day, from the current directory snapshot. */
const SEATED_PEOPLE_AT_BUCKET_END = `length(arrayDistinct(arrayMap(seat -> seat.1, arrayFilter(seat -> seat.2 <= ${'{{bucket_end}}'} AND seat.3 >= ${'{{bucket_end}}'}, (SELECT groupArray((person_id, start_date, end_date)) FROM ${Tables.directorySeats} WHERE org_id = {org:String} AND snapshot = (SELECT max(snapshot) FROM ${Tables.directorySnapshots} WHERE org_id = {org:String}))))))`;

export const USAGE_METRICS: readonly MetricDefinition[] = [
  {
    id: 'active_users',
    name: 'Active users',
    unit: 'people',
    kind: 'count',
    description:
      'Distinct developers with at least one assistant event (assistant.*, completion.*, chat.*, agent.*, usage.cost) in the bucket.',
    source: 'assistant_activity',
    value: "uniqExactIf(person_id, person_id != '')",
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'seat_utilization',
    name: 'Seat utilization',
    unit: 'ratio',
    kind: 'ratio',
    description:
      "Active users ÷ people holding a seat (of any tool, from the directory's seats) on the bucket's last day (the range's last day for a partial bucket).",
    source: 'assistant_activity',
    numerator: "uniqExactIf(person_id, person_id != '')",
    denominator: SEATED_PEOPLE_AT_BUCKET_END,
    dimensions: [],
    params: [],
  },
  {
    id: 'engaged_users',
    name: 'Engaged users',
    unit: 'people',
    kind: 'count',
    description:
      'Distinct developers with at least one completion.accepted, chat.applied, accepted agent.edit or completed agent.session in the bucket.',
    source: 'engagement',
    value: "uniqExactIf(person_id, person_id != '')",
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'acceptance_rate',
    name: 'Completion acceptance rate',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'completion.* only, each suggestionId counted once. basis=count: distinct accepted suggestions ÷ distinct shown suggestions; basis=lines: Σ accepted lines ÷ Σ shown lines; basis=chars: the same with chars. kind filters by the kind of the suggestion (its completion.shown kind, inline when absent).',
    source: 'completions',
    numerator: `countIf(${ACCEPTED})`,
    denominator: `countIf(${SHOWN})`,
    dimensions: ASSISTANT_DIMENSIONS,
    params: [
      {
        name: 'basis',
        description: 'what is counted: suggestions, their lines, or their characters',
        values: ['count', 'lines', 'chars'],
        default: 'count',
        variants: {
          lines: { numerator: `sumIf(lines, ${ACCEPTED})`, denominator: `sumIf(lines, ${SHOWN})` },
          chars: { numerator: `sumIf(chars, ${ACCEPTED})`, denominator: `sumIf(chars, ${SHOWN})` },
        },
      },
      {
        name: 'kind',
        description: 'only suggestions of this kind (all kinds when omitted)',
        values: ['inline', 'next_edit'],
        sourceWhere: SUGGESTION_OF_KIND,
      },
    ],
  },
  {
    id: 'agent_edit_acceptance_rate',
    name: 'Agent edit acceptance rate',
    unit: 'ratio',
    kind: 'ratio',
    description: 'agent.edit accepted ÷ (accepted + rejected), each event id counted once.',
    source: 'agent_edits',
    numerator: "countIf(data_decision = 'accepted')",
    denominator: "countIf(data_decision IN ('accepted', 'rejected'))",
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'chat_like_rate',
    name: 'Chat like rate',
    unit: 'ratio',
    kind: 'ratio',
    description: 'chat.feedback likes ÷ (likes + dislikes), each event id counted once.',
    source: 'chat_feedback',
    numerator: "countIf(data_rating = 'like')",
    denominator: "countIf(data_rating IN ('like', 'dislike'))",
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'ai_cost',
    name: 'AI cost',
    unit: 'USD',
    kind: 'count',
    description: 'Σ costUsd of usage.cost events.',
    source: 'usage_costs',
    // decimal: a sum of fractional costs is exact and the same whatever order the rows add up in
    value: 'toFloat64(sum(toDecimal128(cost_usd, 9)))',
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'tokens',
    name: 'Tokens',
    unit: 'tokens',
    kind: 'count',
    description: 'Σ inputTokens + outputTokens of chat.turn and usage.cost events.',
    source: 'token_usage',
    value: 'sum(input_tokens + output_tokens)',
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
  {
    id: 'completion_latency',
    name: 'Completion latency',
    unit: 'ms',
    kind: 'statistic',
    description:
      'latencyMs of completion.shown (each suggestionId once; events without latencyMs are ignored). stat=p50: quantileExactLow(0.5), the lower median; stat=p95: quantileExact(0.95). Null when the bucket has no latency.',
    source: 'shown_completions',
    value: 'quantileExactLow(0.5)(latency_ms)',
    dimensions: ASSISTANT_DIMENSIONS,
    params: [
      {
        name: 'stat',
        description: 'which quantile of latencyMs',
        values: ['p50', 'p95'],
        default: 'p50',
        variants: { p95: { value: 'quantileExact(0.95)(latency_ms)' } },
      },
    ],
  },
  {
    id: 'request_mix',
    name: 'Request mix',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'Share of assistant requests by kind, one series per kind (group key "kind"): completion (completion.shown, each suggestionId once), chat (chat.turn) and agent (agent.session), each ÷ all three in the bucket and group.',
    source: 'assistant_requests',
    numerator: 'count()',
    denominator: 'count()',
    series: {
      key: 'kind',
      values: [
        { value: 'completion', numerator: "countIf(type = 'completion.shown')" },
        { value: 'chat', numerator: "countIf(type = 'chat.turn')" },
        { value: 'agent', numerator: "countIf(type = 'agent.session')" },
      ],
    },
    dimensions: ASSISTANT_DIMENSIONS,
    params: [],
  },
];
