import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { METADATA_MIGRATIONS } from '@uplift/metadata-migrations';
import type { AppConfig } from '../../config/config';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { IngestKeyEntity } from '../auth/ingest-key.entity';
import { OrgEntity } from '../orgs/org.entity';
import { SessionEntity } from '../auth/session.entity';
import { DIRECTORY_ENTITIES } from '../directory/entities';
import { WebhookEntity } from '../webhooks/webhook.entity';
import { TIMESTAMP_COLUMN } from './column-types';

export const METADATA_ENTITIES = [OrgEntity, ApiTokenEntity, IngestKeyEntity, SessionEntity, ...DIRECTORY_ENTITIES, WebhookEntity];

/** TypeORM options for the metadata store (orgs, tokens, keys); migrations run, never `synchronize`. */
export function metadataDataSourceOptions(config: AppConfig): DataSourceOptions {
  if (config.metadata.kind === 'postgres') {
    assertColumnTypesMatch('postgres');
    return {
      type: 'postgres',
      url: config.metadata.url,
      entities: METADATA_ENTITIES,
      migrations: METADATA_MIGRATIONS,
      migrationsRun: true,
      synchronize: false,
      extra: { max: 10 },
    };
  }
  assertColumnTypesMatch('sqlite');
  mkdirSync(path.dirname(config.metadata.file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: config.metadata.file,
    entities: METADATA_ENTITIES,
    migrations: METADATA_MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    // WAL lets the CLI create tokens while the server runs.
    prepareDatabase: (database: { pragma: (statement: string) => unknown }) => {
      database.pragma('journal_mode = WAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
    },
  };
}

/** Entity column types are fixed when the entity modules load (from DATABASE_URL); the store must agree. */
function assertColumnTypesMatch(kind: 'postgres' | 'sqlite'): void {
  const entitiesForPostgres = TIMESTAMP_COLUMN === 'timestamptz';
  if (entitiesForPostgres !== (kind === 'postgres')) {
    throw new Error(`metadata store is ${kind} but DATABASE_URL was ${entitiesForPostgres ? 'set' : 'unset'} when the entities loaded`);
  }
}

/** A DataSource outside Nest (CLI, migrate script). */
export async function openMetadataDataSource(config: AppConfig): Promise<DataSource> {
  const dataSource = new DataSource(metadataDataSourceOptions(config));
  await dataSource.initialize();
  return dataSource;
}
