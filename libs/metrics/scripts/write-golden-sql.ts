/**
 * Writes libs/metrics/golden/*.sql from the metric definitions and removes golden files of metrics or variants
 * that no longer exist. Run from the repository root: `npm run sql:golden`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GOLDEN_SQL_DIR, goldenSqlFiles } from '../src/golden-sql';

function main(): void {
  mkdirSync(GOLDEN_SQL_DIR, { recursive: true });
  const files = goldenSqlFiles();
  const expected = new Set(files.map((file) => file.fileName));
  for (const existing of readdirSync(GOLDEN_SQL_DIR).filter((name) => name.endsWith('.sql'))) {
    if (!expected.has(existing)) {
      rmSync(path.join(GOLDEN_SQL_DIR, existing));
      console.log(`removed ${existing}`);
    }
  }
  for (const file of files) writeFileSync(path.join(GOLDEN_SQL_DIR, file.fileName), file.contents);
  console.log(`wrote ${files.length} golden SQL files to ${path.relative(process.cwd(), GOLDEN_SQL_DIR)}`);
}

main();
