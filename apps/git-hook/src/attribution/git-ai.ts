import { gitOptional, type GitContext } from '../git';
import { normalizeToolName } from './ai-tools';

/**
 * Git AI authorship logs (schema `authorship/3.x.x`), attached as git notes under `refs/notes/ai`:
 *
 * ```
 * src/main.rs                      ← a file path (double-quoted when it has spaces)
 *   abcd1234abcd1234 1-10,15-20    ← two spaces, an author key, line ranges (1-based, this commit's version)
 *   h_31dce776f88375 42-50         ← `h_` keys are known humans
 * ---
 * { "schema_version": "authorship/3.0.0", "base_commit_sha": "…",
 *   "prompts":  { "abcd1234abcd1234": { "agent_id": { "tool": "cursor", "id": "…", "model": "…" }, … } },
 *   "sessions": { "s_…": { "agent_id": { … } } },  "humans": { "h_…": { "author": "…" } } }
 * ```
 *
 * A bare key names a prompt record, `s_<id>` or `s_<id>::t_<id>` a session record; both are AI. When ranges
 * of several keys cover a line, the last one listed wins (as Git AI's own blame reads it).
 */
export type GitAiLog = {
  /** Per file, the lines an AI agent authored. */
  aiLines: Map<string, Map<number, string | undefined>>;
};

export const GIT_AI_NOTES_REF = 'ai';

export function parseGitAiLog(text: string): GitAiLog | undefined {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const divider = lines.indexOf('---');
  if (divider === -1) return undefined;
  let metadata: GitAiMetadata;
  try {
    metadata = JSON.parse(lines.slice(divider + 1).join('\n')) as GitAiMetadata;
  } catch {
    return undefined;
  }
  if (typeof metadata?.schema_version !== 'string' || !metadata.schema_version.startsWith('authorship/3.')) return undefined;

  const owners = new Map<string, Map<number, { ai: boolean; tool: string | undefined }>>();
  let current: Map<number, { ai: boolean; tool: string | undefined }> | undefined;
  for (const line of lines.slice(0, divider)) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) {
      const filePath = line.startsWith('"') && line.endsWith('"') ? line.slice(1, -1) : line;
      current = owners.get(filePath) ?? new Map();
      owners.set(filePath, current);
      continue;
    }
    const [key, ranges, ...extra] = line.trim().split(/\s+/);
    if (!key || !ranges || extra.length > 0 || !current) continue;
    const owner = ownerOfKey(key, metadata);
    for (const [start, end] of parseRanges(ranges)) {
      for (let lineNumber = start; lineNumber <= end; lineNumber += 1) current.set(lineNumber, owner);
    }
  }

  const aiLines = new Map<string, Map<number, string | undefined>>();
  for (const [filePath, byLine] of owners) {
    const ai = new Map<number, string | undefined>();
    for (const [lineNumber, owner] of byLine) if (owner.ai) ai.set(lineNumber, owner.tool);
    if (ai.size > 0) aiLines.set(filePath, ai);
  }
  return { aiLines };
}

type AgentRecord = { agent_id?: { tool?: unknown } };
type GitAiMetadata = {
  schema_version?: unknown;
  prompts?: Record<string, AgentRecord>;
  sessions?: Record<string, AgentRecord>;
  humans?: Record<string, unknown>;
};

function ownerOfKey(key: string, metadata: GitAiMetadata): { ai: boolean; tool: string | undefined } {
  if (key.startsWith('h_')) return { ai: false, tool: undefined };
  const sessionKey = key.split('::')[0] ?? key;
  const record = key.startsWith('s_') ? metadata.sessions?.[sessionKey] : metadata.prompts?.[key];
  const tool = record?.agent_id?.tool;
  // A key without its record (a prompt from another commit) is still an AI attestation; its tool is unknown.
  return { ai: true, tool: typeof tool === 'string' ? normalizeToolName(tool) : undefined };
}

/** `1-4,9,12-13` → [[1,4],[9,9],[12,13]]; malformed parts are skipped. */
export function parseRanges(spec: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) continue;
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (start >= 1 && end >= start) ranges.push([start, end]);
  }
  return ranges;
}

/** The authorship log attached to `sha`, if any. */
export async function readGitAiNote(context: GitContext, sha: string): Promise<string | undefined> {
  return gitOptional(context, ['notes', `--ref=${GIT_AI_NOTES_REF}`, 'show', sha]);
}
