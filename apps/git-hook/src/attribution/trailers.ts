import type { CommitFacts } from '../commit-reader';
import { aiToolOfIdentity, knownToolName, normalizeToolName, parseIdentity } from './ai-tools';

/**
 * AI tools a commit declares in its trailers or author name. A declaration says the commit was AI-assisted,
 * not how many lines: it never yields a line count.
 *
 * - `Co-authored-by:` whose email (or Aider's `aider (<model>)` name) is an AI tool's identity
 * - `Assisted-by:` / `Generated-by:` with any value: the tool named (`Claude:claude-opus-4` → claude-code)
 * - `Made-with:` naming a known AI tool (`Made-with: Cursor`)
 * - an author or committer name ending in ` (aider)` (Aider's attribution)
 */
export function trailerTools(commit: Pick<CommitFacts, 'trailers' | 'authorName' | 'committerName'>): string[] {
  const tools = new Set<string>();
  for (const { key, value } of commit.trailers) {
    const name = key.toLowerCase();
    if (name === 'co-authored-by') {
      const identity = parseIdentity(value);
      const tool = aiToolOfIdentity(identity.name, identity.email);
      if (tool) tools.add(tool);
    } else if (name === 'assisted-by' || name === 'generated-by') {
      const tool = normalizeToolName(value);
      if (tool) tools.add(tool);
    } else if (name === 'made-with') {
      const tool = knownToolName(value);
      if (tool) tools.add(tool);
    }
  }
  if (/\(aider\)\s*$/i.test(commit.authorName) || /\(aider\)\s*$/i.test(commit.committerName)) tools.add('aider');
  return [...tools].sort();
}
