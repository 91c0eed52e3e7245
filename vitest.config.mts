import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// SWC (not esbuild) compiles the sources so NestJS and TypeORM get decorator metadata.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
  resolve: {
    alias: {
      '@uplift/events': path.join(root, 'libs/events/src/index.ts'),
      '@uplift/clickhouse': path.join(root, 'libs/clickhouse/src/index.ts'),
      '@uplift/metrics': path.join(root, 'libs/metrics/src/index.ts'),
      '@uplift/dashboards': path.join(root, 'libs/dashboards/src/index.ts'),
      '@uplift/analysis': path.join(root, 'libs/analysis/src/index.ts'),
      '@uplift/metadata-migrations': path.join(root, 'migrations/metadata/index.ts'),
      '@uplift/kafka': path.join(root, 'libs/kafka/src/index.ts'),
      // '@uplift/sdk/node' before '@uplift/sdk': an alias also matches longer paths under its name.
      '@uplift/sdk/node': path.join(root, 'libs/sdk/src/node/index.ts'),
      '@uplift/sdk': path.join(root, 'libs/sdk/src/index.ts'),
    },
  },
  test: {
    // a real Kafka broker on loopback for the whole run (tools/kafka); provides 'kafkaBrokers'
    // and a throwaway PostgreSQL (tools/postgres) for the metadata tests on the production store
    globalSetup: ['tools/kafka/vitest-global-setup.ts', 'tools/postgres/vitest-global-setup.ts'],
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'tools/**/*.spec.ts'],
    exclude: ['**/node_modules/**', 'apps/web/dist/**'],
    // chDB is one engine per process: each test file runs in its own forked process.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
