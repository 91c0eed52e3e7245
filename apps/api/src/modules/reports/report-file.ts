import { invalidParameter } from '../../common/api-error';
import { renderCsvZip } from './render-csv';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';
import type { QuarterlyReport, ReportFormat } from './report.types';

export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx', 'csv'];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};

export function parseFormat(raw: string | undefined): ReportFormat {
  const format = (raw ?? 'pdf') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw invalidParameter('format', `format must be one of ${REPORT_FORMATS.join(', ')} (got "${raw}")`, raw);
  return format;
}

/** `uplift-2026-Q3-org.pdf`, `uplift-2026-Q3-team-payments.xlsx`, `uplift-2026-Q3-department-platform.zip`. */
export function reportFileName(report: QuarterlyReport, format: ReportFormat): string {
  const scope = report.scope.kind === 'org' ? 'org' : `${report.scope.kind}-${report.scope.name}`;
  const safe = scope.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `uplift-${report.quarter}-${safe || 'scope'}.${format === 'csv' ? 'zip' : format}`;
}

export async function renderReport(report: QuarterlyReport, format: ReportFormat): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const body = format === 'pdf' ? await renderPdf(report) : format === 'xlsx' ? await renderXlsx(report) : await renderCsvZip(report);
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(report, format) };
}
