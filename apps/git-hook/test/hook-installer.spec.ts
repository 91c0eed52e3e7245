import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END, CHAINED_SUFFIX, install, uninstall, type HookCommand } from '../src/hook-installer';
import { createRepo, createSandbox } from './support/repo';

// install / uninstall on real repositories: core.hooksPath, existing hooks, --global.

const sandbox = createSandbox('hooks');
afterAll(() => sandbox.cleanup());

/** A stand-in CLI that records each call, so the installed hook can be run for real by `git commit`. */
const recorder = path.join(sandbox.root, 'calls.log');
const command: HookCommand = { node: '/bin/sh', script: path.join(sandbox.root, 'record.sh') };
execFileSync('/bin/sh', ['-c', `printf '%s\\n' 'echo "$@" >> "${recorder}"' > "${command.script}"`]);

const mode = (file: string) => statSync(file).mode & 0o777;
// Only complete lines: the background hook may have opened the file without having written to it yet.
const calls = () => (existsSync(recorder) ? readFileSync(recorder, 'utf8').split('\n').slice(0, -1) : []);

async function waitForCalls(count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  while (calls().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return calls();
}

describe('uplift-git install / uninstall', () => {
  it('creates an executable hook that git runs after each commit, and uninstall deletes it', async () => {
    const repo = createRepo(sandbox, 'fresh');
    const context = { cwd: repo.dir, env: repo.env };
    const result = await install(context, command);
    const hookFile = path.join(repo.dir, '.git', 'hooks', 'post-commit');
    expect(result).toEqual({ hookFile, action: 'created' });
    expect(mode(hookFile) & 0o111).not.toBe(0);

    const before = calls().length;
    repo.write('a.txt', 'a\n');
    const sha = repo.commit('first');
    expect((await waitForCalls(before + 1)).at(-1)).toBe(`post-commit ${sha}`);

    expect(await install(context, command)).toEqual({ hookFile, action: 'updated' });
    expect(readFileSync(hookFile, 'utf8').split(BLOCK_BEGIN)).toHaveLength(2);
    expect(await uninstall(context)).toEqual({ hookFile, action: 'deleted' });
    expect(existsSync(hookFile)).toBe(false);
    expect(await uninstall(context)).toEqual({ hookFile, action: 'not-installed' });
  });

  it('stays quiet while a rebase rewrites commits (their originals were sent)', async () => {
    const repo = createRepo(sandbox, 'rebasing');
    repo.write('a.txt', 'a\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('b.txt', 'b\n');
    repo.commit('topic 1');
    repo.write('c.txt', 'c\n');
    repo.commit('topic 2');
    repo.git('checkout', '-q', 'main');
    repo.write('d.txt', 'd\n');
    repo.commit('main moves on');
    await install({ cwd: repo.dir, env: repo.env }, command);

    const before = calls().length;
    repo.git('rebase', '-q', 'main', 'topic');
    repo.write('e.txt', 'e\n');
    const sha = repo.commit('after the rebase');
    expect((await waitForCalls(before + 1)).slice(before)).toEqual([`post-commit ${sha}`]);
  });

  it('respects core.hooksPath and keeps an existing shell hook, restoring it byte for byte', async () => {
    const repo = createRepo(sandbox, 'hooks-path');
    repo.git('config', 'core.hooksPath', '.githooks');
    const original = '#!/usr/bin/env bash\nset -e\necho "their hook ran" >> their.log\nexit 0\n';
    repo.write('.githooks/post-commit', original, 0o750);
    const context = { cwd: path.join(repo.dir), env: repo.env };

    const result = await install(context, command);
    const hookFile = path.join(repo.dir, '.githooks', 'post-commit');
    expect(result).toEqual({ hookFile, action: 'inserted' });
    const installed = readFileSync(hookFile, 'utf8');
    // Ours right after the interpreter line, so their `exit 0` cannot skip it; theirs unchanged after it.
    expect(installed.startsWith(`#!/usr/bin/env bash\n${BLOCK_BEGIN}\n`)).toBe(true);
    expect(installed.endsWith(`${BLOCK_END}\nset -e\necho "their hook ran" >> their.log\nexit 0\n`)).toBe(true);

    const before = calls().length;
    repo.write('a.txt', 'a\n');
    const sha = repo.commit('with both hooks');
    expect((await waitForCalls(before + 1)).at(-1)).toBe(`post-commit ${sha}`);
    expect(readFileSync(path.join(repo.dir, 'their.log'), 'utf8')).toBe('their hook ran\n');

    expect(await uninstall(context)).toEqual({ hookFile, action: 'removed' });
    expect(readFileSync(hookFile, 'utf8')).toBe(original);
    expect(mode(hookFile)).toBe(0o750);
  });

  it('moves a hook in another language aside, calls it after ours, and puts it back on uninstall', async () => {
    const repo = createRepo(sandbox, 'python-hook');
    const original = '#!/usr/bin/env python3\nprint("python hook")\n';
    repo.write('.git/hooks/post-commit', original, 0o755);
    const context = { cwd: repo.dir, env: repo.env };
    const hookFile = path.join(repo.dir, '.git', 'hooks', 'post-commit');

    expect(await install(context, command)).toEqual({ hookFile, action: 'chained' });
    expect(readFileSync(`${hookFile}${CHAINED_SUFFIX}`, 'utf8')).toBe(original);
    expect(readFileSync(hookFile, 'utf8')).toContain(`post-commit${CHAINED_SUFFIX}`);

    expect(await uninstall(context)).toEqual({ hookFile, action: 'restored' });
    expect(readFileSync(hookFile, 'utf8')).toBe(original);
    expect(mode(hookFile)).toBe(0o755);
    expect(existsSync(`${hookFile}${CHAINED_SUFFIX}`)).toBe(false);
  });

  it('keeps a disabled (non-executable) hook disabled', async () => {
    const repo = createRepo(sandbox, 'disabled-hook');
    const original = '#!/bin/sh\necho should-not-run >> disabled.log\n';
    repo.write('.git/hooks/post-commit', original, 0o644);
    const context = { cwd: repo.dir, env: repo.env };
    const hookFile = path.join(repo.dir, '.git', 'hooks', 'post-commit');

    expect(await install(context, command)).toEqual({ hookFile, action: 'chained' });
    const before = calls().length;
    repo.write('a.txt', 'a\n');
    const sha = repo.commit('one');
    expect((await waitForCalls(before + 1)).at(-1)).toBe(`post-commit ${sha}`);
    expect(existsSync(path.join(repo.dir, 'disabled.log'))).toBe(false);
    await uninstall(context);
    expect(readFileSync(hookFile, 'utf8')).toBe(original);
    expect(mode(hookFile)).toBe(0o644);
  });

  it('--global sets core.hooksPath only when none is set, runs each repository’s own hook too, and undoes it', async () => {
    const repo = createRepo(sandbox, 'global-user');
    repo.write('.git/hooks/post-commit', '#!/bin/sh\necho local >> local.log\n', 0o755);
    const context = { cwd: repo.dir, env: repo.env };
    const expectedDirectory = path.join(sandbox.home, '.config', 'uplift', 'git-hooks');

    const result = await install(context, command, { global: true });
    expect(result).toEqual({ hookFile: path.join(expectedDirectory, 'post-commit'), action: 'created', configuredHooksPath: expectedDirectory });
    expect(repo.git('config', '--global', 'core.hooksPath').trim()).toBe(expectedDirectory);

    const before = calls().length;
    repo.write('a.txt', 'a\n');
    const sha = repo.commit('global hook');
    expect((await waitForCalls(before + 1)).at(-1)).toBe(`post-commit ${sha}`);
    expect(readFileSync(path.join(repo.dir, 'local.log'), 'utf8')).toBe('local\n');

    expect(await uninstall(context, { global: true })).toMatchObject({ action: 'deleted', unsetHooksPath: true });
    expect(() => repo.git('config', '--global', 'core.hooksPath')).toThrow();
    expect(existsSync(expectedDirectory)).toBe(false);
  });

  it('--global installs into an existing global hooks directory and leaves the setting alone', async () => {
    const repo = createRepo(sandbox, 'global-existing');
    const theirs = path.join(sandbox.root, 'team-hooks');
    repo.git('config', '--global', 'core.hooksPath', theirs);
    repo.write('../team-hooks/post-commit', '#!/bin/sh\necho team\n', 0o755);
    const context = { cwd: repo.dir, env: repo.env };

    expect(await install(context, command, { global: true })).toEqual({ hookFile: path.join(theirs, 'post-commit'), action: 'inserted' });
    expect(await uninstall(context, { global: true })).toEqual({ hookFile: path.join(theirs, 'post-commit'), action: 'removed' });
    expect(readFileSync(path.join(theirs, 'post-commit'), 'utf8')).toBe('#!/bin/sh\necho team\n');
    expect(repo.git('config', '--global', 'core.hooksPath').trim()).toBe(theirs);
    repo.git('config', '--global', '--unset', 'core.hooksPath');
  });
});
