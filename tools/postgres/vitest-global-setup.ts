import { startPostgresCluster, type PostgresCluster } from './cluster';

let cluster: PostgresCluster | undefined;

/** Starts one PostgreSQL for the run; metadata tests create their own database in it. */
export async function setup(): Promise<void> {
  cluster = await startPostgresCluster();
  process.env['UPLIFT_TEST_POSTGRES_URL'] = cluster.url;
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
