import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a test-only check against the collector's own schemas
import { EVENT_TYPES, validateEvent, type UpliftEventInput } from '@uplift/events';
import { describe, expect, it } from 'vitest';
import { createUpliftClient, type FetchLike, type UpliftClient, type UpliftEvent } from '../index';
import { UUID_V7_PATTERN } from './uuid';

// Compile-time: every event the SDK can build is an input the collector's schemas describe.
type Assignable<Value extends UpliftEventInput> = Value;
export type SdkEventsAreContractInputs = Assignable<UpliftEvent>;

/** A client whose requests are captured in memory and answered with a 200. */
function capturingClient() {
  const sent: Record<string, unknown>[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const body = JSON.parse(new TextDecoder().decode(init.body)) as { events: Record<string, unknown>[] };
    sent.push(...body.events);
    const response = JSON.stringify({ accepted: body.events.length, rejected: [] });
    return { status: 200, headers: { get: () => null }, text: async () => response };
  };
  const client = createUpliftClient({
    url: 'http://collector.invalid',
    ingestKey: 'upl_ik_test',
    source: { tool: 'cursor', toolVersion: '1.2.0', ide: 'vscode', ideVersion: '1.99.0' },
    actor: { email: 'Ann@Example.com', login: 'ann' },
    context: { team: 'payments' },
    fetch,
  });
  return { client, sent };
}

const now = new Date();
const earlier = new Date(now.getTime() - 3_600_000).toISOString();
const sha = 'a'.repeat(40);

/** One call of every typed helper, with its required fields and some optional ones. */
const helperCalls: Record<(typeof EVENT_TYPES)[number], (client: UpliftClient) => string | undefined> = {
  'assistant.activated': (client) => client.assistantActivated(),
  'completion.shown': (client) => client.completionShown({ suggestionId: 's1', lines: 3, chars: 90, latencyMs: 120, trigger: 'auto', kind: 'next_edit' }),
  'completion.accepted': (client) => client.completionAccepted({ suggestionId: 's1', lines: 2, chars: 60 }),
  'completion.rejected': (client) => client.completionRejected({ suggestionId: 's2' }),
  'chat.turn': (client) => client.chatTurn({ conversationId: 'c1', mode: 'agent', intent: 'generate_tests', inputTokens: 10, outputTokens: 20 }),
  'chat.feedback': (client) => client.chatFeedback({ conversationId: 'c1', rating: 'like' }),
  'chat.applied': (client) => client.chatApplied({ lines: 4, chars: 100 }),
  'agent.session': (client) => client.agentSession({ sessionId: 'a1', status: 'completed', durationMs: 1000, filesChanged: 2, linesAdded: 10, linesRemoved: 1 }),
  'agent.edit': (client) => client.agentEdit({ sessionId: 'a1', decision: 'accepted', lines: 5 }),
  'usage.cost': (client) => client.usageCost({ model: 'claude-sonnet', inputTokens: 100, outputTokens: 50, costUsd: 0.01 }),
  commit: (client) =>
    client.commit(
      { sha, repo: 'acme/shop', linesAdded: 10, linesDeleted: 2, filesChanged: 1, branch: 'main', isMerge: false, aiLinesAdded: 4, aiAttribution: { method: 'git-notes', tools: ['cursor'] } },
      { source: { tool: 'git' }, context: { repo: 'acme/shop' } },
    ),
  'pull_request.opened': (client) => client.pullRequestOpened({ repo: 'acme/shop', number: 7, title: 'Add', labels: ['ai'], aiAssisted: true }),
  'pull_request.merged': (client) => client.pullRequestMerged({ repo: 'acme/shop', number: 7, createdAt: earlier, mergeCommitSha: sha, commits: [sha] }),
  'pull_request.closed': (client) => client.pullRequestClosed({ repo: 'acme/shop', number: 8 }),
  'build.finished': (client) => client.buildFinished({ repo: 'acme/shop', pipeline: 'ci', status: 'success', durationMs: 60_000 }, { actor: {} }),
  'deployment.finished': (client) =>
    client.deploymentFinished({ deploymentId: 'd1', repo: 'acme/shop', environment: 'production', status: 'success', commitSha: sha, startedAt: earlier }),
  'work_item.created': (client) => client.workItemCreated({ key: 'SHOP-1', kind: 'bug', severity: 'high' }),
  'work_item.resolved': (client) => client.workItemResolved({ key: 'SHOP-1', kind: 'bug', createdAt: earlier }),
  'incident.opened': (client) => client.incidentOpened({ incidentId: 'i1', repo: 'acme/shop', deploymentId: 'd1', severity: 'sev2' }),
  'incident.resolved': (client) => client.incidentResolved({ incidentId: 'i1' }),
  'survey.response': (client) => client.surveyResponse({ surveyId: 'q3', question: 'satisfaction', score: 4 }),
};

describe('events built by the SDK', () => {
  it('has a typed helper for every event type of the contract, and each builds a contract-valid event', async () => {
    const { client, sent } = capturingClient();
    const ids = EVENT_TYPES.map((type) => helperCalls[type](client));
    await client.flush();

    expect(sent.map((event) => event['type'])).toEqual([...EVENT_TYPES]);
    expect(sent.map((event) => event['id'])).toEqual(ids);
    for (const event of sent) {
      const result = validateEvent(event, { now });
      expect(result.ok ? [] : result.errors, String(event['type'])).toEqual([]);
      expect(event['id']).toMatch(UUID_V7_PATTERN);
    }
  });

  it('fills the envelope from the client defaults, merged with per-event overrides', async () => {
    const { client, sent } = capturingClient();
    client.chatTurn({ mode: 'ask' }, { time: Date.parse('2026-01-02T03:04:05Z'), actor: { externalId: 'u-1' }, context: { language: 'go' } });
    client.track({ type: 'chat.applied', data: { lines: 1, chars: 2 }, id: '0190a4b2-0000-4000-8000-000000000001', time: '2026-01-02T03:04:05+08:00' });
    await client.flush();

    expect(sent[0]).toEqual({
      id: expect.stringMatching(UUID_V7_PATTERN),
      type: 'chat.turn',
      time: '2026-01-02T03:04:05.000Z',
      actor: { email: 'Ann@Example.com', login: 'ann', externalId: 'u-1' },
      source: { tool: 'cursor', toolVersion: '1.2.0', ide: 'vscode', ideVersion: '1.99.0' },
      context: { team: 'payments', language: 'go' },
      data: { mode: 'ask' },
    });
    expect(sent[1]).toMatchObject({ id: '0190a4b2-0000-4000-8000-000000000001', time: '2026-01-02T03:04:05+08:00' });
  });
});

describe('the universal entry', () => {
  it('imports no Node built-in (src/index.ts and src/core/*)', () => {
    const root = path.join(__dirname, '..');
    const files = [path.join(root, 'index.ts'), ...readdirSync(path.join(root, 'core')).filter((name) => !name.endsWith('.spec.ts')).map((name) => path.join(root, 'core', name))];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'|\brequire\(\s*'([^']+)'/g)].map((match) => match[1] ?? match[2] ?? match[3]);
      for (const specifier of specifiers) expect(specifier, `${path.basename(file)} imports ${specifier}`).toMatch(/^\.\.?\//);
      expect(source).not.toMatch(/\bprocess\.|\bBuffer\b/);
    }
  });
});
