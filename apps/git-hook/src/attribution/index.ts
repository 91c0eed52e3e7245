import type { AiAttribution } from '@uplift/sdk';
import type { CommitFacts } from '../commit-reader';
import { gitOptional, type GitContext } from '../git';
import { readAddedLines, type AddedLines } from './added-lines';
import { AGENT_TRACE_NOTES_REF, aiLinesOfTraces, readTraceNote, tracesForCommit, type TraceRecord } from './agent-trace';
import { GIT_AI_NOTES_REF, parseGitAiLog, readGitAiNote } from './git-ai';
import { trailerTools } from './trailers';

export type AttributionSources = {
  /** The raw Git AI authorship log attached to the commit. */
  gitAiNote?: string;
  /** Agent Trace records describing the commit (from its note and the working tree's file). */
  traces: TraceRecord[];
  /** The commit's added lines; needed only when there is a line-level source. */
  addedLines?: AddedLines;
};

export type Attribution = { aiLinesAdded?: number; aiAttribution?: AiAttribution };

/**
 * What the commit's evidence says about AI authorship:
 * - line-level sources (a Git AI note, Agent Trace records) → `aiLinesAdded` = the commit's added lines
 *   they attribute to AI (their union, so nothing counts twice), method `git-notes` when a Git AI note is
 *   there, else `agent-trace`;
 * - trailers alone → `aiAttribution: { method: 'trailer', tools }` and no line count;
 * - nothing → neither field.
 * `tools` joins the tools of the counted lines and those the trailers name.
 */
export function attribute(commit: CommitFacts, sources: AttributionSources): Attribution {
  const declared = trailerTools(commit);
  const gitAi = sources.gitAiNote ? parseGitAiLog(sources.gitAiNote) : undefined;
  const hasTraces = sources.traces.length > 0;
  if (!gitAi && !hasTraces) {
    return declared.length > 0 ? { aiAttribution: { method: 'trailer', tools: declared } } : {};
  }

  const attributed = new Map<string, Map<number, string | undefined>>();
  for (const source of [gitAi?.aiLines, hasTraces ? aiLinesOfTraces(sources.traces) : undefined]) {
    for (const [filePath, byLine] of source ?? []) {
      const merged = attributed.get(filePath) ?? new Map<number, string | undefined>();
      attributed.set(filePath, merged);
      for (const [lineNumber, tool] of byLine) merged.set(lineNumber, merged.get(lineNumber) ?? tool);
    }
  }

  const tools = new Set(declared);
  let aiLinesAdded = 0;
  for (const [filePath, byLine] of attributed) {
    const added = sources.addedLines?.get(filePath);
    if (!added) continue;
    for (const [lineNumber, tool] of byLine) {
      if (!added.has(lineNumber)) continue;
      aiLinesAdded += 1;
      if (tool) tools.add(tool);
    }
  }
  return { aiLinesAdded, aiAttribution: { method: gitAi ? 'git-notes' : 'agent-trace', tools: [...tools].sort() } };
}

/** Which commits have notes under each ref (a backfill lists them once instead of asking per commit). */
export type NotedCommits = { gitAi: Set<string>; agentTrace: Set<string> };

export async function listNotedCommits(context: GitContext): Promise<NotedCommits> {
  const list = async (ref: string) => {
    const output = (await gitOptional(context, ['notes', `--ref=${ref}`, 'list'])) ?? '';
    return new Set(output.split('\n').map((line) => line.split(' ')[1]?.trim()).filter((sha): sha is string => Boolean(sha)));
  };
  const [gitAi, agentTrace] = await Promise.all([list(GIT_AI_NOTES_REF), list(AGENT_TRACE_NOTES_REF)]);
  return { gitAi, agentTrace };
}

/** Reads the evidence for one commit: its notes, the matching working-tree traces, and its added lines. */
export async function collectSources(
  context: GitContext,
  commit: CommitFacts,
  traceFile: TraceRecord[],
  noted?: NotedCommits,
): Promise<AttributionSources> {
  const [gitAiNote, noteTraces] = await Promise.all([
    !noted || noted.gitAi.has(commit.sha) ? readGitAiNote(context, commit.sha) : undefined,
    !noted || noted.agentTrace.has(commit.sha) ? readTraceNote(context, commit.sha) : [],
  ]);
  const traces = [...noteTraces, ...tracesForCommit(traceFile, commit)];
  const lineLevel = (gitAiNote !== undefined && parseGitAiLog(gitAiNote) !== undefined) || traces.length > 0;
  const sources: AttributionSources = { traces };
  if (gitAiNote !== undefined) sources.gitAiNote = gitAiNote;
  if (lineLevel) sources.addedLines = await readAddedLines(context, commit.sha);
  return sources;
}
