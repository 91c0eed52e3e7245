import { describe, expect, it } from 'vitest';
import type { CommitFacts } from '../commit-reader';
import { parseAddedLines, unquote } from './added-lines';
import { aiLinesOfTraces, parseTraceRecords, tracesForCommit } from './agent-trace';
import { parseGitAiLog, parseRanges } from './git-ai';
import { attribute } from './index';
import { trailerTools } from './trailers';

const commit = (overrides: Partial<CommitFacts> = {}): CommitFacts => ({
  sha: 'c'.repeat(40),
  parents: ['p'.repeat(40)],
  authorName: 'Ann',
  authorEmail: 'ann@example.com',
  committerName: 'Ann',
  committedAt: '2026-03-02T10:00:00+01:00',
  trailers: [],
  files: [],
  ...overrides,
});

const metadata = (extra: Record<string, unknown>) => JSON.stringify({ schema_version: 'authorship/3.0.0', base_commit_sha: 'x', prompts: {}, ...extra }, null, 2);

describe('Git AI authorship logs (authorship/3.0.0)', () => {
  it('reads legacy prompt keys, session keys and quoted paths; human (h_) lines are not AI', () => {
    const log = parseGitAiLog(
      [
        'src/main.rs',
        '  abcd1234abcd1234 1-3,7',
        '  h_31dce776f88375 10-11',
        '"docs/read me.md"',
        '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 2',
        '---',
        metadata({
          prompts: { abcd1234abcd1234: { agent_id: { tool: 'cursor', id: '1', model: 'm' } } },
          sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: '2', model: 'm' } } },
          humans: { h_31dce776f88375: { author: 'Ann <ann@example.com>' } },
        }),
      ].join('\n'),
    )!;
    expect([...log.aiLines.get('src/main.rs')!]).toEqual([
      [1, 'cursor'],
      [2, 'cursor'],
      [3, 'cursor'],
      [7, 'cursor'],
    ]);
    expect([...log.aiLines.get('docs/read me.md')!]).toEqual([[2, 'claude-code']]);
  });

  it('lets the last entry covering a line decide who wrote it', () => {
    const log = parseGitAiLog(['a.ts', '  abcd1234abcd1234 1-4', '  h_31dce776f88375 3-4', '---', metadata({})].join('\n'))!;
    expect([...log.aiLines.get('a.ts')!.keys()]).toEqual([1, 2]);
  });

  it('ignores notes that are not authorship logs of version 3', () => {
    expect(parseGitAiLog('just a note')).toBeUndefined();
    expect(parseGitAiLog('a.ts\n  abcd 1\n---\n{"schema_version":"authorship/2.0.0"}')).toBeUndefined();
    expect(parseGitAiLog('---\n{not json')).toBeUndefined();
    expect(parseGitAiLog(`---\n${metadata({})}`)).toEqual({ aiLines: new Map() });
  });

  it('parses line range specifications', () => {
    expect(parseRanges('1-4,9,12-13')).toEqual([
      [1, 4],
      [9, 9],
      [12, 13],
    ]);
    expect(parseRanges('0,5-3,x,8')).toEqual([[8, 8]]);
  });
});

describe('Agent Trace records', () => {
  const record = (revision: string | undefined, timestamp: string, files: unknown, tool = 'claude-code') => ({
    version: '0.1.0',
    id: '550e8400-e29b-41d4-a716-446655440000',
    timestamp,
    ...(revision ? { vcs: { type: 'git', revision } } : {}),
    tool: { name: tool },
    files,
  });
  const files = [
    {
      path: 'src/app.ts',
      conversations: [
        { contributor: { type: 'ai', model_id: 'anthropic/claude' }, ranges: [{ start_line: 2, end_line: 4 }, { start_line: 6, end_line: 6, contributor: { type: 'human' } }] },
        { contributor: { type: 'mixed' }, ranges: [{ start_line: 8, end_line: 9 }] },
        { contributor: { type: 'human' }, ranges: [{ start_line: 10, end_line: 10, contributor: { type: 'ai' } }] },
      ],
    },
  ];

  it('counts ai ranges only (a range contributor overrides its conversation); mixed and human do not count', () => {
    const lines = aiLinesOfTraces([record(undefined, '2026-03-02T09:00:00Z', files)] as never);
    expect([...lines.get('src/app.ts')!.keys()]).toEqual([2, 3, 4, 10]);
    expect(lines.get('src/app.ts')!.get(2)).toBe('claude-code');
  });

  it('reads one record, an array, or JSON lines (skipping torn lines)', () => {
    const one = record('a'.repeat(40), '2026-03-02T09:00:00Z', files);
    expect(parseTraceRecords(JSON.stringify(one))).toHaveLength(1);
    expect(parseTraceRecords(JSON.stringify([one, one]))).toHaveLength(2);
    expect(parseTraceRecords(`${JSON.stringify(one)}\n{"torn":\n${JSON.stringify(one)}\n`)).toHaveLength(2);
    expect(parseTraceRecords('')).toEqual([]);
  });

  it('picks working-tree records of the commit, or of its parent recorded before the commit', () => {
    const facts = commit({ sha: 'c'.repeat(40), parents: ['b'.repeat(40)], committedAt: '2026-03-02T10:00:00+01:00' });
    const records = [
      record('c'.repeat(7), '2026-03-02T12:00:00Z', files), // the commit itself, abbreviated
      record('b'.repeat(40), '2026-03-02T08:59:00Z', files), // parent, before the commit (09:00Z)
      record('b'.repeat(40), '2026-03-02T09:30:00Z', files), // parent, after the commit: a later edit
      record('d'.repeat(40), '2026-03-02T08:00:00Z', files), // another revision
      record(undefined, '2026-03-02T08:00:00Z', files), // no revision
    ];
    expect(tracesForCommit(records as never, facts)).toEqual([records[0], records[1]]);
  });
});

describe('trailers', () => {
  const trailers = (...lines: [string, string][]) => lines.map(([key, value]) => ({ key, value }));

  it('recognises AI co-authors by identity, Assisted-by / Generated-by, Made-with and the aider author suffix', () => {
    expect(trailerTools(commit({ trailers: trailers(['Co-authored-by', 'Claude <noreply@anthropic.com>']) }))).toEqual(['claude-code']);
    expect(trailerTools(commit({ trailers: trailers(['Co-Authored-By', 'Cursor Agent <cursoragent@cursor.com>']) }))).toEqual(['cursor']);
    expect(trailerTools(commit({ trailers: trailers(['Co-authored-by', 'aider (openai/gpt-4o) <aider@aider.chat>']) }))).toEqual(['aider']);
    expect(trailerTools(commit({ trailers: trailers(['Co-authored-by', 'Copilot <198982749+Copilot@users.noreply.github.com>']) }))).toEqual(['copilot']);
    expect(trailerTools(commit({ trailers: trailers(['Assisted-by', 'Claude:claude-opus-4']) }))).toEqual(['claude-code']);
    expect(trailerTools(commit({ trailers: trailers(['Generated-by', 'Some New Agent 2']) }))).toEqual(['some-new-agent-2']);
    expect(trailerTools(commit({ trailers: trailers(['Made-with', 'Cursor']) }))).toEqual(['cursor']);
    expect(trailerTools(commit({ authorName: 'Ann (aider)' }))).toEqual(['aider']);
  });

  it('ignores human co-authors, Made-with of non-AI tools and other trailers', () => {
    expect(
      trailerTools(
        commit({
          trailers: trailers(
            ['Co-authored-by', 'Claude Monet <claude@example.com>'],
            ['Made-with', 'Vim'],
            ['Signed-off-by', 'Claude <noreply@anthropic.com>'],
            ['Reviewed-by', 'Bob <bob@example.com>'],
          ),
        }),
      ),
    ).toEqual([]);
  });
});

describe('unified diff reading', () => {
  it('collects added line numbers per file, even when an added line looks like a header', () => {
    const patch = [
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,0 +2,3 @@',
      '+one',
      '+++ b/evil.txt',
      '+three',
      '@@ -9 +11 @@',
      '-old',
      '+new',
      'diff --git a/gone.txt b/gone.txt',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-x',
      '-y',
      'diff --git "a/tab\\there" "b/tab\\there"',
      '--- "a/tab\\there"',
      '+++ "b/tab\\there"',
      '@@ -0,0 +1 @@',
      '+z',
    ].join('\n');
    const added = parseAddedLines(patch);
    expect([...added.keys()]).toEqual(['a.txt', 'tab\there']);
    expect([...added.get('a.txt')!]).toEqual([2, 3, 4, 11]);
    expect([...added.get('tab\there')!]).toEqual([1]);
  });

  it('undoes git path quoting, octal UTF-8 bytes included', () => {
    expect(unquote('"b/caf\\303\\251.txt"')).toBe('b/café.txt');
    expect(unquote('"b/say \\"hi\\""')).toBe('b/say "hi"');
    expect(unquote('b/plain')).toBe('b/plain');
  });
});

describe('attribute()', () => {
  const note = ['a.ts', '  abcd1234abcd1234 1-5', '---', metadata({ prompts: { abcd1234abcd1234: { agent_id: { tool: 'cursor', id: '1', model: 'm' } } } })].join('\n');
  const added = new Map([['a.ts', new Set([2, 3, 9])]]);

  it('counts only the attested lines the commit added, and merges trailer tools into the list', () => {
    const facts = commit({ trailers: [{ key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' }] });
    expect(attribute(facts, { gitAiNote: note, traces: [], addedLines: added })).toEqual({
      aiLinesAdded: 2,
      aiAttribution: { method: 'git-notes', tools: ['claude-code', 'cursor'] },
    });
  });

  it('gives a trailer-only commit no line count', () => {
    const facts = commit({ trailers: [{ key: 'Made-with', value: 'Cursor' }] });
    expect(attribute(facts, { traces: [] })).toEqual({ aiAttribution: { method: 'trailer', tools: ['cursor'] } });
    expect(attribute(commit(), { traces: [] })).toEqual({});
  });

  it('never counts a line twice when a note and a trace both attribute it', () => {
    const traces = [{ tool: { name: 'claude-code' }, files: [{ path: 'a.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 3, end_line: 9 }] }] }] }];
    expect(attribute(commit(), { gitAiNote: note, traces, addedLines: added })).toEqual({
      aiLinesAdded: 3,
      aiAttribution: { method: 'git-notes', tools: ['claude-code', 'cursor'] },
    });
    expect(attribute(commit(), { traces, addedLines: added })).toEqual({ aiLinesAdded: 2, aiAttribution: { method: 'agent-trace', tools: ['claude-code'] } });
  });
});
