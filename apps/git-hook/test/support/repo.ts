import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real git repositories in temporary folders, isolated from the machine's git configuration: a private
 * HOME, an empty global config file (GIT_CONFIG_GLOBAL) and no system config.
 */
export type Sandbox = { root: string; home: string; env: NodeJS.ProcessEnv; cleanup: () => void };

export function createSandbox(label: string): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), `uplift-git-${label}-`));
  const home = path.join(root, 'home');
  mkdirSync(home, { recursive: true });
  const globalConfig = path.join(home, '.gitconfig');
  writeFileSync(globalConfig, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.state'),
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ann Developer',
    GIT_AUTHOR_EMAIL: 'ann@example.com',
    GIT_COMMITTER_NAME: 'Ann Developer',
    GIT_COMMITTER_EMAIL: 'ann@example.com',
    LANG: 'C',
  };
  return { root, home, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export type TestRepo = {
  dir: string;
  env: NodeJS.ProcessEnv;
  git: (...args: string[]) => string;
  write: (file: string, content: string | Buffer, mode?: number) => void;
  /** Commits everything in the working tree; returns the new sha. */
  commit: (message: string, env?: NodeJS.ProcessEnv) => string;
};

export function createRepo(sandbox: Sandbox, name: string, options: { remote?: string } = {}): TestRepo {
  const dir = path.join(sandbox.root, name);
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: sandbox.env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  if (options.remote) git('remote', 'add', 'origin', options.remote);
  return {
    dir,
    env: sandbox.env,
    git,
    write: (file, content, mode) => {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      if (mode !== undefined) chmodSync(target, mode);
    },
    commit: (message, env) => {
      git('add', '-A');
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: dir, env: { ...sandbox.env, ...env }, encoding: 'utf8' });
      return git('rev-parse', 'HEAD').trim();
    },
  };
}

/** `count` numbered lines, `prefix-1` … */
export function numberedLines(count: number, prefix = 'line'): string {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}\n`).join('');
}
