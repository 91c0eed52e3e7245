import type { FlushResult, UpliftEvent } from '@uplift/sdk';
import { attribute, collectSources } from './attribution';
import { readTraceFile } from './attribution/agent-trace';
import { commitEvent } from './commit-event';
import { readCommit } from './commit-reader';
import { resolveConfig } from './config';
import { gitOptional, type GitContext } from './git';
import type { Log } from './log';
import { resolveRepoId } from './repo-id';
import { openClient } from './sender';
import { CLI_VERSION } from './version';

export type EmitOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The commit to emit; HEAD by default. */
  rev?: string;
  /** Everything (reading git and sending) should end within this; what is unsent by then is spooled. */
  budgetMs?: number;
  log: Log;
};

export type EmitOutcome =
  | { status: 'not-configured' }
  | { status: 'done'; event: UpliftEvent<'commit'>; result: FlushResult };

/** Builds the `commit` event of one commit and sends it (spooling it when the collector is away). */
export async function emitCommit(options: EmitOptions): Promise<EmitOutcome> {
  const startedAt = Date.now();
  const budgetMs = options.budgetMs ?? 2000;
  const context: GitContext = { cwd: options.cwd, env: options.env, timeoutMs: Math.max(500, budgetMs - 500) };
  const config = await resolveConfig(context);
  if (!config.url || !config.ingestKey) {
    options.log.debug('not configured: set UPLIFT_URL and UPLIFT_INGEST_KEY, or git config uplift.url / uplift.ingestKey');
    return { status: 'not-configured' };
  }

  const event = await describeCommit(context, options.rev ?? 'HEAD', { login: config.login });
  options.log.debug(`commit ${event.data.sha.slice(0, 12)} in ${event.data.repo}: ${JSON.stringify(event.data)}`);

  const client = openClient({ url: config.url, ingestKey: config.ingestKey, spoolDirectory: config.spoolDirectory }, { tool: 'git', toolVersion: CLI_VERSION }, options.log);
  client.track(event);
  const remainingMs = Math.max(250, budgetMs - (Date.now() - startedAt));
  const result = await client.shutdown({ timeoutMs: remainingMs });
  options.log.debug(`sent: ${JSON.stringify(result)} in ${Date.now() - startedAt} ms`);
  return { status: 'done', event, result };
}

/** The `commit` event of one commit: facts from git, attribution from its notes, traces and trailers. */
export async function describeCommit(context: GitContext, rev: string, options: { login?: string } = {}): Promise<UpliftEvent<'commit'>> {
  const commit = await readCommit(context, rev);
  const [repo, branch, traceFile] = await Promise.all([resolveRepoId(context), branchOf(context, commit.sha), readTraceFile(context)]);
  const sources = await collectSources(context, commit, traceFile);
  return commitEvent(commit, attribute(commit, sources), { repo, branch, login: options.login });
}

/** The checked-out branch when `sha` is what HEAD points at (a detached HEAD or an older commit has none). */
async function branchOf(context: GitContext, sha: string): Promise<string | undefined> {
  const head = (await gitOptional(context, ['rev-parse', 'HEAD']))?.trim();
  if (head !== sha) return undefined;
  return (await gitOptional(context, ['symbolic-ref', '--short', '-q', 'HEAD']))?.trim() || undefined;
}
