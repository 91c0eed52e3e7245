import type { MetricId } from '@uplift/dashboards';
import type { Better } from './charts/kpi';

/** Where the events behind a metric come from, for empty states that say what to send. */
export type DataSource = 'ide' | 'git' | 'tracker' | 'ci' | 'survey' | 'directory';

export type MetricMeta = { events: readonly string[]; sources: readonly DataSource[]; better: Better };

/** The page that explains how to connect each source (named in empty states). */
export const CONNECT_DOC = 'docs/connect-your-sources.md';

const ASSISTANT_EVENTS = ['assistant.*', 'completion.*', 'chat.*', 'agent.*'];

export const METRIC_META: Record<MetricId, MetricMeta> = {
  active_users: { events: ASSISTANT_EVENTS, sources: ['ide'], better: 'higher' },
  engaged_users: { events: ['completion.accepted', 'chat.applied', 'agent.edit', 'agent.session'], sources: ['ide'], better: 'higher' },
  activated_users: { events: ['assistant.activated'], sources: ['ide'], better: 'higher' },
  seat_utilization: { events: ASSISTANT_EVENTS, sources: ['ide', 'directory'], better: 'higher' },
  adoption_rate: { events: [...ASSISTANT_EVENTS, 'commit', 'pull_request.*'], sources: ['ide', 'git'], better: 'higher' },
  acceptance_rate: { events: ['completion.shown', 'completion.accepted'], sources: ['ide'], better: 'higher' },
  agent_edit_acceptance_rate: { events: ['agent.edit'], sources: ['ide'], better: 'higher' },
  chat_like_rate: { events: ['chat.feedback'], sources: ['ide'], better: 'higher' },
  ai_code_share: { events: ['commit'], sources: ['git'], better: 'neutral' },
  ai_assisted_pr_share: { events: ['pull_request.merged'], sources: ['git'], better: 'neutral' },
  request_mix: { events: ['completion.shown', 'chat.turn', 'agent.session'], sources: ['ide'], better: 'neutral' },
  ai_cost: { events: ['usage.cost'], sources: ['ide'], better: 'neutral' },
  tokens: { events: ['chat.turn', 'usage.cost'], sources: ['ide'], better: 'neutral' },
  completion_latency: { events: ['completion.shown'], sources: ['ide'], better: 'lower' },
  commits: { events: ['commit'], sources: ['git'], better: 'neutral' },
  lines_changed: { events: ['commit'], sources: ['git'], better: 'neutral' },
  pr_throughput: { events: ['pull_request.merged'], sources: ['git'], better: 'higher' },
  pr_throughput_per_developer: { events: ['pull_request.merged', 'commit'], sources: ['git'], better: 'higher' },
  pr_cycle_time: { events: ['pull_request.merged'], sources: ['git'], better: 'lower' },
  requirement_throughput: { events: ['work_item.resolved'], sources: ['tracker'], better: 'higher' },
  requirement_lead_time: { events: ['work_item.created', 'work_item.resolved'], sources: ['tracker'], better: 'lower' },
  deployments: { events: ['deployment.finished'], sources: ['ci'], better: 'higher' },
  lead_time_for_changes: { events: ['pull_request.merged', 'deployment.finished'], sources: ['git', 'ci'], better: 'lower' },
  change_failure_rate: { events: ['deployment.finished', 'incident.opened'], sources: ['ci'], better: 'lower' },
  recovery_time: { events: ['deployment.finished', 'incident.resolved'], sources: ['ci'], better: 'lower' },
  defects: { events: ['work_item.created'], sources: ['tracker'], better: 'lower' },
  defect_density: { events: ['work_item.created', 'commit'], sources: ['tracker', 'git'], better: 'lower' },
  satisfaction: { events: ['survey.response'], sources: ['survey'], better: 'higher' },
  time_saved_hours: { events: ['survey.response'], sources: ['survey'], better: 'higher' },
  estimated_efficiency_gain: { events: ['commit'], sources: ['git'], better: 'higher' },
};

export function metricMeta(id: string): MetricMeta | undefined {
  return Object.hasOwn(METRIC_META, id) ? METRIC_META[id as MetricId] : undefined;
}
