import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLICKHOUSE_MIGRATIONS_DIR } from '@uplift/clickhouse';
import { loadConfig } from '../../src/config/config';
import { AuthService } from '../../src/modules/auth/auth.service';
import { OrgsService } from '../../src/modules/orgs/orgs.service';
import { CLICKHOUSE } from '../../src/modules/storage/storage.module';
import { createServer } from '../../src/server';
import type { UpliftClickHouse } from '@uplift/clickhouse';

export const TEST_ADMIN_TOKEN = 'upl_at_test-admin-token-0123456789abcdef';
export const TEST_INGEST_KEY = 'upl_ik_test-ingest-key-0123456789abcdef';

export type OrgCredentials = { orgId: string; slug: string; adminToken: string; viewerToken: string; ingestKey: string };

export type TestServer = {
  baseUrl: string;
  dataDir: string;
  app: NestFastifyApplication;
  clickhouse: UpliftClickHouse;
  /** The default org created on first start from UPLIFT_ADMIN_TOKEN / UPLIFT_INGEST_KEY. */
  defaultOrg: { adminToken: string; ingestKey: string };
  createOrg: (slug: string, timeZone?: string) => Promise<OrgCredentials>;
  close: () => Promise<void>;
};

/** A fresh data directory per test file (each file runs in its own process: chDB is one engine per process). */
export function createDataDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `uplift-${label}-`));
}

/** Removes a test's data directory; retried, as the engine's background merges may still be finishing a part. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
}

/** Starts the real standalone server (chDB + SQLite) on a loopback port. */
export async function startTestServer(dataDir: string, env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({
    UPLIFT_DATA_DIR: dataDir,
    UPLIFT_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    UPLIFT_INGEST_KEY: TEST_INGEST_KEY,
    LOG_LEVEL: 'error',
    PORT: '1',
    ...env,
  });
  const app = await createServer(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as AddressInfo;
  const orgs = app.get(OrgsService);
  const auth = app.get(AuthService);
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataDir,
    app,
    clickhouse: app.get<UpliftClickHouse>(CLICKHOUSE),
    defaultOrg: { adminToken: TEST_ADMIN_TOKEN, ingestKey: TEST_INGEST_KEY },
    createOrg: async (slug, timeZone) => {
      const org = await orgs.create({ name: slug, slug, timeZone });
      const admin = await auth.createApiToken({ orgId: org.id, name: 'admin', role: 'admin' });
      const viewer = await auth.createApiToken({ orgId: org.id, name: 'viewer', role: 'viewer' });
      const ingest = await auth.createIngestKey({ orgId: org.id, name: 'ingest' });
      return { orgId: org.id, slug, adminToken: admin.secret, viewerToken: viewer.secret, ingestKey: ingest.secret };
    },
    close: () => app.close(),
  };
}

export { CLICKHOUSE_MIGRATIONS_DIR };
