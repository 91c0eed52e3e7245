/** RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold a comma, quote or line break. */

export class CsvSyntaxError extends Error {
  readonly code = 'CSV_SYNTAX';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses CSV text into rows of fields; a trailing line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0; // tolerate a UTF-8 BOM from spreadsheet exports
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index += 1;
        if (index < text.length && !',\r\n'.includes(text[index]!)) throw new CsvSyntaxError('unexpected character after a closing quote', line);
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new CsvSyntaxError('a quote inside an unquoted field', line);
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      line += 1;
    } else {
      field += char;
    }
    index += 1;
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', line);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats rows as CSV with CRLF line ends, as spreadsheets expect. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Rows as objects keyed by the header; the header must hold exactly the expected columns (any order). */
export function readCsvRecords(text: string, columns: readonly string[]): { records: Record<string, string>[]; headerError?: string } {
  const rows = parseCsv(text).filter((row) => !(row.length === 1 && row[0]!.trim() === ''));
  if (rows.length === 0) return { records: [], headerError: `the file is empty; expected the header ${columns.join(',')}` };
  const header = rows[0]!.map((name) => name.trim().toLowerCase());
  const missing = columns.filter((column) => !header.includes(column));
  const unknown = header.filter((name) => !columns.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return { records: [], headerError: `${problems.join('; ')}; expected the header ${columns.join(',')}` };
  }
  const records = rows.slice(1).map((row) => Object.fromEntries(header.map((name, position) => [name, (row[position] ?? '').trim()])));
  return { records };
}
