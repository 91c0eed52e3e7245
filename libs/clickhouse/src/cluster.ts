/**
 * One migration source for single-node and clustered ClickHouse. With a cluster name, each
 * `CREATE TABLE t … ENGINE = XMergeTree(args)` becomes a replicated local table `t_local` on every node
 * plus a `Distributed` table `t` sharded by org, and every DDL runs `ON CLUSTER`. Queries keep using `t`.
 */
export type ClusterOptions = { cluster?: string };

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)\s*\n?\(/i;
const ENGINE = /ENGINE\s*=\s*(\w*MergeTree)(?:\(([^)]*)\))?/i;
const ALTER_TABLE = /^ALTER TABLE (\w+)\b/i;

/** The table that holds the rows on each node (`t_local` on a cluster, `t` itself otherwise). */
export function localTableName(table: string, options: ClusterOptions): string {
  return options.cluster ? `${table}_local` : table;
}

function replicatedEngine(engine: string, args: string | undefined, table: string): string {
  const zooKeeperPath = `'/clickhouse/tables/{shard}/{database}/${table}_local'`;
  const extra = args && args.trim() !== '' ? `, ${args.trim()}` : '';
  return `ENGINE = Replicated${engine}(${zooKeeperPath}, '{replica}'${extra})`;
}

/** Rewrites one statement for the cluster; single-node statements are returned unchanged. */
export function renderStatement(statement: string, options: ClusterOptions): string[] {
  const cluster = options.cluster;
  if (!cluster) return [statement];
  const onCluster = `ON CLUSTER '${cluster}'`;
  const create = CREATE_TABLE.exec(statement);
  if (create) {
    const table = create[1]!;
    const engine = ENGINE.exec(statement);
    if (!engine) throw new Error(`cannot render ${table} for a cluster: no MergeTree engine found`);
    const local = statement
      .replace(CREATE_TABLE, `CREATE TABLE IF NOT EXISTS ${table}_local ${onCluster}\n(`)
      .replace(ENGINE, replicatedEngine(engine[1]!, engine[2], table));
    const distributed = `CREATE TABLE IF NOT EXISTS ${table} ${onCluster} AS ${table}_local\nENGINE = Distributed('${cluster}', currentDatabase(), ${table}_local, cityHash64(org_id))`;
    return [local, distributed];
  }
  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const table = alter[1]!;
    const rest = statement.slice(alter[0].length);
    // Column changes apply to the rows (local) and to the Distributed table's schema; mutations only to rows.
    const isColumnChange = /^\s*(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN/i.test(rest);
    const onLocal = `ALTER TABLE ${table}_local ${onCluster}${rest}`;
    return isColumnChange ? [onLocal, `ALTER TABLE ${table} ${onCluster}${rest}`] : [onLocal];
  }
  const drop = /^DROP TABLE IF EXISTS (\w+)\s*$/i.exec(statement);
  if (drop) {
    // the Distributed table first, then the rows it pointed at
    return [`DROP TABLE IF EXISTS ${drop[1]} ${onCluster} SYNC`, `DROP TABLE IF EXISTS ${drop[1]}_local ${onCluster} SYNC`];
  }
  if (/^CREATE (DATABASE|DICTIONARY|VIEW|MATERIALIZED VIEW)/i.test(statement)) {
    return [statement.replace(/^(CREATE (?:DATABASE|DICTIONARY|VIEW|MATERIALIZED VIEW) (?:IF NOT EXISTS )?\w+)/i, `$1 ${onCluster}`)];
  }
  throw new Error(`cannot render this statement for a cluster: ${statement.slice(0, 80)}…`);
}
