import { describe, expect, it } from 'vitest';
import { listMetrics } from './list-metrics';

describe('listMetrics', () => {
  it('lists every implemented metric once', () => {
    const ids = listMetrics().map((metric) => metric.id);
    expect(ids).toEqual([
      'active_users',
      'engaged_users',
      'acceptance_rate',
      'agent_edit_acceptance_rate',
      'chat_like_rate',
      'ai_cost',
      'tokens',
      'completion_latency',
      'ai_code_share',
      'commits',
      'lines_changed',
      'pr_throughput',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes accepted parameters with allowed values and defaults', () => {
    const acceptanceRate = listMetrics().find((metric) => metric.id === 'acceptance_rate');
    if (!acceptanceRate) throw new Error('acceptance_rate is not listed');
    expect(acceptanceRate).toMatchObject({ name: 'Completion acceptance rate', unit: 'ratio' });
    const byName = new Map(acceptanceRate.params.map((param) => [param.name, param]));
    expect([...byName.keys()]).toEqual(['from', 'to', 'granularity', 'groupBy', 'team', 'language', 'ide', 'tool', 'repo', 'model', 'basis', 'kind']);
    expect(byName.get('granularity')).toMatchObject({ values: ['day', 'week', 'month', 'quarter', 'total'], default: 'week' });
    expect(byName.get('basis')).toMatchObject({ values: ['count', 'lines', 'chars'], default: 'count' });
    expect(byName.get('kind')).toEqual({ name: 'kind', description: expect.any(String), values: ['inline', 'next_edit'] });
    expect(byName.get('team')).toMatchObject({ multiple: true });

    const commits = listMetrics().find((metric) => metric.id === 'commits');
    expect(commits?.params.find((param) => param.name === 'groupBy')?.values).toEqual(['team', 'developer', 'repo', 'language', 'tool']);
    expect(commits?.params.map((param) => param.name)).not.toContain('ide');
  });
});
