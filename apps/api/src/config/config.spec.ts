import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** Runs loadConfig expecting a ConfigError and returns it (fails the test when the config is accepted). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const dataDir = path.resolve(process.cwd(), 'data');
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir,
      adminToken: undefined,
      ingestKey: undefined,
      logLevel: 'info',
      logFormat: process.stdout.isTTY ? 'text' : 'json',
      maxPendingEvents: 500_000,
      rollupRefreshMs: 15_000,
      metadata: { kind: 'sqlite', file: path.join(dataDir, 'metadata.sqlite') },
      clickhouse: { kind: 'embedded', dataDir },
      clickhouseCluster: undefined,
      roles: ['api', 'collector', 'ingest'],
      kafkaBrokers: undefined,
      kafkaIngestGroup: 'uplift-ingest',
    });
  });

  it('resolves the default data directory to an absolute path', () => {
    const config = loadConfig({});
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.metadata.kind).toBe('sqlite');
    const file = config.metadata.kind === 'sqlite' ? config.metadata.file : '';
    expect(path.isAbsolute(file)).toBe(true);
    expect(path.dirname(file)).toBe(config.dataDir);
  });

  it('takes valid overrides for every variable', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '0.0.0.0',
      UPLIFT_DATA_DIR: '/var/lib/uplift',
      UPLIFT_ADMIN_TOKEN: 'upl_at_0123456789abcdef',
      UPLIFT_INGEST_KEY: 'upl_ik_fedcba9876543210',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'text',
      UPLIFT_MAX_PENDING_EVENTS: '2000',
      UPLIFT_ROLLUP_REFRESH_MS: '0',
    });
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/var/lib/uplift',
      adminToken: 'upl_at_0123456789abcdef',
      ingestKey: 'upl_ik_fedcba9876543210',
      logLevel: 'debug',
      logFormat: 'text',
      maxPendingEvents: 2000,
      rollupRefreshMs: 0,
      metadata: { kind: 'sqlite', file: '/var/lib/uplift/metadata.sqlite' },
      clickhouse: { kind: 'embedded', dataDir: '/var/lib/uplift' },
      clickhouseCluster: undefined,
      roles: ['api', 'collector', 'ingest'],
      kafkaBrokers: undefined,
      kafkaIngestGroup: 'uplift-ingest',
    });
  });

  it('runs every role by default and refuses splitting roles over an embedded ClickHouse', () => {
    expect(loadConfig({}).roles).toEqual(['api', 'collector', 'ingest']);
    expect(loadConfig({ UPLIFT_ROLES: 'ingest', CLICKHOUSE_URL: 'http://ch:8123', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toMatchObject({
      roles: ['ingest'],
      kafkaBrokers: ['k1:9092', 'k2:9092'],
    });
    expect(configError({ UPLIFT_ROLES: 'api,collector' }).problems[0]).toMatch(/^UPLIFT_ROLES: "api,collector" needs a ClickHouse server \(CLICKHOUSE_URL\): the embedded chDB belongs to one process/);
    expect(configError({ UPLIFT_ROLES: 'ingest', CLICKHOUSE_URL: 'http://ch:8123' }).problems).toEqual(['UPLIFT_ROLES: the ingest role reads Kafka: set KAFKA_BROKERS']);
    expect(configError({ UPLIFT_ROLES: 'api,worker' }).problems[0]).toMatch(/^UPLIFT_ROLES: roles are api, collector and ingest/);
    expect(configError({ KAFKA_BROKERS: 'localhost' }).problems[0]).toMatch(/^KAFKA_BROKERS: each broker must be host:port/);
  });

  it('speaks to a ClickHouse server (and cluster) when CLICKHOUSE_URL is set, hiding the password', () => {
    const config = loadConfig({
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_USER: 'uplift',
      CLICKHOUSE_PASSWORD: 'pw-123',
      CLICKHOUSE_DATABASE: 'uplift',
      CLICKHOUSE_CLUSTER: 'uplift_cluster',
    });
    expect(config.clickhouse).toEqual({ kind: 'server', url: 'http://clickhouse:8123', username: 'uplift', password: 'pw-123', database: 'uplift' });
    expect(config.clickhouseCluster).toBe('uplift_cluster');
    expect(configError({ CLICKHOUSE_URL: 'clickhouse:8123' }).problems).toEqual(['CLICKHOUSE_URL: must be an http:// or https:// URL (got "clickhouse:8123")']);
    expect(configError({ CLICKHOUSE_DATABASE: 'drop table', CLICKHOUSE_PASSWORD: 'x' }).problems).toEqual(['CLICKHOUSE_DATABASE: must be a database name (got "drop table")']);
  });

  it('keeps the metadata in PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgresql://uplift:s3cret-pw@db.internal:5432/uplift';
    const config = loadConfig({ DATABASE_URL: url, UPLIFT_DATA_DIR: '/var/lib/uplift' });
    expect(config.metadata).toEqual({ kind: 'postgres', url });
    expect(config.dataDir).toBe('/var/lib/uplift');
  });

  it('refuses a DATABASE_URL that is not a postgres URL without revealing it (it may hold a password)', () => {
    const url = 'mysql://root:hunter2-password@db:3306/uplift';
    const error = configError({ DATABASE_URL: url });
    expect(error.problems).toEqual(['DATABASE_URL: must be a postgres:// URL (value hidden)']);
    expect(error.message).not.toContain('hunter2');
  });

  it('accepts the port bounds 1 and 65535', () => {
    expect(loadConfig({ PORT: '1' }).port).toBe(1);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('resolves a relative data directory against the working directory', () => {
    const config = loadConfig({ UPLIFT_DATA_DIR: 'var/uplift-data' });
    expect(config.dataDir).toBe(path.join(process.cwd(), 'var', 'uplift-data'));
    expect(config.metadata).toEqual({ kind: 'sqlite', file: path.join(process.cwd(), 'var', 'uplift-data', 'metadata.sqlite') });
  });

  it('trims surrounding whitespace from a secret', () => {
    expect(loadConfig({ UPLIFT_ADMIN_TOKEN: '  0123456789abcdef  ' }).adminToken).toBe('0123456789abcdef');
  });

  it.each([
    ['abc', 'PORT: expected an integer (got "abc")'],
    ['0', 'PORT: expected a port between 1 and 65535 (got "0")'],
    ['70000', 'PORT: expected a port between 1 and 65535 (got "70000")'],
    ['1.5', 'PORT: expected an integer (got "1.5")'],
  ])('refuses PORT=%s naming the variable and its value', (value, problem) => {
    const error = configError({ PORT: value });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([problem]);
    expect(error.message).toBe(`Invalid configuration:\n  - ${problem}`);
  });

  it.each(['UPLIFT_ADMIN_TOKEN', 'UPLIFT_INGEST_KEY'])('refuses a short %s without revealing it', (name) => {
    const secret = 'sh0rt-s3cret';
    const error = configError({ [name]: secret });
    expect(error.problems).toEqual([`${name}: must be at least 16 characters (use a long random value) (value hidden)`]);
    expect(error.message).not.toContain(secret);
    expect(error.problems.join('\n')).not.toContain(secret);
  });

  it('counts the length of a secret after trimming', () => {
    const error = configError({ UPLIFT_INGEST_KEY: '   0123456789   ' });
    expect(error.problems).toEqual(['UPLIFT_INGEST_KEY: must be at least 16 characters (use a long random value) (value hidden)']);
    expect(error.message).not.toContain('0123456789');
  });

  it('treats an empty variable as unset, and refuses an unknown LOG_LEVEL and a too small UPLIFT_MAX_PENDING_EVENTS', () => {
    // `PORT=` or `HOST=` in an env file means "not set": the defaults apply.
    expect(loadConfig({ HOST: '   ', PORT: '', UPLIFT_ADMIN_TOKEN: '' })).toMatchObject({ host: '127.0.0.1', port: 8080, adminToken: undefined });
    expect(configError({ PORT: '0x50' }).problems).toEqual(['PORT: expected an integer (got "0x50")']);
    const logLevel = configError({ LOG_LEVEL: 'verbose' }).problems;
    expect(logLevel).toHaveLength(1);
    expect(logLevel[0]).toMatch(/^LOG_LEVEL: .*"debug"\|"info"\|"warn"\|"error".* \(got "verbose"\)$/);
    const pending = configError({ UPLIFT_MAX_PENDING_EVENTS: '10' }).problems;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatch(/^UPLIFT_MAX_PENDING_EVENTS: .*1000.* \(got "10"\)$/);
  });

  it('reports every problem at once in one ConfigError', () => {
    const adminToken = 'admin-secret-x';
    const ingestKey = 'tiny-key';
    const error = configError({
      PORT: 'abc',
      UPLIFT_ADMIN_TOKEN: adminToken,
      UPLIFT_INGEST_KEY: ingestKey,
      UPLIFT_DATA_DIR: '/tmp/this-one-is-fine',
    });
    expect(error.problems).toEqual([
      'PORT: expected an integer (got "abc")',
      'UPLIFT_ADMIN_TOKEN: must be at least 16 characters (use a long random value) (value hidden)',
      'UPLIFT_INGEST_KEY: must be at least 16 characters (use a long random value) (value hidden)',
    ]);
    expect(error.message).toBe(`Invalid configuration:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    expect(error.message).not.toContain(adminToken);
    expect(error.message).not.toContain(ingestKey);
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env['PORT'];
    process.env['PORT'] = '4321';
    try {
      expect(loadConfig().port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env['PORT'];
      else process.env['PORT'] = saved;
    }
  });
});
