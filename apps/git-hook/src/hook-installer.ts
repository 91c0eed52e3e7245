import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, readFile, readdir, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { git, gitConfig, type GitContext } from './git';

export const HOOK_NAME = 'post-commit';
export const BLOCK_BEGIN = '# >>> uplift-git post-commit >>>';
export const BLOCK_END = '# <<< uplift-git post-commit <<<';
/** Where an existing hook that is not a shell script is moved; the new hook calls it. */
export const CHAINED_SUFFIX = '.uplift-chained';
/** Global git config key recording the hooks directory uplift-git created (so uninstall can undo it). */
const MANAGED_HOOKS_PATH_KEY = 'uplift.managedHooksPath';

/** How the hook reaches this CLI: absolute paths, so it works from any shell and any working directory. */
export type HookCommand = { node: string; script: string };

export type InstallResult = {
  hookFile: string;
  /** created: new hook file; inserted: block added to an existing shell hook; chained: an existing non-shell
   *  hook was moved aside and is called after ours; updated: an earlier install was refreshed. */
  action: 'created' | 'inserted' | 'chained' | 'updated';
  /** Set when `--global` configured `core.hooksPath` itself. */
  configuredHooksPath?: string;
};

export type UninstallResult = { hookFile: string; action: 'removed' | 'restored' | 'deleted' | 'not-installed'; unsetHooksPath?: boolean };

const SHELL_SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|dash|zsh|ksh|ash)\b/;

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The delimited block added to a hook. It hands the new commit to `uplift-git post-commit` in the
 * background (detached, output discarded) so the commit never waits or fails; `UPLIFT_DEBUG=1` runs it in
 * the foreground with its diagnostics, `UPLIFT_DISABLE=1` skips it. Commits a rebase rewrites are skipped:
 * their originals were sent already (a new sha would count the same change twice), and a long rebase
 * would otherwise start one process per commit.
 */
export function hookBlock(command: HookCommand, options: { runLocalHook?: boolean } = {}): string {
  const invoke = `${shellQuote(command.node)} ${shellQuote(command.script)} post-commit`;
  const lines = [
    BLOCK_BEGIN,
    '# Sends this commit to Uplift. Never blocks or fails the commit. Remove with: uplift-git uninstall',
    'if [ -z "${UPLIFT_DISABLE:-}" ] && [ ! -d "$(git rev-parse --git-path rebase-merge)" ] && [ ! -d "$(git rev-parse --git-path rebase-apply)" ]; then',
    '  uplift_sha=$(git rev-parse HEAD 2>/dev/null)',
    '  if [ "${UPLIFT_DEBUG:-}" = "1" ]; then',
    `    ${invoke} --verbose "$uplift_sha" || true`,
    '  else',
    `    ( ${invoke} "$uplift_sha" </dev/null >/dev/null 2>&1 & ) >/dev/null 2>&1`,
    '  fi',
    'fi',
  ];
  if (options.runLocalHook) {
    // A global core.hooksPath hides each repository's own .git/hooks: run its post-commit hook too.
    lines.push(
      'uplift_local_hook="$(git rev-parse --git-common-dir 2>/dev/null)/hooks/post-commit"',
      'if [ -x "$uplift_local_hook" ]; then "$uplift_local_hook" "$@"; fi',
    );
  }
  lines.push(BLOCK_END);
  return `${lines.join('\n')}\n`;
}

/** The hooks directory git uses for the repository at `context.cwd` (honours `core.hooksPath`). */
export async function repositoryHooksDirectory(context: GitContext): Promise<string> {
  const relative = (await git(context, ['rev-parse', '--git-path', 'hooks'])).trim();
  return path.resolve(context.cwd, relative);
}

/** Installs the post-commit hook into one repository (`global` false) or for every repository. */
export async function install(context: GitContext, command: HookCommand, options: { global?: boolean } = {}): Promise<InstallResult> {
  if (!options.global) {
    const directory = await repositoryHooksDirectory(context);
    return installInto(path.join(directory, HOOK_NAME), command, {});
  }
  const existing = await gitConfig(context, 'core.hooksPath', '--global');
  if (existing) {
    // Someone already manages global hooks: add our block to theirs and leave the setting alone.
    return installInto(path.join(expandHome(existing, context.env), HOOK_NAME), command, {});
  }
  const directory = defaultGlobalHooksDirectory(context.env);
  const result = await installInto(path.join(directory, HOOK_NAME), command, { runLocalHook: true });
  await git(context, ['config', '--global', 'core.hooksPath', directory]);
  await git(context, ['config', '--global', MANAGED_HOOKS_PATH_KEY, directory]);
  return { ...result, configuredHooksPath: directory };
}

/** Removes exactly what `install` added; an original hook comes back byte for byte. */
export async function uninstall(context: GitContext, options: { global?: boolean } = {}): Promise<UninstallResult> {
  if (!options.global) {
    const directory = await repositoryHooksDirectory(context);
    return uninstallFrom(path.join(directory, HOOK_NAME));
  }
  const configured = await gitConfig(context, 'core.hooksPath', '--global');
  if (!configured) return { hookFile: '', action: 'not-installed' };
  const directory = expandHome(configured, context.env);
  const result = await uninstallFrom(path.join(directory, HOOK_NAME));
  const managed = await gitConfig(context, MANAGED_HOOKS_PATH_KEY, '--global');
  if (managed && path.resolve(managed) === path.resolve(directory)) {
    await git(context, ['config', '--global', '--unset', 'core.hooksPath']);
    await git(context, ['config', '--global', '--unset', MANAGED_HOOKS_PATH_KEY]);
    if ((await readdir(directory).catch(() => ['?'])).length === 0) await rmdir(directory);
    return { ...result, unsetHooksPath: true };
  }
  return result;
}

async function installInto(hookFile: string, command: HookCommand, options: { runLocalHook?: boolean }): Promise<InstallResult> {
  const block = hookBlock(command, options);
  await mkdir(path.dirname(hookFile), { recursive: true });
  const current = await readFile(hookFile, 'utf8').catch(() => undefined);

  if (current === undefined) {
    await writeFile(hookFile, `#!/bin/sh\n${block}`, { mode: 0o755 });
    await chmod(hookFile, 0o755);
    return { hookFile, action: 'created' };
  }
  const existingBlock = findBlock(current);
  if (existingBlock) {
    await writeFile(hookFile, current.slice(0, existingBlock.start) + block + current.slice(existingBlock.end));
    return { hookFile, action: 'updated' };
  }
  const firstLineEnd = current.indexOf('\n');
  const executable = ((await stat(hookFile)).mode & 0o111) !== 0;
  if (executable && !current.startsWith('#!')) {
    // No interpreter line: git runs it with the shell; our block goes first.
    await writeFile(hookFile, block + current);
    return { hookFile, action: 'inserted' };
  }
  if (executable && SHELL_SHEBANG.test(current) && firstLineEnd !== -1) {
    // After the interpreter line, before the script: a later `exit` in the script cannot skip it.
    await writeFile(hookFile, current.slice(0, firstLineEnd + 1) + block + current.slice(firstLineEnd + 1));
    return { hookFile, action: 'inserted' };
  }
  // Another language, a binary, or a disabled (non-executable) hook: move it aside untouched and call it
  // from a new shell hook when, as before, it is executable.
  const chained = `${hookFile}${CHAINED_SUFFIX}`;
  await rename(hookFile, chained);
  const chainedPath = `"$(dirname "$0")/${path.basename(chained)}"`;
  const callChained = `if [ -x ${chainedPath} ]; then exec ${chainedPath} "$@"; fi\n`;
  await writeFile(hookFile, `#!/bin/sh\n${block}${callChained}`, { mode: 0o755 });
  await chmod(hookFile, 0o755);
  return { hookFile, action: 'chained' };
}

async function uninstallFrom(hookFile: string): Promise<UninstallResult> {
  const chained = `${hookFile}${CHAINED_SUFFIX}`;
  if (await exists(chained)) {
    await rename(chained, hookFile);
    return { hookFile, action: 'restored' };
  }
  const current = await readFile(hookFile, 'utf8').catch(() => undefined);
  const block = current === undefined ? undefined : findBlock(current);
  if (current === undefined || !block) return { hookFile, action: 'not-installed' };
  const rest = current.slice(0, block.start) + current.slice(block.end);
  if (rest === '#!/bin/sh\n') {
    await unlink(hookFile); // the whole file was ours
    return { hookFile, action: 'deleted' };
  }
  await writeFile(hookFile, rest);
  return { hookFile, action: 'removed' };
}

/** The block's span, from the start of its first line to just after its last line's newline. */
function findBlock(text: string): { start: number; end: number } | undefined {
  const start = text.indexOf(`${BLOCK_BEGIN}\n`);
  if (start === -1 || (start > 0 && text[start - 1] !== '\n')) return undefined;
  const endMarker = text.indexOf(`${BLOCK_END}\n`, start);
  if (endMarker === -1) return undefined;
  return { start, end: endMarker + BLOCK_END.length + 1 };
}

function defaultGlobalHooksDirectory(env: NodeJS.ProcessEnv | undefined): string {
  const variables = env ?? process.env;
  const configHome = variables['XDG_CONFIG_HOME'] || path.join(variables['HOME'] || homedir(), '.config');
  return path.join(configHome, 'uplift', 'git-hooks');
}

function expandHome(directory: string, env: NodeJS.ProcessEnv | undefined): string {
  if (directory === '~' || directory.startsWith('~/')) return path.join((env ?? process.env)['HOME'] || homedir(), directory.slice(1));
  return path.resolve(directory);
}

async function exists(file: string): Promise<boolean> {
  return access(file, fsConstants.F_OK).then(
    () => true,
    () => false,
  );
}
