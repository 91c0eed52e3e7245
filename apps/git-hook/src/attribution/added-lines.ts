import { DIFF_OPTIONS } from '../commit-reader';
import { git, type GitContext } from '../git';

/** For each file a commit changed, the line numbers (1-based, in the commit's version) it added. */
export type AddedLines = Map<string, Set<number>>;

/** The lines `sha` added, from a zero-context patch against its first parent. */
export async function readAddedLines(context: GitContext, sha: string): Promise<AddedLines> {
  const patch = await git(context, [
    '-c',
    'core.quotePath=false',
    'show',
    '--format=',
    '-U0',
    ...DIFF_OPTIONS,
    '--src-prefix=a/',
    '--dst-prefix=b/',
    sha,
    '--',
  ]);
  return parseAddedLines(patch);
}

/**
 * Reads `+++ b/<path>` headers and `@@ -a,b +c,d @@` hunks of a unified diff. Hunk bodies are skipped by
 * their counts, so an added line that itself starts with `++ ` is never taken for a header.
 */
export function parseAddedLines(patch: string): AddedLines {
  const added: AddedLines = new Map();
  let current: Set<number> | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('+')) newLeft -= 1;
      else if (line.startsWith('-')) oldLeft -= 1;
      else if (line.startsWith(' ')) {
        oldLeft -= 1;
        newLeft -= 1;
      }
      continue;
    }
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4).replace(/\t$/, ''));
      if (target === '/dev/null' || !target.startsWith('b/')) {
        current = undefined;
        continue;
      }
      const filePath = target.slice(2);
      current = added.get(filePath) ?? new Set<number>();
      added.set(filePath, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      for (let lineNumber = start; lineNumber < start + newLeft; lineNumber += 1) current?.add(lineNumber);
    }
  }
  return added;
}

/** Undoes git's C-style quoting of unusual paths (`"b/tab\there"`, octal bytes for non-UTF-8). */
export function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, '"': 34, '\\': 92 };
  for (let index = 0; index < body.length; index += 1) {
    const char = body.charAt(index);
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** How many of `lines` a commit added, per file and in total. */
export function countAdded(added: AddedLines, lines: Map<string, Set<number>>): number {
  let total = 0;
  for (const [filePath, attributed] of lines) {
    const addedInFile = added.get(filePath);
    if (!addedInFile) continue;
    for (const lineNumber of attributed) if (addedInFile.has(lineNumber)) total += 1;
  }
  return total;
}
