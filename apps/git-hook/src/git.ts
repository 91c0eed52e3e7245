import { execFile } from 'node:child_process';

/** Where and how git runs: the repository (or any directory inside it) and the environment. */
export type GitContext = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Each git call is killed after this long (the hook's time budget). */
  timeoutMs?: number;
};

export class GitError extends Error {
  readonly code = 'GIT_FAILED';

  constructor(
    readonly args: string[],
    readonly exitCode: number | string | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
    this.name = 'GitError';
  }
}

// Inside a hook git exports GIT_INDEX_FILE (possibly a temporary index) and similar; none of our reads need
// them, and a stale one would point later commands at the wrong index.
const HOOK_ONLY_VARIABLES = ['GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_EDITOR', 'GIT_REFLOG_ACTION'];

function gitEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...(env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const name of HOOK_ONLY_VARIABLES) delete merged[name];
  return merged;
}

/** Runs git and resolves with its stdout; rejects with a GitError on a non-zero exit. */
export function git(context: GitContext, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: context.cwd, env: gitEnv(context.env), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: context.timeoutMs ?? 0, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const exitCode = (error as { code?: number | string }).code ?? null;
          reject(new GitError(args, exitCode, stderr || error.message));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Like `git`, but `undefined` when git exits non-zero (a missing config key, note or remote). */
export async function gitOptional(context: GitContext, args: string[]): Promise<string | undefined> {
  try {
    return await git(context, args);
  } catch (error: unknown) {
    if (error instanceof GitError && typeof error.exitCode === 'number') return undefined;
    throw error;
  }
}

/** A single-valued `git config` key, trimmed; `undefined` when unset. */
export async function gitConfig(context: GitContext, key: string, scope: '--global' | undefined = undefined): Promise<string | undefined> {
  const value = await gitOptional(context, ['config', ...(scope ? [scope] : []), '--get', key]);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
