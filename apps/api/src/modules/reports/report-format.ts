import type { ValueFormat } from './report.types';

const DASH = '-';

/** A figure as the PDF prints it: "31.2%", "1,234", "3.50 h", "$1,234.56"; a dash for a missing value. */
export function formatValue(value: number | null, format: ValueFormat, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'integer':
      return Math.round(value).toLocaleString('en-US');
    case 'currency':
      return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'decimal': {
      const suffix = unit === 'hours' ? ' h' : unit === 'days' ? ' d' : '';
      return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${suffix}`;
    }
  }
}

/** A relative change as "+12.5%" / "-3.0%"; a dash when it cannot be computed. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return DASH;
  const percent = (change * 100).toFixed(1);
  return change > 0 ? `+${percent}%` : `${percent}%`;
}

/** Spreadsheet number formats per value format (cells stay numbers). */
export const XLSX_NUMBER_FORMATS: Record<ValueFormat | 'change', string> = {
  percent: '0.0%',
  integer: '#,##0',
  decimal: '#,##0.00',
  currency: '"$"#,##0.00',
  change: '+0.0%;-0.0%;0.0%',
};

const REPLACEMENTS: [RegExp, string][] = [
  [/÷/g, '/'],
  [/≥/g, '>='],
  [/≤/g, '<='],
  [/[−–—]/g, '-'],
  [/×/g, 'x'],
  [/Σ\s?/g, 'sum '],
  [/≈/g, '~'],
  [/…/g, '...'],
  [/‰/g, ' per mille'],
  [/[‘’]/g, "'"],
  [/[“”]/g, '"'],
  [/ρ/g, 'rho'],
  [/→/g, '->'],
  [/\s*\([^()]*[\u3000-\u9fff][^()]*\)/g, ''],
];

/**
 * Text for the PDF's built-in Helvetica (WinAnsi): common symbols spelled out, parenthesised CJK glosses
 * dropped, anything else outside Latin-1 replaced, so no glyph renders as garbage on any machine.
 */
export function pdfText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of REPLACEMENTS) result = result.replace(pattern, replacement);
  // eslint-disable-next-line no-control-regex
  return result.replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff]/g, '?');
}
