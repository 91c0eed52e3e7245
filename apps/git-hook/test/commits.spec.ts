import { validateEvent } from '@uplift/events';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config';
import { describeCommit } from '../src/emit';
import { commitEventId } from '../src/stable-id';
import { createRepo, createSandbox, numberedLines, type TestRepo } from './support/repo';

// Commit events read from real git repositories (no collector): line counts, merges, binary files,
// repository ids, and every attribution source.

const sandbox = createSandbox('commits');
afterAll(() => sandbox.cleanup());

function contextOf(repo: TestRepo) {
  return { cwd: repo.dir, env: repo.env };
}

async function eventOf(repo: TestRepo, rev = 'HEAD', login?: string) {
  const event = await describeCommit(contextOf(repo), rev, login ? { login } : {});
  const validation = validateEvent(event, { now: new Date() });
  expect(validation.ok ? [] : validation.errors).toEqual([]);
  return event;
}

const gitAiNote = (attestations: string[], prompts: Record<string, string>) =>
  [
    ...attestations,
    '---',
    JSON.stringify(
      {
        schema_version: 'authorship/3.0.0',
        git_ai_version: '1.0.0',
        base_commit_sha: 'unused',
        prompts: Object.fromEntries(
          Object.entries(prompts).map(([key, tool]) => [
            key,
            { agent_id: { tool, id: key, model: 'model' }, messages: [], total_additions: 0, total_deletions: 0, accepted_lines: 0, overriden_lines: 0 },
          ]),
        ),
      },
      null,
      2,
    ),
  ].join('\n');

describe('commit events from real repositories', () => {
  it('counts text lines from --numstat, leaves binary files out of the line counts, and names the author', async () => {
    const repo = createRepo(sandbox, 'counts', { remote: 'git@host:acme/shop.git' });
    repo.write('a.txt', numberedLines(3));
    const first = repo.commit('initial');
    repo.write('a.txt', numberedLines(5).replace('line-2', 'changed-2'));
    repo.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 255]));
    repo.write('b.txt', 'x\ny\n');
    const second = repo.commit('second');
    repo.git('config', 'uplift.login', 'ann-gh');

    const root = await eventOf(repo, first);
    expect(root.data).toEqual({ sha: first, repo: 'acme/shop', linesAdded: 3, linesDeleted: 0, filesChanged: 1, isMerge: false });
    expect(root.time).toBe(repo.git('log', '-1', '--format=%cI', first).trim());

    const event = await eventOf(repo, 'HEAD', 'ann-gh');
    expect(event).toEqual({
      id: commitEventId('acme/shop', second),
      type: 'commit',
      time: repo.git('log', '-1', '--format=%cI').trim(),
      actor: { email: 'ann@example.com', login: 'ann-gh' },
      source: { tool: 'git', toolVersion: expect.any(String) },
      context: { repo: 'acme/shop', branch: 'main' },
      // a.txt: +3 (line-4, line-5, changed-2) −1 (line-2); b.txt: +2; logo.png: binary, no lines
      data: { sha: second, repo: 'acme/shop', linesAdded: 5, linesDeleted: 1, filesChanged: 3, isMerge: false, branch: 'main' },
    });
  });

  it('marks merges and diffs them against the first parent only', async () => {
    const repo = createRepo(sandbox, 'merge', { remote: 'https://host/acme/api' });
    repo.write('base.txt', 'base\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', numberedLines(4));
    repo.commit('feature work');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'main\n');
    repo.commit('main work');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');

    const merge = await eventOf(repo);
    expect(merge.data).toMatchObject({ repo: 'acme/api', isMerge: true, linesAdded: 4, linesDeleted: 0, filesChanged: 1 });
    expect(merge.data.aiLinesAdded).toBeUndefined();
  });

  it('names the repository after its directory when there is no remote, and after git config uplift.repo when set', async () => {
    const repo = createRepo(sandbox, 'lonely-repo');
    repo.write('x.txt', 'x\n');
    repo.commit('x');
    expect((await eventOf(repo)).data.repo).toBe('lonely-repo');
    repo.git('config', 'uplift.repo', 'acme/renamed');
    expect((await eventOf(repo)).data.repo).toBe('acme/renamed');
  });

  it('reads where to send from git config (repository, then global), with the environment taking precedence', async () => {
    const repo = createRepo(sandbox, 'configured');
    repo.git('config', '--global', 'uplift.url', 'http://127.0.0.1:1');
    repo.git('config', 'uplift.ingestKey', 'upl_ik_from_git');
    expect(await resolveConfig(contextOf(repo))).toEqual({ url: 'http://127.0.0.1:1', ingestKey: 'upl_ik_from_git', login: undefined, spoolDirectory: undefined });
    const env = { ...repo.env, UPLIFT_URL: 'http://127.0.0.1:2', UPLIFT_INGEST_KEY: 'upl_ik_from_env', UPLIFT_SPOOL_DIR: '/tmp/spool' };
    expect(await resolveConfig({ cwd: repo.dir, env })).toEqual({ url: 'http://127.0.0.1:2', ingestKey: 'upl_ik_from_env', login: undefined, spoolDirectory: '/tmp/spool' });
    repo.git('config', '--global', '--unset', 'uplift.url');
  });

  it('counts the added lines a Git AI note (refs/notes/ai) attests, and only those', async () => {
    const repo = createRepo(sandbox, 'git-ai', { remote: 'git@host:acme/ai.git' });
    repo.write('src/app.ts', numberedLines(10));
    repo.commit('base');
    // Lines 11-16 are new; the note attests 9-14 to Cursor (9-10 are old lines) and 16 to Claude, 15 is human.
    repo.write('src/app.ts', numberedLines(16));
    repo.write('notes.md', 'human\n');
    const sha = repo.commit('ai work');
    const note = gitAiNote(['src/app.ts', '  1111aaaa2222bbbb 9-14', '  h_0123456789abcd 15', '  3333cccc4444dddd 16', 'notes.md', '  h_0123456789abcd 1'], {
      '1111aaaa2222bbbb': 'cursor',
      '3333cccc4444dddd': 'claude',
    });
    repo.git('notes', '--ref=ai', 'add', '-m', note, sha);

    const event = await eventOf(repo);
    expect(event.data).toMatchObject({ linesAdded: 7, aiLinesAdded: 5, aiAttribution: { method: 'git-notes', tools: ['claude-code', 'cursor'] } });
  });

  it('counts Agent Trace ranges from a note (refs/notes/agent-trace) and from .agent-trace/traces.jsonl', async () => {
    const repo = createRepo(sandbox, 'agent-trace', { remote: 'git@host:acme/trace.git' });
    repo.write('.gitignore', '.agent-trace/\n');
    repo.write('lib.py', numberedLines(2));
    const parent = repo.commit('base');
    repo.write('lib.py', numberedLines(8));
    const sha = repo.commit('traced work');
    const trace = (revision: string, ranges: [number, number][], tool: string, timestamp: string) =>
      JSON.stringify({
        version: '0.1.0',
        id: '550e8400-e29b-41d4-a716-446655440000',
        timestamp,
        vcs: { type: 'git', revision },
        tool: { name: tool },
        files: [{ path: 'lib.py', conversations: [{ contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet' }, ranges: ranges.map(([start_line, end_line]) => ({ start_line, end_line })) }] }],
      });
    repo.git('notes', '--ref=agent-trace', 'add', '-m', trace(sha, [[3, 4]], 'claude-code', new Date().toISOString()), sha);
    let event = await eventOf(repo);
    expect(event.data).toMatchObject({ linesAdded: 6, aiLinesAdded: 2, aiAttribution: { method: 'agent-trace', tools: ['claude-code'] } });

    // The reference implementation's file: an edit recorded while HEAD was the parent, before the commit.
    const committedAt = Date.parse(repo.git('log', '-1', '--format=%cI').trim());
    repo.write('.agent-trace/traces.jsonl', `${trace(parent, [[4, 6]], 'cursor', new Date(committedAt - 1000).toISOString())}\n${trace(parent, [[7, 8]], 'cursor', new Date(committedAt + 60_000).toISOString())}\n`);
    event = await eventOf(repo);
    // 3-4 from the note, 4-6 from the file (7-8 were recorded after the commit): 3, 4, 5, 6
    expect(event.data).toMatchObject({ aiLinesAdded: 4, aiAttribution: { method: 'agent-trace', tools: ['claude-code', 'cursor'] } });
  });

  it('marks commits with AI trailers or an aider author as AI-assisted without inventing a line count', async () => {
    const repo = createRepo(sandbox, 'trailers', { remote: 'git@host:acme/trailers.git' });
    repo.write('a.txt', 'a\n');
    repo.commit('feat: a\n\nCo-authored-by: Claude <noreply@anthropic.com>\nMade-with: Cursor');
    let event = await eventOf(repo);
    expect(event.data.aiAttribution).toEqual({ method: 'trailer', tools: ['claude-code', 'cursor'] });
    expect(event.data).not.toHaveProperty('aiLinesAdded');

    repo.write('b.txt', 'b\n');
    repo.commit('feat: b', { GIT_AUTHOR_NAME: 'Ann Developer (aider)' });
    event = await eventOf(repo);
    expect(event.data.aiAttribution).toEqual({ method: 'trailer', tools: ['aider'] });

    repo.write('c.txt', 'c\n');
    repo.commit('feat: c\n\nCo-authored-by: Bob Builder <bob@example.com>');
    event = await eventOf(repo);
    expect(event.data).not.toHaveProperty('aiAttribution');
  });
});
