import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_SQL_DIR, goldenSqlFiles } from './golden-sql';

const HINT = 'run `npm run sql:golden` and commit libs/metrics/golden';

describe('golden SQL', () => {
  const files = goldenSqlFiles();

  it.each(files.map((file) => [file.fileName, file.contents] as const))('%s is up to date', (fileName, contents) => {
    const filePath = path.join(GOLDEN_SQL_DIR, fileName);
    expect(existsSync(filePath), `golden SQL ${fileName} is missing: ${HINT}`).toBe(true);
    expect(readFileSync(filePath, 'utf8'), `golden SQL ${fileName} is stale: ${HINT}`).toBe(contents);
  });

  it('has no golden file for a metric or variant that no longer exists', () => {
    const expected = new Set(files.map((file) => file.fileName));
    const leftovers = readdirSync(GOLDEN_SQL_DIR).filter((name) => name.endsWith('.sql') && !expected.has(name));
    expect(leftovers, `golden SQL files without a definition: ${HINT}`).toEqual([]);
  });
});
