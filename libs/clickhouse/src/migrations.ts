import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from './client';
import { renderStatement, type ClusterOptions } from './cluster';
import { Tables } from './tables';

export type Migration = { version: number; name: string; file: string; sql: string; checksum: string };

export type MigrationResult = { applied: Migration[]; alreadyApplied: number };

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_snake_case.sql` files in version order; a file that does not match the pattern is an error. */
export function loadMigrations(directory: string): Migration[] {
  const files = readdirSync(directory).filter((file) => file.endsWith('.sql')).sort();
  const migrations = files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`migration file name "${file}" must look like 0001_snake_case.sql`);
    const sql = readFileSync(path.join(directory, file), 'utf8');
    return {
      version: Number(match[1]),
      name: match[2]!,
      file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  const versions = new Set<number>();
  for (const migration of migrations) {
    if (versions.has(migration.version)) throw new MigrationError(`two migrations share version ${migration.version}`);
    versions.add(migration.version);
  }
  return migrations;
}

/** Splits a migration into statements: `;` at the end of a line ends one; `--` comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--')) continue;
    current.push(line);
    if (line.replace(/\s+--.*$/, '').trimEnd().endsWith(';')) {
      statements.push(current.join('\n').replace(/\s+--[^\n]*$/, '').trim().replace(/;$/, ''));
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements.filter((statement) => statement.length > 0);
}

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS ${Tables.schemaMigrations}
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY version`;

type LedgerRow = { version: number; name: string; checksum: string };

/**
 * Applies the migrations that have not run yet, in order, and records each in `schema_migrations`.
 * Migrations are forward-only: editing one that already ran is refused (its checksum changed).
 */
export async function runMigrations(
  client: ClickHouseClient,
  directory: string,
  log: (message: string) => void = () => undefined,
  options: ClusterOptions = {},
): Promise<MigrationResult> {
  for (const statement of renderStatement(LEDGER_DDL, options)) await client.command({ query: statement });
  const ledger = await queryRows<LedgerRow>(client, {
    query: `SELECT version, name, checksum FROM ${Tables.schemaMigrations} ORDER BY version`,
    comment: 'migrations:ledger',
  });
  const appliedByVersion = new Map(ledger.map((row) => [Number(row.version), row]));
  const applied: Migration[] = [];
  for (const migration of loadMigrations(directory)) {
    const previous = appliedByVersion.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(
          `migration ${migration.file} changed after it was applied (checksum ${previous.checksum.slice(0, 12)} → ${migration.checksum.slice(0, 12)}); add a new migration instead`,
        );
      }
      continue;
    }
    for (const statement of splitStatements(migration.sql).flatMap((sql) => renderStatement(sql, options))) {
      try {
        await client.command({ query: statement });
      } catch (error) {
        throw new MigrationError(`migration ${migration.file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.insert({
      table: Tables.schemaMigrations,
      values: [{ version: migration.version, name: migration.name, checksum: migration.checksum }],
      format: 'JSONEachRow',
    });
    applied.push(migration);
    log(`applied ClickHouse migration ${migration.file}`);
  }
  return { applied, alreadyApplied: appliedByVersion.size };
}

/** The repository's migrations/clickhouse directory. */
export const CLICKHOUSE_MIGRATIONS_DIR = path.resolve(__dirname, '../../../migrations/clickhouse');
