import path from 'node:path';
import { gitConfig, gitOptional, type GitContext } from './git';

/**
 * The repository id Uplift uses (`org/repo`) from a remote URL: `git@host:org/repo.git`,
 * `https://host/org/repo`, `ssh://git@host:2222/org/repo.git` and `https://user:token@host/group/sub/repo`
 * all give the path on the host, without `.git`. Subgroups stay (`group/sub/repo`), case is kept: it matches
 * what CI variables name the repository. `undefined` for a local path remote.
 */
export function repoIdFromRemoteUrl(url: string): string | undefined {
  const trimmed = url.trim();
  let repoPath: string | undefined;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(trimmed);
  if (scheme) {
    if (/^file:/i.test(trimmed)) return undefined;
    try {
      repoPath = decodeURIComponent(new URL(trimmed).pathname);
    } catch {
      return undefined;
    }
  } else {
    // scp-like syntax: [user@]host:path (a colon before any slash)
    const scpLike = /^(?:[^@/]+@)?[^:/]+:(?!\/\/)(.+)$/.exec(trimmed);
    if (!scpLike) return undefined;
    repoPath = scpLike[1];
  }
  const cleaned = (repoPath ?? '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/^~[^/]*\//, '')
    .replace(/\.git$/i, '');
  return cleaned || undefined;
}

/**
 * The id of the repository around `context.cwd`: `git config uplift.repo` when set, else the `origin`
 * remote (or the first remote), else the name of the top-level directory.
 */
export async function resolveRepoId(context: GitContext): Promise<string> {
  const configured = await gitConfig(context, 'uplift.repo');
  if (configured) return configured;
  const remotes = ((await gitOptional(context, ['remote'])) ?? '').split('\n').filter(Boolean);
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  if (remote) {
    const url = await gitConfig(context, `remote.${remote}.url`);
    const fromUrl = url ? repoIdFromRemoteUrl(url) : undefined;
    if (fromUrl) return fromUrl;
  }
  const topLevel = (await gitOptional(context, ['rev-parse', '--show-toplevel']))?.trim();
  return path.basename(topLevel || path.resolve(context.cwd));
}
