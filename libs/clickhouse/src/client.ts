import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';

/** Where events live: chDB inside this process (standalone), or a ClickHouse server over HTTP. */
export type ClickHouseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; url: string; username?: string; password?: string; database: string };

type ClientConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

export type RawInsert = (params: {
  table: string;
  columns: readonly string[];
  /** JSONCompactEachRow lines */
  payload: string;
  settings: ClickHouseSettings;
}) => Promise<void>;

export type UpliftClickHouse = {
  client: ClickHouseClient;
  target: ClickHouseTarget;
  /** chDB only: hands a JSONCompactEachRow payload to the engine's parser without a SQL round-trip. */
  rawInsert?: RawInsert;
  close: () => Promise<void>;
};

/**
 * One `@clickhouse/client` for both modes: chDB plugs in through `chdb/connection`, a server through a URL.
 * chDB ignores the client's `database` option and works in `default`, so every statement uses
 * unqualified table names and the server path selects its database through the client.
 */
export function createClickHouse(target: ClickHouseTarget): UpliftClickHouse {
  if (target.kind === 'embedded') {
    const chdbPath = path.resolve(target.dataDir, 'clickhouse');
    mkdirSync(chdbPath, { recursive: true });
    // chdb re-exports @clickhouse/client-common's Connection type, which @clickhouse/client declares
    // again under its own path: the shapes are the same, the declarations are not.
    const chdbConnection = createChdbConnection({ path: chdbPath });
    const client = createClient({ connection: chdbConnection as unknown as ClientConnection });
    const rawInsert: RawInsert = async ({ table, columns, payload, settings }) => {
      await chdbConnection.chdb.rawInsert({
        table,
        columns,
        values: payload,
        format: 'JSONCompactEachRow',
        settings: settings as Record<string, string | number | boolean>,
      });
    };
    return { client, target, rawInsert, close: () => client.close() };
  }
  const client = createClient({
    url: target.url,
    username: target.username,
    password: target.password,
    database: target.database,
    request_timeout: 60_000,
    compression: { request: false, response: true },
  });
  return { client, target, close: () => client.close() };
}

export type QueryOptions = {
  query: string;
  params?: Record<string, unknown>;
  /** Tags the query in system.query_log (`log_comment`) so slow queries can be traced to their origin. */
  comment: string;
};

/** Runs a SELECT with typed parameters and returns its rows. */
export async function queryRows<Row>(client: ClickHouseClient, options: QueryOptions): Promise<Row[]> {
  const resultSet = await client.query({
    query: options.query,
    query_params: options.params ?? {},
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: options.comment, output_format_json_quote_64bit_integers: 0 },
  });
  return resultSet.json<Row>();
}
