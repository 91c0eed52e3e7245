import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES, loadConfig } from '../src/config/config';

/**
 * docker-compose.yml cannot run here (no Docker engine), so its wiring is checked against the code:
 * services, ports, environment variables, dependencies and health checks.
 */
const REPO = path.resolve(__dirname, '../../..');
type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  deploy?: { replicas?: number };
};
const compose = parse(readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/** `${NAME:-default}` as compose substitutes it with nothing set in the environment. */
function substitute(value: string | number): string {
  return String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_match, _name, fallback: string) => fallback);
}
function environmentOf(service: string): Record<string, string> {
  return Object.fromEntries(Object.entries(compose.services[service]!.environment ?? {}).map(([name, value]) => [name, substitute(value)]));
}

describe('docker-compose.yml', () => {
  it('declares the whole distributed stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'clickhouse', 'ingest', 'kafka', 'postgres']);
    expect(compose.services['ingest']!.deploy?.replicas).toBe(2);
    expect(compose.services['api']!.ports).toEqual(['8080:8080']);
    for (const infra of ['kafka', 'clickhouse', 'postgres']) {
      expect(compose.services[infra]!.healthcheck, infra).toBeDefined();
      const volume = compose.services[infra]!.volumes![0]!.split(':')[0]!;
      expect(compose.volumes, infra).toHaveProperty(volume);
    }
  });

  it('sets only variables Uplift reads, and each role configuration loads', () => {
    for (const service of ['api', 'ingest']) {
      const environment = environmentOf(service);
      for (const name of Object.keys(environment)) expect(ENVIRONMENT_VARIABLES, `${service}: ${name}`).toContain(name);
      const config = loadConfig({ ...environment, UPLIFT_DATA_DIR: '/tmp/uplift-compose-check' });
      expect(config.clickhouse.kind).toBe('server');
      expect(config.metadata.kind).toBe('postgres');
      expect(config.kafkaBrokers).toEqual(['kafka:9092']);
      expect(config.host).toBe('0.0.0.0');
      for (const dependency of ['kafka', 'clickhouse', 'postgres']) {
        expect(compose.services[service]!.depends_on?.[dependency]?.condition, `${service} → ${dependency}`).toBe('service_healthy');
      }
    }
    expect(loadConfig(environmentOf('api')).roles).toEqual(['api', 'collector']);
    expect(loadConfig(environmentOf('ingest')).roles).toEqual(['ingest']);
    expect(loadConfig(environmentOf('api')).port).toBe(8080);
  });

  it('points every connection at the service that listens there', () => {
    const uplift = environmentOf('api');
    const kafka = environmentOf('kafka');
    expect(kafka['KAFKA_LISTENERS']).toContain('PLAINTEXT://:9092');
    expect(kafka['KAFKA_ADVERTISED_LISTENERS']).toBe('PLAINTEXT://kafka:9092');
    const clickhouseUrl = new URL(uplift['CLICKHOUSE_URL']!);
    expect(clickhouseUrl.hostname).toBe('clickhouse');
    expect(compose.services['clickhouse']!.healthcheck!.test.join(' ')).toContain(`localhost:${clickhouseUrl.port}/ping`);
    const clickhouse = environmentOf('clickhouse');
    expect([uplift['CLICKHOUSE_USER'], uplift['CLICKHOUSE_PASSWORD'], uplift['CLICKHOUSE_DATABASE']]).toEqual([
      clickhouse['CLICKHOUSE_USER'],
      clickhouse['CLICKHOUSE_PASSWORD'],
      clickhouse['CLICKHOUSE_DB'],
    ]);
    const database = new URL(uplift['DATABASE_URL']!);
    const postgres = environmentOf('postgres');
    expect([database.hostname, database.port, database.username, database.password, database.pathname]).toEqual([
      'postgres',
      '5432',
      postgres['POSTGRES_USER'],
      postgres['POSTGRES_PASSWORD'],
      `/${postgres['POSTGRES_DB']}`,
    ]);
    // The api's health check asks the port it listens on.
    expect(compose.services['api']!.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${uplift['PORT']}/readyz`);
    expect(compose.services['ingest']!.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${environmentOf('ingest')['PORT']}/readyz`);
  });

  it('builds an image whose command is the standalone start script', () => {
    const dockerfile = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
    const start = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start'];
    expect(dockerfile).toContain(`CMD ${JSON.stringify(start!.split(' '))}`.replace(/","/g, '", "'));
    expect(compose.services['api']!.build).toBe('.');
  });
});
