import { git, type GitContext } from './git';

export type Trailer = { key: string; value: string };

/** A changed file as `git show --numstat` reports it; `null` counts are binary files (shown as `-`). */
export type FileStat = { path: string; added: number | null; deleted: number | null };

/** What one commit says about itself, read from git. */
export type CommitFacts = {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  committerName: string;
  /** Committer date, RFC 3339 with the committer's offset. */
  committedAt: string;
  trailers: Trailer[];
  /** Against the first parent for merges, against the empty tree for a root commit. */
  files: FileStat[];
};

const RECORD = '\x1e';
const FIELD = '\x1f';
const FIELDS = ['%H', '%P', '%an', '%ae', '%cn', '%cI', '%(trailers:only,unfold)'];
const FORMAT = `${RECORD}${FIELDS.join(FIELD)}${FIELD}`;

/**
 * Diff options shared by every read: renames detected (a moved file is not all-new lines), no external
 * diff or textconv drivers, merges diffed against their first parent (git ≥ 2.31).
 */
export const DIFF_OPTIONS = ['--no-color', '--no-ext-diff', '--no-textconv', '-M', '--diff-merges=first-parent'];

/** Reads the commits `revisionArgs` selects (as `git log` takes them), newest first. */
export async function readCommits(context: GitContext, revisionArgs: string[]): Promise<CommitFacts[]> {
  const output = await git(context, ['-c', 'core.quotePath=false', 'log', ...DIFF_OPTIONS, '--numstat', `--format=${FORMAT}`, ...revisionArgs]);
  return parseLog(output);
}

/** Reads one commit (`rev` is anything `git rev-parse` resolves). */
export async function readCommit(context: GitContext, rev: string): Promise<CommitFacts> {
  const [commit] = await readCommits(context, ['-1', '--no-walk', rev, '--']);
  if (!commit) throw new Error(`no commit at ${rev}`);
  return commit;
}

export function parseLog(output: string): CommitFacts[] {
  const commits: CommitFacts[] = [];
  for (const record of output.split(RECORD)) {
    if (!record.trim()) continue;
    const fields = record.split(FIELD);
    const [sha, parents, authorName, authorEmail, committerName, committedAt, trailers] = fields;
    const numstat = fields.slice(FIELDS.length).join(FIELD);
    commits.push({
      sha: (sha ?? '').trim(),
      parents: (parents ?? '').split(' ').filter(Boolean),
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      committerName: committerName ?? '',
      committedAt: committedAt ?? '',
      trailers: parseTrailers(trailers ?? ''),
      files: parseNumstat(numstat),
    });
  }
  return commits;
}

/** `Key: value` lines of the message's trailer block (already unfolded by git). */
export function parseTrailers(text: string): Trailer[] {
  const trailers: Trailer[] = [];
  for (const line of text.split('\n')) {
    const [, key, value] = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line.trim()) ?? [];
    if (key !== undefined && value !== undefined) trailers.push({ key, value: value.trim() });
  }
  return trailers;
}

function parseNumstat(text: string): FileStat[] {
  const files: FileStat[] = [];
  for (const line of text.split('\n')) {
    const [, added, deleted, filePath] = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line) ?? [];
    if (added === undefined || deleted === undefined || filePath === undefined) continue;
    files.push({ added: added === '-' ? null : Number(added), deleted: deleted === '-' ? null : Number(deleted), path: filePath });
  }
  return files;
}

/** Line totals over text files only: binary files (`-`) count as changed files but add no lines. */
export function lineTotals(files: FileStat[]): { linesAdded: number; linesDeleted: number; filesChanged: number } {
  let linesAdded = 0;
  let linesDeleted = 0;
  for (const file of files) {
    linesAdded += file.added ?? 0;
    linesDeleted += file.deleted ?? 0;
  }
  return { linesAdded, linesDeleted, filesChanged: files.length };
}
