import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { CLICKHOUSE_MIGRATIONS_DIR, createClickHouse, runMigrations, type UpliftClickHouse } from '@uplift/clickhouse';
import type { DataSource } from 'typeorm';
import { CliUsageError, exitOnCliFailure } from '../common/cli';
import { loadConfig, type AppConfig } from '../config/config';
import { ApiTokenEntity } from '../modules/auth/api-token.entity';
import { AuthService } from '../modules/auth/auth.service';
import { hashSecret } from '../modules/auth/credentials';
import { IngestKeyEntity } from '../modules/auth/ingest-key.entity';
import { openMetadataDataSource } from '../modules/metadata/data-source';
import { isTimeZone } from '../modules/orgs/orgs.service';
import { todayIn } from './demo-calendar';
import { buildDemoCompany } from './demo-company';
import { seedDemo, type SeedDemoResult } from './demo-seed';

export const DEFAULT_DEMO_ORG = 'demo';

const USAGE = `Usage: npm run seed:demo -- [options]

Generates a believable company with 18 months of AI-assistant rollout and delivery events, written straight
into storage (the server must be stopped: chDB lets one process own a data directory).

Options:
  --seed <n>            PRNG seed; the same seed gives the same company and events (default 42)
  --developers <n>      developers (default 300)
  --teams <n>           teams, spread over Commerce, Platform and Data (default 20)
  --months <n>          months of history ending today (default 18)
  --org <slug>          org to fill, created if missing; its events and directory are replaced (default "${DEFAULT_DEMO_ORG}")
  --time-zone <zone>    the org's IANA time zone: days, weeks and working hours (default Asia/Shanghai)
  --data-dir <path>     data directory (default UPLIFT_DATA_DIR, else ./data)
  --help                this text`;

class SeedError extends Error {}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new CliUsageError(`--${name} must be a positive integer (got "${value}")`);
  return Number(value);
}

/** Answers when an Uplift server listens on the configured port (a hint when the data directory is locked). */
async function serverAnswers(config: AppConfig): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${config.port}/healthz`, { signal: AbortSignal.timeout(700) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Opens ClickHouse and proves it answers; a data directory held by another process is a clear error. */
async function openClickHouse(config: AppConfig): Promise<UpliftClickHouse> {
  try {
    // chDB takes the directory's lock when the connection is created, so both steps can fail on a held lock.
    const clickhouse = createClickHouse(config.clickhouse);
    await clickhouse.client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((result) => result.json());
    return clickhouse;
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (config.clickhouse.kind === 'embedded' && /Failed to create connection|Cannot lock file|already running/i.test(message)) {
      const server = (await serverAnswers(config)) ? ` An Uplift server answers on port ${config.port}.` : '';
      throw new SeedError(
        `The data directory ${config.dataDir} is in use by another process.${server} chDB lets one process own a data directory: ` +
          'stop the server (npm start) using it, run the seed, then start the server again.',
      );
    }
    throw error;
  }
}

type Credential = { label: string; text: string };

/**
 * An admin token and an ingest key for the org. UPLIFT_ADMIN_TOKEN / UPLIFT_INGEST_KEY are reused when they
 * already belong to this org, or registered for it when the org is the default demo org and they belong to no
 * org yet; otherwise new secrets are generated (printed once).
 */
async function credentialsFor(dataSource: DataSource, config: AppConfig, orgId: string, isDefaultOrg: boolean): Promise<Credential[]> {
  const tokens = dataSource.getRepository(ApiTokenEntity);
  const keys = dataSource.getRepository(IngestKeyEntity);
  const auth = new AuthService(tokens, keys);
  const credentials: Credential[] = [];

  const adminOwner = config.adminToken ? await tokens.findOneBy({ tokenHash: hashSecret(config.adminToken) }) : null;
  if (config.adminToken && adminOwner?.orgId === orgId && adminOwner.revokedAt === null) {
    credentials.push({ label: 'admin API token', text: 'your UPLIFT_ADMIN_TOKEN' });
  } else if (config.adminToken && !adminOwner && isDefaultOrg) {
    await auth.createApiToken({ orgId, role: 'admin', name: 'seed:demo admin', secret: config.adminToken });
    credentials.push({ label: 'admin API token', text: 'your UPLIFT_ADMIN_TOKEN' });
  } else {
    const token = await auth.createApiToken({ orgId, role: 'admin', name: 'seed:demo admin' });
    credentials.push({ label: 'admin API token', text: `${token.secret} (shown once)` });
  }

  const ingestOwner = config.ingestKey ? await keys.findOneBy({ keyHash: hashSecret(config.ingestKey) }) : null;
  if (config.ingestKey && ingestOwner?.orgId === orgId && ingestOwner.revokedAt === null) {
    credentials.push({ label: 'ingest key', text: 'your UPLIFT_INGEST_KEY' });
  } else if (config.ingestKey && !ingestOwner && isDefaultOrg) {
    await auth.createIngestKey({ orgId, name: 'seed:demo ingest', secret: config.ingestKey });
    credentials.push({ label: 'ingest key', text: 'your UPLIFT_INGEST_KEY' });
  } else {
    const key = await auth.createIngestKey({ orgId, name: 'seed:demo ingest' });
    credentials.push({ label: 'ingest key', text: `${key.secret} (shown once)` });
  }
  return credentials;
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

function summary(result: SeedDemoResult, credentials: Credential[], config: AppConfig): string {
  const { company, org } = result;
  const phases = company.phases.map((phase) => `${phase.name} from ${phase.startDate} (${Math.round(phase.targetShare * 100)} %)`).join(', ');
  const developers = company.developers.length;
  return [
    '',
    `Seeded org "${org.slug}" (${org.id}): ${number(result.events)} events in ${result.generationSeconds.toFixed(1)} s ` +
      `(${number(result.events / result.generationSeconds)} events/s; ${result.totalSeconds.toFixed(1)} s with the directory).`,
    `  CPU: ${result.generationCpuSeconds.toFixed(1)} s on ${os.cpus().length} cores (${number(result.events / result.generationCpuSeconds)} events per CPU-second; ` +
      `load average ${os.loadavg()[0]!.toFixed(1)}: other processes share the machine when this exceeds the core count).`,
    `  ${developers} developers in ${company.teams.length} teams (${company.departments.join(', ')}), ${company.options.months} months ` +
      `${company.startDate} … ${company.endDate} (${org.timeZone}), seed ${company.options.seed}.`,
    `  Rollout: ${phases}.`,
    ...credentials.map((credential) => `  ${credential.label.padEnd(16)}: ${credential.text}`),
    '',
    `Start Uplift on this data directory: UPLIFT_DATA_DIR=${config.dataDir} npm start`,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      developers: { type: 'string' },
      teams: { type: 'string' },
      months: { type: 'string' },
      org: { type: 'string', default: DEFAULT_DEMO_ORG },
      'time-zone': { type: 'string', default: 'Asia/Shanghai' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const timeZone = values['time-zone'];
  if (!isTimeZone(timeZone)) throw new CliUsageError(`--time-zone must be an IANA time zone such as Asia/Shanghai or UTC (got "${timeZone}")`);
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(values.org)) throw new CliUsageError(`--org must be a slug of lower-case letters, digits and dashes (got "${values.org}")`);
  const config = loadConfig(values['data-dir'] ? { ...process.env, UPLIFT_DATA_DIR: values['data-dir'] } : process.env);
  if (config.clickhouseCluster) {
    throw new CliUsageError('seed:demo writes to a single-node store (the embedded chDB or one ClickHouse server); CLICKHOUSE_CLUSTER is set');
  }
  const now = new Date();
  const options = {
    seed: positiveInteger('seed', values.seed, 42),
    developers: positiveInteger('developers', values.developers, 300),
    teams: positiveInteger('teams', values.teams, 20),
    months: positiveInteger('months', values.months, 18),
    orgSlug: values.org,
    timeZone,
    endDate: todayIn(timeZone, now),
  };

  try {
    buildDemoCompany(options);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }

  const clickhouse = await openClickHouse(config);
  let dataSource: DataSource | undefined;
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {stage} | {events} events | {rate} events/s', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  try {
    await runMigrations(clickhouse.client, CLICKHOUSE_MIGRATIONS_DIR);
    dataSource = await openMetadataDataSource(config);
    process.stderr.write(`Seeding org "${options.orgSlug}" in ${config.dataDir}: ${options.developers} developers, ${options.teams} teams, ${options.months} months, seed ${options.seed}\n`);
    let started: number | null = null;
    const result = await seedDemo({
      clickhouse,
      dataSource,
      options,
      now,
      onProgress: (progress) => {
        if (progress.step === 0) bar.start(progress.totalSteps, 0, { stage: progress.stage, events: '0', rate: '-' });
        if (progress.stage === 'plan' && started === null) started = performance.now();
        const seconds = started === null ? 0 : (performance.now() - started) / 1000;
        bar.update(progress.step, {
          stage: progress.stage.padEnd(24),
          events: number(progress.events),
          rate: seconds > 0 ? number(progress.events / seconds) : '-',
        });
      },
    });
    bar.stop();
    const credentials = await credentialsFor(dataSource, config, result.org.id, options.orgSlug === DEFAULT_DEMO_ORG);
    process.stdout.write(summary(result, credentials, config));
  } finally {
    bar.stop();
    await dataSource?.destroy();
    await clickhouse.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitOnCliFailure(error, USAGE, { isOwnError: (error) => error instanceof SeedError, otherCode: 75 }));
