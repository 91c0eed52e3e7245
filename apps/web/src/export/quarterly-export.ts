/**
 * The pure half of the "Export quarterly report" dialog: which quarters to offer, which one to preselect, how a
 * scope travels in the URL, the request URL, the downloaded file's name and the API's error answer. No DOM here.
 */

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx', 'csv'];

export type ExportScope = { kind: 'org' } | { kind: 'department'; name: string } | { kind: 'team'; name: string };

export type QuarterOption = { label: string; complete: boolean };

type Quarter = { year: number; quarter: number };

const QUARTER = /^(\d{4})-Q([1-4])$/;
const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

function quarterOfDate(date: string): Quarter {
  const match = DATE.exec(date);
  if (!match) throw new Error(`expected a date YYYY-MM-DD (got "${date}")`);
  return { year: Number(match[1]), quarter: Math.floor((Number(match[2]) - 1) / 3) + 1 };
}

function shift(quarter: Quarter, offset: number): Quarter {
  const index = quarter.year * 4 + (quarter.quarter - 1) + offset;
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

const quarterLabel = (quarter: Quarter) => `${quarter.year}-Q${quarter.quarter}`;

export function isQuarterLabel(value: string): boolean {
  return QUARTER.test(value);
}

/** The last quarter that has ended by `today` (the org's civil date): on 2026-10-01 that is 2026-Q3. */
export function lastCompleteQuarter(today: string): string {
  return quarterLabel(shift(quarterOfDate(today), -1));
}

/**
 * Quarters to offer, newest first: the quarter in progress (its report covers the days so far), then `complete`
 * complete quarters (two years by default, enough for a year-on-year look back).
 */
export function recentQuarters(today: string, complete = 8): QuarterOption[] {
  const current = quarterOfDate(today);
  return [{ label: quarterLabel(current), complete: false }, ...Array.from({ length: complete }, (_unused, index) => ({ label: quarterLabel(shift(current, -1 - index)), complete: true }))];
}

/** `org`, `department:<name>`, `team:<name>`: the API's `scope` parameter (the name as is; the URL encodes it). */
export function scopeParam(scope: ExportScope): string {
  return scope.kind === 'org' ? 'org' : `${scope.kind}:${scope.name}`;
}

/** The inverse of scopeParam, for a select's value; null for anything else. */
export function parseScopeParam(value: string): ExportScope | null {
  if (value === 'org') return { kind: 'org' };
  const separator = value.indexOf(':');
  if (separator <= 0) return null;
  const kind = value.slice(0, separator);
  const name = value.slice(separator + 1);
  if (name.trim() === '') return null;
  if (kind === 'team' || kind === 'department') return { kind, name };
  return null;
}

export type ExportRequest = { quarter: string; scope: ExportScope; format: ReportFormat };

export function reportUrl(request: ExportRequest): string {
  const search = new URLSearchParams({ quarter: request.quarter, scope: scopeParam(request.scope), format: request.format });
  return `/api/v1/reports/quarterly?${search.toString()}`;
}

const EXTENSIONS: Record<ReportFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'zip' };

/** The name the server gives the file (`uplift-2026-Q3-team-payments.xlsx`), for when the header is missing. */
export function fallbackFileName(request: ExportRequest): string {
  const scope = request.scope.kind === 'org' ? 'org' : `${request.scope.kind}-${request.scope.name}`;
  const safe = scope.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `uplift-${request.quarter}-${safe || 'scope'}.${EXTENSIONS[request.format]}`;
}

/** Keeps a name a browser will save as one file: no directories, no control characters, no leading dots. */
function safeFileName(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\.+/, '').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…` wins over `filename="…"`;
 * null when there is none usable.
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1];
  const encoded = extended ? /^\s*([\w-]+)'[^']*'(.+?)\s*$/.exec(extended) : null;
  if (encoded?.[1] && encoded[2] && /^utf-8$/i.test(encoded[1])) {
    try {
      const decoded = safeFileName(decodeURIComponent(encoded[2].replace(/^"|"$/g, '')));
      if (decoded) return decoded;
    } catch {
      // a malformed percent-encoding: fall through to the plain filename parameter
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1];
  if (quoted !== undefined) return safeFileName(quoted.replace(/\\(.)/g, '$1'));
  const bare = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  return bare ? safeFileName(bare) : null;
}

export type ReportError = { status: number; code: string; message: string; parameter: string | null };

/**
 * The API's error answer (`{ statusCode, code, message, parameter? }`) as the dialog shows it; a body that is not
 * that JSON (a proxy's HTML page) still gives the status line.
 */
export function parseReportError(status: number, statusText: string, body: string): ReportError {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const message = typeof record['message'] === 'string' && record['message'] !== '' ? record['message'] : null;
      if (message) {
        return {
          status,
          code: typeof record['code'] === 'string' ? record['code'] : `HTTP_${status}`,
          message,
          parameter: typeof record['parameter'] === 'string' ? record['parameter'] : null,
        };
      }
    }
  } catch {
    // not JSON: described by the status below
  }
  return { status, code: `HTTP_${status}`, message: `${status} ${statusText}`.trim(), parameter: null };
}

/** Download progress as a fraction 0…1, or null while the size is unknown (no Content-Length). */
export function progressFraction(received: number, total: number | null): number | null {
  if (total === null || !Number.isFinite(total) || total <= 0) return null;
  return Math.min(1, Math.max(0, received / total));
}

/** `Content-Length` as a number, null when absent or not a size (a compressed response may lack it). */
export function contentLength(header: string | null | undefined): number | null {
  if (!header || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}
