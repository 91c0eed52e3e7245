import { Presets, SingleBar } from 'cli-progress';
import type { FlushResult } from '@uplift/sdk';
import { attribute, collectSources, listNotedCommits } from './attribution';
import { readTraceFile } from './attribution/agent-trace';
import { commitEvent } from './commit-event';
import { readCommits } from './commit-reader';
import { resolveConfig } from './config';
import type { GitContext } from './git';
import type { Log } from './log';
import { resolveRepoId } from './repo-id';
import { openClient } from './sender';
import { CLI_VERSION } from './version';

/** The contract refuses events more than 400 days old; they are skipped rather than sent to be rejected. */
const MAX_EVENT_AGE_MS = 400 * 24 * 60 * 60 * 1000;

export type BackfillOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Anything `git log --since` takes (`2026-01-01`, `6 months ago`). */
  since: string;
  /** Every branch and tag rather than the history of HEAD. */
  all?: boolean;
  /** How long the final flush may take before the rest is spooled. Default 60000. */
  timeoutMs?: number;
  /** A progress bar on stderr (when stderr is a terminal). */
  progress?: boolean;
  log: Log;
};

export type BackfillSummary = FlushResult & { commits: number; skippedTooOld: number; repo: string };

export class BackfillError extends Error {
  readonly code = 'NOT_CONFIGURED';
}

/**
 * Emits a `commit` event for every commit since a date. Ids are stable per (repo, sha), so running it again
 * (or after the hook already sent some) changes no metric.
 */
export async function backfill(options: BackfillOptions): Promise<BackfillSummary> {
  const context: GitContext = { cwd: options.cwd, env: options.env };
  const config = await resolveConfig(context);
  if (!config.url || !config.ingestKey) {
    throw new BackfillError('not configured: set UPLIFT_URL and UPLIFT_INGEST_KEY, or git config uplift.url / uplift.ingestKey');
  }
  const [repo, commits, noted, traceFile] = await Promise.all([
    resolveRepoId(context),
    readCommits(context, [`--since=${options.since}`, ...(options.all ? ['--all'] : ['HEAD']), '--']),
    listNotedCommits(context),
    readTraceFile(context),
  ]);
  const oldest = Date.now() - MAX_EVENT_AGE_MS;
  const recent = commits.filter((commit) => Date.parse(commit.committedAt) >= oldest).reverse();
  options.log.debug(`${commits.length} commits since ${options.since} in ${repo}; ${commits.length - recent.length} older than 400 days skipped`);

  const bar = new SingleBar(
    { stream: process.stderr, format: 'uplift backfill |{bar}| {value}/{total} commits', hideCursor: true, noTTYOutput: false },
    Presets.shades_classic,
  );
  const showBar = options.progress !== false && process.stderr.isTTY === true;
  if (showBar) bar.start(recent.length, 0);

  const client = openClient({ url: config.url, ingestKey: config.ingestKey, spoolDirectory: config.spoolDirectory }, { tool: 'git', toolVersion: CLI_VERSION }, options.log);
  const total: FlushResult = { accepted: 0, rejected: 0, failed: 0, spooled: 0, pending: 0 };
  const add = (result: FlushResult) => {
    total.accepted += result.accepted;
    total.rejected += result.rejected;
    total.failed += result.failed;
    total.spooled += result.spooled;
  };
  try {
    for (const commit of recent) {
      const sources = await collectSources(context, commit, traceFile, noted);
      client.track(commitEvent(commit, attribute(commit, sources), { repo, login: config.login }));
      if (showBar) bar.increment();
      // Back-pressure: send full batches as they fill instead of holding the whole history in memory.
      if (client.pendingEvents >= 1000) add(await client.flush());
    }
    add(await client.shutdown({ timeoutMs: options.timeoutMs ?? 60_000 }));
  } finally {
    if (showBar) bar.stop();
  }
  return { ...total, commits: recent.length, skippedTooOld: commits.length - recent.length, repo };
}
