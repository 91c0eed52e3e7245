import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Rejection, UpliftEvent } from '@uplift/sdk';
import { buildFinishedEvent, ciDefaults, deploymentFinishedEvent, withCheckoutDefaults } from './ci';
import { runAsEntryPoint, UsageError, workingDirectory } from './cli-support';
import { resolveConfig } from './config';
import { createLog, debugRequested } from './log';
import { openClient } from './sender';
import { CLI_VERSION } from './version';

const USAGE = `uplift-ci: reports builds and deployments to Uplift from a CI job

  uplift-ci build --status success|failure|cancelled [--repo <org/repo>] [--pipeline <name>] [--duration-ms <ms>]
  uplift-ci deployment --status success|failure [--environment production] [--id <deployment id>]
                       [--repo <org/repo>] [--commit <sha>] [--started-at <RFC 3339>]

Defaults come from GitHub Actions and GitLab CI variables, then from the checkout (remote, HEAD).
--status also takes GitLab's spellings (failed, canceled); a cancelled deployment is not reported.
Common options: --timeout-ms <ms> (default 15000), --strict (exit 1 unless accepted), --verbose.
Configuration: UPLIFT_URL and UPLIFT_INGEST_KEY (or git config uplift.url / uplift.ingestKey).`;

const COMMON = {
  repo: { type: 'string' },
  'timeout-ms': { type: 'string' },
  strict: { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'build' || command === 'deployment') return await report(command, args, env);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      process.stderr.write(`uplift-ci: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

function parse<Options extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string, fallback: string | undefined, hint: string): string {
  const value = typeof values[name] === 'string' ? (values[name] as string).trim() : fallback;
  if (!value) throw new UsageError(`--${name} is required (${hint})`);
  return value;
}

function oneOf<Value extends string>(value: string, allowed: readonly Value[], name: string): Value {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as Value;
}

/** CI systems spell statuses their own way: GitLab's `$CI_JOB_STATUS` is `failed` / `canceled`. */
const STATUS_ALIASES: Record<string, string> = { failed: 'failure', canceled: 'cancelled', succeeded: 'success' };

function status(values: Record<string, string | boolean | undefined>, hint: string): string {
  const given = required(values, 'status', undefined, hint).toLowerCase();
  return STATUS_ALIASES[given] ?? given;
}

function nonNegativeInteger(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a non-negative integer (got "${String(value)}")`);
  return number;
}

async function report(command: 'build' | 'deployment', args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values =
    command === 'build'
      ? parse(args, { pipeline: { type: 'string' }, status: { type: 'string' }, 'duration-ms': { type: 'string' } })
      : parse(args, { id: { type: 'string' }, environment: { type: 'string' }, status: { type: 'string' }, commit: { type: 'string' }, 'started-at': { type: 'string' } });
  const log = createLog(values['verbose'] === true || debugRequested(env), `uplift-ci ${command}`);
  const timeoutMs = nonNegativeInteger(values['timeout-ms'], 'timeout-ms') ?? 15_000;
  const context = { cwd: path.resolve(workingDirectory(env)), env };
  const defaults = await withCheckoutDefaults(ciDefaults(env), context);
  const now = new Date();

  let event: UpliftEvent;
  if (command === 'build') {
    const buildStatus = oneOf(status(values, 'success, failure or cancelled'), ['success', 'failure', 'cancelled'] as const, 'status');
    const startedAt = Date.parse(defaults.pipelineStartedAt ?? '');
    const durationMs = nonNegativeInteger(values['duration-ms'], 'duration-ms') ?? (Number.isFinite(startedAt) ? Math.max(0, now.getTime() - startedAt) : undefined);
    event = buildFinishedEvent({
      repo: required(values, 'repo', defaults.repo, 'or GITHUB_REPOSITORY / CI_PROJECT_PATH'),
      pipeline: required(values, 'pipeline', defaults.pipeline, 'or GITHUB_WORKFLOW / CI_PIPELINE_NAME / CI_JOB_NAME'),
      status: buildStatus,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(defaults.branch ? { branch: defaults.branch } : {}),
      ...(defaults.runKey ? { runKey: defaults.runKey } : {}),
      now,
    });
  } else {
    const given = status(values, 'success or failure');
    if (given === 'cancelled') {
      // A cancelled deployment did not happen: nothing to report (the contract knows success and failure).
      process.stderr.write('uplift-ci: cancelled deployment not reported\n');
      return 0;
    }
    const deploymentStatus = oneOf(given, ['success', 'failure'] as const, 'status');
    const startedAt = typeof values['started-at'] === 'string' ? values['started-at'] : defaults.jobStartedAt;
    if (startedAt !== undefined && Number.isNaN(Date.parse(startedAt))) throw new UsageError(`--started-at must be an RFC 3339 timestamp (got "${startedAt}")`);
    event = deploymentFinishedEvent({
      deploymentId: required(values, 'id', defaults.deploymentId, 'or GITHUB_RUN_ID / CI_JOB_ID'),
      repo: required(values, 'repo', defaults.repo, 'or GITHUB_REPOSITORY / CI_PROJECT_PATH'),
      environment: required(values, 'environment', defaults.environment, 'e.g. production, or CI_ENVIRONMENT_NAME'),
      status: deploymentStatus,
      commitSha: required(values, 'commit', defaults.commitSha, 'or GITHUB_SHA / CI_COMMIT_SHA'),
      ...(startedAt ? { startedAt: new Date(startedAt).toISOString() } : {}),
      ...(defaults.branch ? { branch: defaults.branch } : {}),
      now,
    });
  }

  const config = await resolveConfig(context);
  if (!config.url || !config.ingestKey) {
    process.stderr.write('uplift-ci: not configured: set UPLIFT_URL and UPLIFT_INGEST_KEY\n');
    return values['strict'] === true ? 1 : 0;
  }
  const rejections: Rejection[] = [];
  const client = openClient({ url: config.url, ingestKey: config.ingestKey, spoolDirectory: config.spoolDirectory }, { tool: 'ci', toolVersion: CLI_VERSION }, log, (batch) =>
    rejections.push(...batch),
  );
  log.debug(JSON.stringify(event));
  client.track(event);
  const result = await client.shutdown({ timeoutMs });
  for (const rejection of rejections) {
    process.stderr.write(`uplift-ci: ${event.type} rejected: ${rejection.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}\n`);
  }
  const outcome = result.accepted > 0 ? 'accepted' : result.spooled > 0 ? 'spooled (collector unreachable)' : result.failed > 0 ? 'refused' : 'rejected';
  process.stderr.write(`uplift-ci: ${event.type} ${outcome}\n`);
  return values['strict'] === true && result.accepted === 0 ? 1 : 0;
}

if (typeof module !== 'undefined' && require.main === module) runAsEntryPoint((argv) => main(argv));
