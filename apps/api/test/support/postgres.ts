import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A fresh database in the run's PostgreSQL (tools/postgres global setup), so each file starts empty. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = process.env['UPLIFT_TEST_POSTGRES_URL'];
  if (!serverUrl) throw new Error('UPLIFT_TEST_POSTGRES_URL is not set: the PostgreSQL global setup did not run');
  const name = `uplift_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
