import path from 'node:path';
import { parseArgs } from 'node:util';
import { backfill, BackfillError } from './backfill';
import { runAsEntryPoint, UsageError, workingDirectory } from './cli-support';
import { emitCommit } from './emit';
import type { GitContext } from './git';
import { install, uninstall, type HookCommand } from './hook-installer';
import { createLog, debugRequested } from './log';

const USAGE = `uplift-git: sends your commits to Uplift

  uplift-git install [--global] [--repo <path>]     add the post-commit hook (keeps an existing hook)
  uplift-git uninstall [--global] [--repo <path>]   remove exactly what install added
  uplift-git post-commit [<sha>]                    what the hook runs: emit one commit, silently, exit 0
  uplift-git emit [<rev>] [--repo <path>]           the same for any commit (default HEAD)
  uplift-git backfill --since <date> [--repo <path>] [--all] [--timeout-ms <ms>]
                                                    emit the history since a date (safe to repeat)

Configuration: UPLIFT_URL and UPLIFT_INGEST_KEY, or git config uplift.url / uplift.ingestKey;
git config uplift.login sets actor.login. --verbose or UPLIFT_DEBUG=1 prints diagnostics on stderr.`;

/** The budget of one hook run: reading git and sending; then what is unsent is spooled. */
const HOOK_BUDGET_MS = 2000;

/** How the installed hook calls this CLI: this Node binary and the package's bin script. */
function hookCommand(): HookCommand {
  return { node: process.execPath, script: path.resolve(__dirname, '..', 'bin', 'uplift-git.cjs') };
}

export type MainOptions = {
  /** End the process shortly after the hook's budget whatever is still pending (entry points only). */
  exitAfterBudget?: boolean;
};

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, options: MainOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'post-commit':
      case 'emit':
        if (options.exitAfterBudget) setTimeout(() => process.exit(0), HOOK_BUDGET_MS + 3000).unref();
        return await emitCommand(command, rest, env);
      case 'install':
      case 'uninstall':
        return await installCommand(command, rest, env);
      case 'backfill':
        return await backfillCommand(rest, env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      process.stderr.write(`uplift-git: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function parse(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `post-commit` and `emit`: never fail a commit, never print unless asked, always exit 0. */
async function emitCommand(command: 'post-commit' | 'emit', args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let verbose = debugRequested(env);
  try {
    const { values, positionals } = parse(args, { repo: { type: 'string' }, verbose: { type: 'boolean' } });
    verbose ||= values['verbose'] === true;
    const log = createLog(verbose, `uplift-git ${command}`);
    const cwd = path.resolve(workingDirectory(env), typeof values['repo'] === 'string' ? values['repo'] : '.');
    await emitCommit({ cwd, env, rev: positionals[0] ?? 'HEAD', budgetMs: HOOK_BUDGET_MS, log });
  } catch (error: unknown) {
    if (verbose) process.stderr.write(`uplift-git ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return 0;
}

async function installCommand(command: 'install' | 'uninstall', args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, { global: { type: 'boolean' }, repo: { type: 'string' } });
  const context: GitContext = { cwd: path.resolve(workingDirectory(env), typeof values['repo'] === 'string' ? values['repo'] : '.'), env };
  const global = values['global'] === true;
  if (command === 'install') {
    const result = await install(context, hookCommand(), { global });
    process.stdout.write(`uplift-git: post-commit hook ${result.action}: ${result.hookFile}\n`);
    if (result.configuredHooksPath) {
      process.stdout.write(
        `uplift-git: set git config --global core.hooksPath ${result.configuredHooksPath}\n` +
          '  (repositories now use that directory; their own .git/hooks/post-commit still runs after ours,\n' +
          '   other .git/hooks scripts do not: use install --repo in repositories that rely on them)\n',
      );
    }
    return 0;
  }
  const result = await uninstall(context, { global });
  process.stdout.write(`uplift-git: post-commit hook ${result.action}${result.hookFile ? `: ${result.hookFile}` : ''}\n`);
  if (result.unsetHooksPath) process.stdout.write('uplift-git: unset git config --global core.hooksPath\n');
  return 0;
}

async function backfillCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, {
    since: { type: 'string' },
    repo: { type: 'string' },
    all: { type: 'boolean' },
    'timeout-ms': { type: 'string' },
    verbose: { type: 'boolean' },
  });
  if (typeof values['since'] !== 'string' || !values['since'].trim()) throw new UsageError('backfill needs --since <date>');
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new UsageError('--timeout-ms must be a positive number');
  const log = createLog(values['verbose'] === true || debugRequested(env), 'uplift-git backfill');
  try {
    const summary = await backfill({
      cwd: path.resolve(workingDirectory(env), typeof values['repo'] === 'string' ? values['repo'] : '.'),
      env,
      since: values['since'],
      all: values['all'] === true,
      ...(timeoutMs ? { timeoutMs } : {}),
      log,
    });
    process.stderr.write(
      `uplift-git backfill: ${summary.commits} commits of ${summary.repo}: ${summary.accepted} accepted, ${summary.rejected} rejected, ` +
        `${summary.failed} refused, ${summary.spooled} spooled for later` +
        (summary.skippedTooOld ? `; ${summary.skippedTooOld} older than 400 days skipped` : '') +
        '\n',
    );
    return summary.rejected + summary.failed > 0 ? 1 : 0;
  } catch (error: unknown) {
    if (error instanceof BackfillError) {
      process.stderr.write(`uplift-git backfill: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Whatever happens in a hook run (a hung git, a stuck socket), the process ends shortly after its budget.
if (typeof module !== 'undefined' && require.main === module) runAsEntryPoint((argv) => main(argv, process.env, { exitAfterBudget: true }));
