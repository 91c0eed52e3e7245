/**
 * The ingest role on its own (Kafka → ClickHouse), e.g. `node -r ./tools/register.cjs apps/ingest/src/main.ts`
 * with CLICKHOUSE_URL and KAFKA_BROKERS set. It is the API app's process with UPLIFT_ROLES=ingest.
 */
process.env['UPLIFT_ROLES'] ??= 'ingest';
process.env['PORT'] ??= '8081';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the ingest app is the api app's process with one role
require('../../api/src/main');
