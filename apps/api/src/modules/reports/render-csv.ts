import JSZip from 'jszip';
import { reportTables, type TableCell } from './report-tables';
import type { QuarterlyReport } from './report.types';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Numbers are written in full precision (no formatting): CSV is for further processing. */
function cellText(cell: TableCell): string {
  if (cell.kind === 'text') return cell.value;
  return cell.value === null ? '' : String(cell.value);
}

export function tableCsv(columns: string[], rows: TableCell[][]): string {
  return [columns.map(csvField).join(','), ...rows.map((row) => row.map((cell) => csvField(cellText(cell))).join(','))].join('\r\n') + '\r\n';
}

/** The report as a zip of one CSV file per table (RFC 4180, UTF-8). */
export async function renderCsvZip(report: QuarterlyReport): Promise<Buffer> {
  const zip = new JSZip();
  const prefix = `uplift-${report.quarter}`;
  for (const table of reportTables(report)) zip.file(`${prefix}-${table.name}.csv`, tableCsv(table.columns, table.rows), { date: new Date(report.generatedAt) });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
