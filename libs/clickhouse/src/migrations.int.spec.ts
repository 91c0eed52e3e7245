import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse, queryRows, type UpliftClickHouse } from './client';
import { EVENT_COLUMNS } from './event-row';
import { CLICKHOUSE_MIGRATIONS_DIR, MigrationError, runMigrations, splitStatements, type MigrationResult } from './migrations';
import { Tables } from './tables';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs the migrations expecting a MigrationError and returns it. */
async function migrationError(run: Promise<MigrationResult>): Promise<MigrationError> {
  const outcome = await run.then(
    (result) => result,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(MigrationError);
  return outcome as MigrationError;
}

describe('splitStatements', () => {
  it('drops whole-line comments and strips the final semicolon', () => {
    const sql = '-- a comment\n  -- an indented comment\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n';
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x UInt8) ENGINE = Memory']);
  });

  it('splits on a semicolon at the end of a line, trailing spaces allowed', () => {
    const sql = 'CREATE TABLE a (x UInt8) ENGINE = Memory;   \nINSERT INTO a VALUES (1);\nSELECT 1;';
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x UInt8) ENGINE = Memory', 'INSERT INTO a VALUES (1)', 'SELECT 1']);
  });

  it('keeps a multi-line statement whole, comment lines inside it removed', () => {
    const sql = ['CREATE TABLE t', '(', '    -- the key', '    id UInt64,', '    name String', ')', 'ENGINE = MergeTree', 'ORDER BY id;', '', 'SELECT 2;'].join('\n');
    expect(splitStatements(sql)).toEqual(['CREATE TABLE t\n(\n    id UInt64,\n    name String\n)\nENGINE = MergeTree\nORDER BY id', 'SELECT 2']);
  });

  it('does not split on a semicolon in the middle of a line', () => {
    expect(splitStatements("SELECT 'a;b', 1; SELECT 2\n")).toEqual(["SELECT 'a;b', 1; SELECT 2"]);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2\n\n')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('splits CRLF files the same way', () => {
    expect(splitStatements('-- header\r\nSELECT 1;\r\nSELECT\r\n  2;\r\n')).toEqual(['SELECT 1', 'SELECT\r\n  2']);
  });

  it('returns nothing for a file of comments and blank lines', () => {
    expect(splitStatements('-- nothing here\n\n   \n-- still nothing\n')).toEqual([]);
    expect(splitStatements(';\n')).toEqual([]);
  });
});

describe('runMigrations against chDB', () => {
  let root: string;
  let migrationsDir: string;
  let clickHouse: UpliftClickHouse;

  const files = {
    '0001_create_widgets.sql': [
      '-- widgets, the first table',
      'CREATE TABLE IF NOT EXISTS mig_widgets',
      '(',
      '    id   UInt32,',
      '    name String',
      ')',
      'ENGINE = MergeTree',
      'ORDER BY id;',
      '',
    ].join('\n'),
    // Needs 0001's table: proves version order.
    '0002_add_widget_color.sql': "ALTER TABLE mig_widgets ADD COLUMN IF NOT EXISTS color String DEFAULT 'grey';\n",
    // Needs 0002's column; two statements in one file.
    '0003_seed_widgets.sql': [
      "INSERT INTO mig_widgets (id, name, color) VALUES (1, 'sprocket', 'red');",
      '-- a second statement',
      "INSERT INTO mig_widgets (id, name, color) VALUES (2, 'gear', 'blue');",
      '',
    ].join('\n'),
  };

  const write = (file: string, sql: string) => writeFileSync(path.join(migrationsDir, file), sql);

  type LedgerRow = { version: number; name: string; checksum: string };
  const ledger = () =>
    queryRows<LedgerRow>(clickHouse.client, {
      query: `SELECT version, name, checksum FROM ${Tables.schemaMigrations} ORDER BY version`,
      comment: 'test:migrations-ledger',
    });

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'uplift-migrations-int-'));
    migrationsDir = path.join(root, 'migrations');
    mkdirSync(migrationsDir);
    clickHouse = createClickHouse({ kind: 'embedded', dataDir: path.join(root, 'data') });
    // Written newest first: the runner must order by version, not by the directory listing.
    for (const file of Object.keys(files).reverse()) write(file, files[file as keyof typeof files]);
  });

  afterAll(async () => {
    await clickHouse?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('applies every migration in version order on the first run and records each in schema_migrations', async () => {
    const logged: string[] = [];
    const result = await runMigrations(clickHouse.client, migrationsDir, (line) => logged.push(line));
    expect(result.alreadyApplied).toBe(0);
    expect(result.applied.map((migration) => [migration.version, migration.name, migration.file])).toEqual([
      [1, 'create_widgets', '0001_create_widgets.sql'],
      [2, 'add_widget_color', '0002_add_widget_color.sql'],
      [3, 'seed_widgets', '0003_seed_widgets.sql'],
    ]);
    expect(logged).toEqual([
      'applied ClickHouse migration 0001_create_widgets.sql',
      'applied ClickHouse migration 0002_add_widget_color.sql',
      'applied ClickHouse migration 0003_seed_widgets.sql',
    ]);
    expect(await ledger()).toEqual([
      { version: 1, name: 'create_widgets', checksum: sha256(files['0001_create_widgets.sql']) },
      { version: 2, name: 'add_widget_color', checksum: sha256(files['0002_add_widget_color.sql']) },
      { version: 3, name: 'seed_widgets', checksum: sha256(files['0003_seed_widgets.sql']) },
    ]);
    const widgets = await queryRows<{ id: number; name: string; color: string }>(clickHouse.client, {
      query: 'SELECT id, name, color FROM mig_widgets ORDER BY id',
      comment: 'test:migrations-widgets',
    });
    expect(widgets).toEqual([
      { id: 1, name: 'sprocket', color: 'red' },
      { id: 2, name: 'gear', color: 'blue' },
    ]);
  });

  it('applies nothing on a second run', async () => {
    const logged: string[] = [];
    const result = await runMigrations(clickHouse.client, migrationsDir, (line) => logged.push(line));
    expect(result).toEqual({ applied: [], alreadyApplied: 3 });
    expect(logged).toEqual([]);
    expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3]);
    // The seed ran once, not twice.
    const [count] = await queryRows<{ widgets: number }>(clickHouse.client, {
      query: 'SELECT count() AS widgets FROM mig_widgets',
      comment: 'test:migrations-count',
    });
    expect(count).toEqual({ widgets: 2 });
  });

  it('applies a new file alone', async () => {
    const sql = "INSERT INTO mig_widgets (id, name, color) VALUES (3, 'cog', 'green');\n";
    write('0004_more_widgets.sql', sql);
    const result = await runMigrations(clickHouse.client, migrationsDir);
    expect(result.alreadyApplied).toBe(3);
    expect(result.applied.map((migration) => migration.file)).toEqual(['0004_more_widgets.sql']);
    expect(result.applied[0]!.checksum).toBe(sha256(sql));
    expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3, 4]);
    const names = await queryRows<{ name: string }>(clickHouse.client, {
      query: 'SELECT name FROM mig_widgets ORDER BY id',
      comment: 'test:migrations-names',
    });
    expect(names.map((row) => row.name)).toEqual(['sprocket', 'gear', 'cog']);
  });

  it('refuses a migration edited after it was applied, and applies nothing after it', async () => {
    const original = files['0002_add_widget_color.sql'];
    write('0002_add_widget_color.sql', `${original}-- an innocent-looking edit\n`);
    write('0005_after_the_edit.sql', 'CREATE TABLE IF NOT EXISTS mig_never (id UInt8) ENGINE = Memory;\n');
    try {
      const error = await migrationError(runMigrations(clickHouse.client, migrationsDir));
      expect(error.code).toBe('MIGRATION_FAILED');
      expect(error.message).toContain('0002_add_widget_color.sql');
      expect(error.message).toContain('changed after it was applied');
      expect(error.message).toContain(sha256(original).slice(0, 12));
      expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3, 4]);
      const [never] = await queryRows<{ tables: number }>(clickHouse.client, {
        query: "SELECT count() AS tables FROM system.tables WHERE database = currentDatabase() AND name = 'mig_never'",
        comment: 'test:migrations-never',
      });
      expect(never).toEqual({ tables: 0 });
    } finally {
      write('0002_add_widget_color.sql', original);
      unlinkSync(path.join(migrationsDir, '0005_after_the_edit.sql'));
    }
    expect(await runMigrations(clickHouse.client, migrationsDir)).toEqual({ applied: [], alreadyApplied: 4 });
  });

  it.each([
    ['5_widgets.sql'],
    ['0005-widgets.sql'],
    ['0005_Widgets.sql'],
    ['00005_widgets.sql'],
  ])('refuses the badly named file %s', async (badName) => {
    write(badName, 'SELECT 1;\n');
    try {
      const error = await migrationError(runMigrations(clickHouse.client, migrationsDir));
      expect(error.message).toBe(`migration file name "${badName}" must look like 0001_snake_case.sql`);
    } finally {
      unlinkSync(path.join(migrationsDir, badName));
    }
    expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3, 4]);
  });

  it('refuses two files with the same version', async () => {
    write('0005_first.sql', 'CREATE TABLE IF NOT EXISTS mig_first (id UInt8) ENGINE = Memory;\n');
    write('0005_second.sql', 'CREATE TABLE IF NOT EXISTS mig_second (id UInt8) ENGINE = Memory;\n');
    try {
      const error = await migrationError(runMigrations(clickHouse.client, migrationsDir));
      expect(error.message).toBe('two migrations share version 5');
    } finally {
      unlinkSync(path.join(migrationsDir, '0005_first.sql'));
      unlinkSync(path.join(migrationsDir, '0005_second.sql'));
    }
    expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3, 4]);
  });

  it('raises a MigrationError naming the file when a statement fails, and does not record it', async () => {
    write('0005_broken.sql', 'ALTER TABLE mig_no_such_table ADD COLUMN size UInt8;\n');
    try {
      const error = await migrationError(runMigrations(clickHouse.client, migrationsDir));
      expect(error.code).toBe('MIGRATION_FAILED');
      expect(error.message).toMatch(/^migration 0005_broken\.sql failed: /);
      expect(error.message).toContain('mig_no_such_table');
      expect(error.cause).toBeInstanceOf(Error);
      expect((await ledger()).map((row) => row.version)).toEqual([1, 2, 3, 4]);
    } finally {
      unlinkSync(path.join(migrationsDir, '0005_broken.sql'));
    }
  });

  it("creates the repository's events and rejected_events tables from CLICKHOUSE_MIGRATIONS_DIR", async () => {
    // chDB is one engine per process, so this file has one store: start the repository's migrations
    // from an empty ledger instead of the test ledger above (whose versions 1–4 mean other files).
    await clickHouse.client.command({ query: `DROP TABLE ${Tables.schemaMigrations}` });

    // The directory grows as the product does: every file in it, in order, starting with the two base tables.
    const repositoryFiles = readdirSync(CLICKHOUSE_MIGRATIONS_DIR).filter((file) => file.endsWith('.sql')).sort();
    expect(repositoryFiles.slice(0, 2)).toEqual(['0001_events.sql', '0002_rejected_events.sql']);
    const first = await runMigrations(clickHouse.client, CLICKHOUSE_MIGRATIONS_DIR);
    expect(first.alreadyApplied).toBe(0);
    expect(first.applied.map((migration) => migration.file)).toEqual(repositoryFiles);
    expect(await runMigrations(clickHouse.client, CLICKHOUSE_MIGRATIONS_DIR)).toEqual({
      applied: [],
      alreadyApplied: repositoryFiles.length,
    });

    const columns = await queryRows<{ table: string; name: string; type: string }>(clickHouse.client, {
      query: `SELECT table, name, type FROM system.columns
              WHERE database = currentDatabase() AND table IN ({tables:Array(String)})
              ORDER BY table, position`,
      params: { tables: [Tables.events, Tables.rejectedEvents] },
      comment: 'test:migrations-columns',
    });
    const typesOf = (table: string) =>
      Object.fromEntries(columns.filter((column) => column.table === table).map((column) => [column.name, column.type]));

    const events = typesOf(Tables.events);
    // Every column the writer inserts exists in the table.
    expect(Object.keys(events)).toEqual(expect.arrayContaining([...EVENT_COLUMNS]));
    expect(events).toMatchObject({
      org_id: 'LowCardinality(String)',
      id: 'UUID',
      type: 'LowCardinality(String)',
      time: "DateTime64(3, 'UTC')",
      received_at: "DateTime64(3, 'UTC')",
      person_id: 'String',
      data: 'String',
      suggestion_id: 'String',
      latency_ms: 'Nullable(Int64)',
      is_merge: 'UInt8',
      ai_lines_added: 'Int64',
      ai_assisted: 'UInt8',
      cost_usd: 'Float64',
    });

    expect(typesOf(Tables.rejectedEvents)).toMatchObject({
      org_id: 'LowCardinality(String)',
      received_at: "DateTime64(3, 'UTC')",
      request_id: 'UUID',
      event_index: 'UInt32',
      event_id: 'String',
      event_type: 'String',
      payload: 'String',
      errors: 'String',
    });

    const engines = await queryRows<{ name: string; engine: string }>(clickHouse.client, {
      query: `SELECT name, engine FROM system.tables
              WHERE database = currentDatabase() AND name IN ({tables:Array(String)}) ORDER BY name`,
      params: { tables: [Tables.events, Tables.rejectedEvents] },
      comment: 'test:migrations-engines',
    });
    expect(engines).toEqual([
      { name: 'events', engine: 'ReplacingMergeTree' },
      { name: 'rejected_events', engine: 'MergeTree' },
    ]);
  });
});
