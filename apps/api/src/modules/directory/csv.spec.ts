import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv, readCsvRecords } from './csv';

describe('parseCsv', () => {
  it('reads plain, quoted, escaped and multi-line fields', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('tolerates a BOM and a missing final line break', () => {
    expect(parseCsv('\ufeffname\nAnn')).toEqual([['name'], ['Ann']]);
  });

  it('names the line of a syntax error', () => {
    expect(() => parseCsv('a\n"open')).toThrow(new CsvSyntaxError('a quoted field is not closed', 2));
    expect(() => parseCsv('a\nb"c')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b')).toThrow(/line 1: unexpected character after a closing quote/);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs it and round-trips', () => {
    const text = formatCsv(['name', 'note'], [['Ann', 'likes, commas'], ['Bo "B"', 'x\ny']]);
    expect(text).toBe('name,note\r\nAnn,"likes, commas"\r\n"Bo ""B""","x\ny"\r\n');
    expect(parseCsv(text)).toEqual([['name', 'note'], ['Ann', 'likes, commas'], ['Bo "B"', 'x\ny']]);
  });
});

describe('readCsvRecords', () => {
  it('keys rows by a header in any order and case, trimming fields', () => {
    expect(readCsvRecords('Tool,Person\n copilot , ann@example.com\n', ['person', 'tool'])).toEqual({
      records: [{ tool: 'copilot', person: 'ann@example.com' }],
    });
  });

  it('reports missing and unknown columns', () => {
    expect(readCsvRecords('person,colour\n', ['person', 'tool']).headerError).toBe(
      'missing column(s) tool; unknown column(s) colour; expected the header person,tool',
    );
    expect(readCsvRecords('', ['person']).headerError).toMatch(/empty/);
  });
});
