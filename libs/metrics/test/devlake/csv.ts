import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads Apache DevLake's DORA e2e fixtures where they are shared (read-only, never copied into the repo) and
 * applies the loading rules of their README.
 */

const repoRoot = path.resolve(__dirname, '../../../..');
export const CONFORMANCE_DIR = path.resolve(repoRoot, '../shared/conformance/devlake-dora');

/** A CSV row: column → cell; null is SQL NULL. */
export type CsvRow = Record<string, string | null>;

/** Splits CSV text into rows of cells (RFC 4180 quoting; CRLF or LF line ends). */
function parseCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += character;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

/**
 * Rows of `<set>/<file>`. An empty cell is NULL, except where `emptyIsString` (DevLake's commits_diffs, where
 * only the literal `NULL` is NULL and an empty cell is the empty string).
 */
export function readCsv(relativePath: string, options: { emptyIsString?: boolean } = {}): CsvRow[] {
  const [header, ...records] = parseCells(readFileSync(path.join(CONFORMANCE_DIR, relativePath), 'utf8'));
  if (!header) throw new Error(`${relativePath} is empty`);
  return records.map((cells) => {
    if (cells.length !== header.length) throw new Error(`${relativePath}: a row has ${cells.length} cells, the header ${header.length}`);
    return Object.fromEntries(
      header.map((column, index) => {
        const cell = cells[index] ?? '';
        const value = options.emptyIsString ? (cell === 'NULL' ? null : cell) : cell === '' ? null : cell;
        return [column, value];
      }),
    );
  });
}

const LOOSE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A DevLake timestamp (`2023-4-11 4:51:47` or `2023-04-10T06:51:47.000+00:00`, both UTC) as RFC 3339 UTC with
 * milliseconds, `2023-04-11T04:51:47.000Z`; null stays null.
 */
export function devlakeTime(value: string | null): string | null {
  if (value === null) return null;
  const match = LOOSE_TIME.exec(value.trim());
  if (!match) throw new Error(`not a DevLake timestamp: "${value}"`);
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const pad = (part: string | undefined) => (part ?? '').padStart(2, '0');
  const millis = (fraction.slice(1) + '000').slice(0, 3);
  const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${millis}${zone}`;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) throw new Error(`not a DevLake timestamp: "${value}"`);
  return new Date(instant).toISOString();
}

/** The cell, which the fixture must have. */
export function required(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === null || value === undefined) throw new Error(`missing ${column} in ${JSON.stringify(row)}`);
  return value;
}

/** DevLake's project_mapping: project of a (table, row id). */
export function projectMapping(relativePath: string): (table: string, rowId: string) => string | undefined {
  const rows = readCsv(relativePath);
  const projects = new Map(rows.map((row) => [`${required(row, 'table')}\u0000${required(row, 'row_id')}`, required(row, 'project_name')]));
  return (table, rowId) => projects.get(`${table}\u0000${rowId}`);
}
