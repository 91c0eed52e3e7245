import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gitOptional, type GitContext } from '../git';
import { normalizeToolName } from './ai-tools';

/**
 * Agent Trace records (spec 0.1.0): JSON objects with `version`, `id`, `timestamp`, optional
 * `vcs: { type, revision }` and `tool: { name, version }`, and `files: [{ path, conversations: [{ contributor:
 * { type: human|ai|mixed|unknown, model_id }, ranges: [{ start_line, end_line, contributor? }] }] }]`. Line
 * numbers are 1-based at the recorded revision. The spec leaves storage open; two places are read:
 *
 * - a git note on the commit under `refs/notes/agent-trace` (one record, a JSON array, or JSON lines): the
 *   records describe that commit;
 * - `.agent-trace/traces.jsonl` in the working tree (where the spec's reference implementation appends): the
 *   records whose `vcs.revision` is the commit, and those whose revision is its first parent and whose
 *   `timestamp` is not after the commit (the reference implementation records HEAD at edit time, so edits
 *   that went into a commit carry its parent).
 *
 * Only `ai` contributions count (a range's own contributor overrides its conversation's); `mixed` is
 * human-edited and is left out, so the count stays a lower bound.
 */
export type TraceRecord = {
  timestamp?: string;
  vcs?: { type?: string; revision?: string };
  tool?: { name?: string };
  files?: { path?: string; conversations?: TraceConversation[] }[];
};

type Contributor = { type?: string; model_id?: string };
type TraceConversation = { contributor?: Contributor; ranges?: { start_line?: number; end_line?: number; contributor?: Contributor }[] };

export const AGENT_TRACE_NOTES_REF = 'agent-trace';
export const AGENT_TRACE_FILE = path.join('.agent-trace', 'traces.jsonl');

/** Records from a note or file: a JSON object, a JSON array of them, or one per line. */
export function parseTraceRecords(text: string): TraceRecord[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return (Array.isArray(whole) ? whole : [whole]).filter(isRecord);
  } catch {
    const records: TraceRecord[] = [];
    for (const line of trimmed.split('\n')) {
      try {
        const value: unknown = JSON.parse(line);
        if (isRecord(value)) records.push(value);
      } catch {
        // a torn or foreign line: skipped
      }
    }
    return records;
  }
}

function isRecord(value: unknown): value is TraceRecord {
  return typeof value === 'object' && value !== null && Array.isArray((value as TraceRecord).files);
}

/** The lines the records attribute to AI, per file, with the tool that recorded each. */
export function aiLinesOfTraces(records: TraceRecord[]): Map<string, Map<number, string | undefined>> {
  const lines = new Map<string, Map<number, string | undefined>>();
  for (const record of records) {
    const tool = typeof record.tool?.name === 'string' && record.tool.name !== 'unknown' ? normalizeToolName(record.tool.name) : undefined;
    for (const file of record.files ?? []) {
      if (typeof file.path !== 'string') continue;
      const filePath = file.path.replace(/^\.\//, '');
      for (const conversation of file.conversations ?? []) {
        for (const range of conversation.ranges ?? []) {
          const contributor = range.contributor ?? conversation.contributor;
          if (contributor?.type !== 'ai') continue;
          const { start_line: start, end_line: end } = range;
          if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) continue;
          const byLine = lines.get(filePath) ?? new Map<number, string | undefined>();
          lines.set(filePath, byLine);
          for (let lineNumber = start; lineNumber <= end; lineNumber += 1) byLine.set(lineNumber, tool ?? byLine.get(lineNumber));
        }
      }
    }
  }
  return lines;
}

/** Does `revision` (possibly abbreviated, at least 7 characters) name `sha`? */
function sameRevision(revision: string | undefined, sha: string | undefined): boolean {
  if (!revision || !sha || revision.length < 7) return false;
  return sha.toLowerCase().startsWith(revision.toLowerCase());
}

/** Picks the working-tree records that describe `commit` (see the module comment). */
export function tracesForCommit(records: TraceRecord[], commit: { sha: string; parents: string[]; committedAt: string }): TraceRecord[] {
  const committedAt = Date.parse(commit.committedAt);
  return records.filter((record) => {
    if (record.vcs?.type !== undefined && record.vcs.type !== 'git') return false;
    const revision = record.vcs?.revision;
    if (sameRevision(revision, commit.sha)) return true;
    if (!sameRevision(revision, commit.parents[0])) return false;
    const recordedAt = Date.parse(record.timestamp ?? '');
    return Number.isFinite(recordedAt) && Number.isFinite(committedAt) && recordedAt <= committedAt;
  });
}

export async function readTraceNote(context: GitContext, sha: string): Promise<TraceRecord[]> {
  const note = await gitOptional(context, ['notes', `--ref=${AGENT_TRACE_NOTES_REF}`, 'show', sha]);
  return note ? parseTraceRecords(note) : [];
}

/** Every record in the working tree's `.agent-trace/traces.jsonl` (none when the file is absent). */
export async function readTraceFile(context: GitContext): Promise<TraceRecord[]> {
  const topLevel = (await gitOptional(context, ['rev-parse', '--show-toplevel']))?.trim();
  if (!topLevel) return [];
  try {
    return parseTraceRecords(await readFile(path.join(topLevel, AGENT_TRACE_FILE), 'utf8'));
  } catch {
    return [];
  }
}
