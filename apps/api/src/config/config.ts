import path from 'node:path';
import type { ClickHouseTarget } from '@uplift/clickhouse';
import { z } from 'zod';

const port = z
  .string()
  .regex(/^\d+$/, 'expected an integer')
  .transform(Number)
  .pipe(z.number().min(1, 'expected a port between 1 and 65535').max(65535, 'expected a port between 1 and 65535'));

const secret = z
  .string()
  .trim()
  .min(16, 'must be at least 16 characters (use a long random value)')
  .optional();

const envSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  UPLIFT_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  UPLIFT_ADMIN_TOKEN: secret,
  UPLIFT_INGEST_KEY: secret,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** `json` lines for log shippers (the default when stdout is not a terminal) or human `text`. */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  /** A ClickHouse server (distributed mode) instead of the embedded chDB. */
  CLICKHOUSE_URL: z.string().trim().regex(/^https?:\/\/.+/, 'must be an http:// or https:// URL').optional(),
  CLICKHOUSE_USER: z.string().trim().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().trim().regex(/^\w+$/, 'must be a database name').default('default'),
  /** Renders migrations ON CLUSTER with Replicated* and Distributed tables. */
  CLICKHOUSE_CLUSTER: z.string().trim().regex(/^[\w.-]+$/, 'must be a cluster name from the server config').optional(),
  /** Which parts this process runs: any of api, collector, ingest (distributed mode scales each out). */
  UPLIFT_ROLES: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['api', 'collector', 'ingest'], { error: 'roles are api, collector and ingest' })).min(1, 'name at least one role'))
    .default(['api', 'collector', 'ingest']),
  /** Kafka bootstrap servers (host:port, comma-separated): the collector produces, the ingest role consumes. */
  KAFKA_BROKERS: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'each broker must be host:port')).min(1))
    .optional(),
  /** The built dashboard served at `/` (default apps/web/dist). */
  UPLIFT_WEB_DIST_DIR: z.string().trim().min(1).optional(),
  /** Consumer group of the ingest role; a new group re-reads the event log from the beginning. */
  KAFKA_INGEST_GROUP: z.string().trim().regex(/^[\w.-]+$/, 'must be a Kafka group id').default('uplift-ingest'),
  /** PostgreSQL for the metadata store (production); SQLite under UPLIFT_DATA_DIR when unset. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
    .optional(),
  /** Upper bound of rows waiting for the group-commit writer before the collector sheds load (429). */
  UPLIFT_MAX_PENDING_EVENTS: z.coerce.number().int().min(1000).default(500_000),
  /** How often the ingest role rebuilds the daily rollups of changed days, in ms; 0 turns the refresher off. */
  UPLIFT_ROLLUP_REFRESH_MS: z.coerce.number().int('must be a whole number of milliseconds').min(0).default(15_000),
  /**
   * Encrypts webhook secrets at rest (AES-256-GCM, key derived with HKDF). Standalone: generated into
   * <UPLIFT_DATA_DIR>/secret.key on first use when unset; distributed: required for webhooks (every replica shares it).
   */
  UPLIFT_SECRET_KEY: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters of random text (e.g. the output of `openssl rand -hex 32`); it encrypts webhook secrets')
    .optional(),
});

/** Every environment variable Uplift reads (the compose file and docs are checked against this list). */
export const ENVIRONMENT_VARIABLES = Object.keys(envSchema.shape);

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | undefined;
  ingestKey: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'json' | 'text';
  maxPendingEvents: number;
  /** Rollup refresh interval in ms (0: off). */
  rollupRefreshMs: number;
  metadata: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  clickhouse: ClickHouseTarget;
  clickhouseCluster: string | undefined;
  roles: Role[];
  kafkaBrokers: string[] | undefined;
  kafkaIngestGroup: string;
  /** UPLIFT_SECRET_KEY: the master key of secrets stored encrypted (webhook secrets). */
  secretKey: string | undefined;
  webDistDir: string | undefined;
};

export type Role = 'api' | 'collector' | 'ingest';

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; every problem is reported at once, naming the variable and its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (common in .env files) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const isSecret = name.endsWith('_TOKEN') || name.endsWith('_KEY') || name.endsWith('_PASSWORD') || name === 'DATABASE_URL';
      const value = env[name];
      const shown = value === undefined ? '' : isSecret ? ' (value hidden)' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const usesEmbedded = !values.CLICKHOUSE_URL;
  const allRoles = values.UPLIFT_ROLES.length === 3;
  if (usesEmbedded && !allRoles) {
    throw new ConfigError([
      `UPLIFT_ROLES: "${values.UPLIFT_ROLES.join(',')}" needs a ClickHouse server (CLICKHOUSE_URL): the embedded chDB belongs to one process, so without a server every role must run in this process`,
    ]);
  }
  if (values.UPLIFT_ROLES.includes('ingest') && !values.KAFKA_BROKERS && !allRoles) {
    throw new ConfigError(['UPLIFT_ROLES: the ingest role reads Kafka: set KAFKA_BROKERS']);
  }
  const dataDir = path.resolve(values.UPLIFT_DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    adminToken: values.UPLIFT_ADMIN_TOKEN,
    ingestKey: values.UPLIFT_INGEST_KEY,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
    maxPendingEvents: values.UPLIFT_MAX_PENDING_EVENTS,
    rollupRefreshMs: values.UPLIFT_ROLLUP_REFRESH_MS,
    clickhouse: values.CLICKHOUSE_URL
      ? {
          kind: 'server',
          url: values.CLICKHOUSE_URL,
          username: values.CLICKHOUSE_USER,
          password: values.CLICKHOUSE_PASSWORD,
          database: values.CLICKHOUSE_DATABASE,
        }
      : { kind: 'embedded', dataDir },
    clickhouseCluster: values.CLICKHOUSE_CLUSTER,
    roles: values.UPLIFT_ROLES,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaIngestGroup: values.KAFKA_INGEST_GROUP,
    secretKey: values.UPLIFT_SECRET_KEY,
    webDistDir: values.UPLIFT_WEB_DIST_DIR ? path.resolve(values.UPLIFT_WEB_DIST_DIR) : undefined,
    metadata: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'metadata.sqlite') },
  };
}

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
