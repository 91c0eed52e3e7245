import { describe, expect, it } from 'vitest';
import { listMetrics } from './list-metrics';

describe('listMetrics', () => {
  it('lists every implemented metric once, in metrics.md order', () => {
    const ids = listMetrics().map((metric) => metric.id);
    expect(ids).toEqual([
      'active_users',
      'engaged_users',
      'activated_users',
      'seat_utilization',
      'adoption_rate',
      'acceptance_rate',
      'agent_edit_acceptance_rate',
      'chat_like_rate',
      'ai_code_share',
      'ai_assisted_pr_share',
      'request_mix',
      'ai_cost',
      'tokens',
      'completion_latency',
      'commits',
      'lines_changed',
      'pr_throughput',
      'pr_throughput_per_developer',
      'pr_cycle_time',
      'requirement_throughput',
      'requirement_lead_time',
      'deployments',
      'lead_time_for_changes',
      'change_failure_rate',
      'recovery_time',
      'defects',
      'defect_density',
      'satisfaction',
      'time_saved_hours',
      'estimated_efficiency_gain',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes accepted parameters with allowed values and defaults', () => {
    const acceptanceRate = listMetrics().find((metric) => metric.id === 'acceptance_rate');
    if (!acceptanceRate) throw new Error('acceptance_rate is not listed');
    expect(acceptanceRate).toMatchObject({ name: 'Completion acceptance rate', unit: 'ratio' });
    const byName = new Map(acceptanceRate.params.map((param) => [param.name, param]));
    expect([...byName.keys()]).toEqual(['from', 'to', 'granularity', 'groupBy', 'team', 'language', 'ide', 'tool', 'tool_version', 'repo', 'model', 'basis', 'kind']);
    expect(byName.get('granularity')).toMatchObject({ values: ['day', 'week', 'month', 'quarter', 'total'], default: 'week' });
    expect(byName.get('basis')).toMatchObject({ values: ['count', 'lines', 'chars'], default: 'count' });
    expect(byName.get('kind')).toEqual({ name: 'kind', description: expect.any(String), values: ['inline', 'next_edit'] });
    expect(byName.get('team')).toMatchObject({ multiple: true });

    const commits = listMetrics().find((metric) => metric.id === 'commits');
    expect(commits?.params.find((param) => param.name === 'groupBy')?.values).toEqual(['team', 'developer', 'repo', 'language', 'tool']);
    expect(commits?.params.map((param) => param.name)).not.toContain('ide');
  });

  it('offers work-item, deployment and incident metrics by team and repo only', () => {
    for (const id of ['requirement_throughput', 'defects', 'deployments', 'change_failure_rate', 'recovery_time']) {
      const groupBy = listMetrics().find((metric) => metric.id === id)?.params.find((param) => param.name === 'groupBy');
      expect(groupBy?.values, id).toEqual(['team', 'repo']);
    }
  });
});
