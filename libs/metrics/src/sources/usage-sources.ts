import type { SourceDefinition, SourceId } from './definition';

/** The deduplicated event sets metrics are computed from (bots are excluded from every one, see conventions). */
export const SOURCES: Readonly<Record<SourceId, SourceDefinition>> = {
  assistant_activity: {
    id: 'assistant_activity',
    description: 'every assistant event: assistant.*, completion.*, chat.*, agent.*, usage.cost; one row per event id',
    eventTypes: ['assistant.*', 'completion.*', 'chat.*', 'agent.*', 'usage.cost'],
    dedupBy: ['id'],
    fields: ['person_id'],
  },
  engagement: {
    id: 'engagement',
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
    description: 'agent.edit; one row per event id',
    eventTypes: ['agent.edit'],
    dedupBy: ['id'],
    fields: ['data_decision'],
  },
  chat_feedback: {
    id: 'chat_feedback',
    description: 'chat.feedback; one row per event id',
    eventTypes: ['chat.feedback'],
    dedupBy: ['id'],
    fields: ['data_rating'],
  },
  token_usage: {
    id: 'token_usage',
    description: 'chat.turn and usage.cost; one row per event id',
    eventTypes: ['chat.turn', 'usage.cost'],
    dedupBy: ['id'],
    fields: ['input_tokens', 'output_tokens'],
  },
  usage_costs: {
    id: 'usage_costs',
    description: 'usage.cost; one row per event id',
    eventTypes: ['usage.cost'],
    dedupBy: ['id'],
    fields: ['cost_usd'],
  },
  commits: {
    id: 'commits',
    description: 'non-merge commit events; one row per (repo, sha)',
    eventTypes: ['commit'],
    where: 'is_merge = 0',
    dedupBy: ['repo', 'sha'],
    fields: ['lines_added', 'lines_deleted', 'ai_lines_added'],
  },
  merged_pull_requests: {
    id: 'merged_pull_requests',
    description: 'pull_request.merged; one row per (repo, number)',
    eventTypes: ['pull_request.merged'],
    dedupBy: ['repo', 'pr_number'],
    fields: [],
  },
};
