import type { SourceDefinition } from '../definition';

/** Assistant usage: the event types `active_users` counts. */
const ASSISTANT_EVENT_TYPES = ['assistant.*', 'completion.*', 'chat.*', 'agent.*', 'usage.cost'] as const;
/** Delivery work that makes a developer a contributor. */
const CONTRIBUTION_EVENT_TYPES = ['commit', 'pull_request.*'] as const;
const IS_CONTRIBUTION = "(type = 'commit' OR startsWith(type, 'pull_request.'))";

/** Sources of the usage metrics (bots are excluded from every source, see conventions). */
export const USAGE_SOURCES = {
  assistant_activity: {
    id: 'assistant_activity',
    rollup: 'daily',
    description: 'every assistant event: assistant.*, completion.*, chat.*, agent.*, usage.cost; one row per event id',
    eventTypes: ASSISTANT_EVENT_TYPES,
    dedupBy: ['id'],
    fields: ['person_id'],
  },
  assistant_activations: {
    id: 'assistant_activations',
    rollup: 'daily',
    description: 'assistant.activated; one row per event id; read from the beginning of history for cumulative counts',
    eventTypes: ['assistant.activated'],
    dedupBy: ['id'],
    fields: ['person_id'],
  },
  assistant_requests: {
    id: 'assistant_requests',
    rollup: 'daily',
    description:
      'requests to the assistant: completion.shown (one row per suggestionId), chat.turn and agent.session (one row per event id)',
    eventTypes: ['completion.shown', 'chat.turn', 'agent.session'],
    dedupBy: ['request_key'],
    fields: ['type'],
    computed: {
      request_key: "if(type = 'completion.shown', concat('suggestion:', suggestion_id), concat('event:', toString(id)))",
    },
  },
  developer_activity: {
    id: 'developer_activity',
    rollup: 'daily',
    description: 'assistant events and contributions (commit, pull_request.*); one row per event id',
    eventTypes: [...ASSISTANT_EVENT_TYPES, ...CONTRIBUTION_EVENT_TYPES],
    dedupBy: ['id'],
    fields: ['person_id'],
    computed: { is_contribution: IS_CONTRIBUTION },
  },
  engagement: {
    id: 'engagement',
    rollup: 'daily',
    description:
      'events that show a developer used an AI result: completion.accepted, chat.applied, agent.edit accepted, agent.session completed; one row per event id',
    eventTypes: ['completion.accepted', 'chat.applied', 'agent.edit', 'agent.session'],
    where:
      "type IN ('completion.accepted', 'chat.applied') OR (type = 'agent.edit' AND data_decision = 'accepted') OR (type = 'agent.session' AND data_status = 'completed')",
    dedupBy: ['id'],
    fields: ['person_id'],
  },
  completions: {
    id: 'completions',
    rollup: 'daily',
    description: 'completion.shown and completion.accepted; one shown and one accepted row per suggestionId',
    eventTypes: ['completion.shown', 'completion.accepted'],
    dedupBy: ['type', 'suggestion_id'],
    fields: ['type', 'lines', 'chars'],
  },
  shown_completions: {
    id: 'shown_completions',
    description: 'completion.shown; one row per suggestionId',
    eventTypes: ['completion.shown'],
    dedupBy: ['suggestion_id'],
    fields: ['latency_ms'],
  },
  agent_edits: {
    id: 'agent_edits',
    rollup: 'daily',
    description: 'agent.edit; one row per event id',
    eventTypes: ['agent.edit'],
    dedupBy: ['id'],
    fields: ['data_decision'],
  },
  chat_feedback: {
    id: 'chat_feedback',
    rollup: 'daily',
    description: 'chat.feedback; one row per event id',
    eventTypes: ['chat.feedback'],
    dedupBy: ['id'],
    fields: ['data_rating'],
  },
  token_usage: {
    id: 'token_usage',
    rollup: 'daily',
    description: 'chat.turn and usage.cost; one row per event id',
    eventTypes: ['chat.turn', 'usage.cost'],
    dedupBy: ['id'],
    fields: ['input_tokens', 'output_tokens'],
  },
  usage_costs: {
    id: 'usage_costs',
    rollup: 'daily',
    description: 'usage.cost; one row per event id',
    eventTypes: ['usage.cost'],
    dedupBy: ['id'],
    fields: ['cost_usd'],
  },
} satisfies Record<string, SourceDefinition>;
