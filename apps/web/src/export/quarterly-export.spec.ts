import { describe, expect, it } from 'vitest';
import { todayIn } from '../state/dates';
import {
  contentLength,
  fallbackFileName,
  fileNameFromContentDisposition,
  lastCompleteQuarter,
  parseReportError,
  parseScopeParam,
  progressFraction,
  recentQuarters,
  reportUrl,
  scopeParam,
} from './quarterly-export';

describe('quarters', () => {
  it('preselects the last quarter that has ended', () => {
    expect(lastCompleteQuarter('2026-11-21')).toBe('2026-Q3');
    expect(lastCompleteQuarter('2026-10-01')).toBe('2026-Q3');
    expect(lastCompleteQuarter('2026-09-30')).toBe('2026-Q2');
    expect(lastCompleteQuarter('2026-01-01')).toBe('2025-Q4');
    expect(lastCompleteQuarter('2026-03-31')).toBe('2025-Q4');
  });

  it('decides "ended" in the org time zone, not the browser one', () => {
    // 2026-09-30 18:00 UTC is already 1 October in Shanghai, still 30 September in Los Angeles
    const instant = new Date('2026-09-30T18:00:00Z');
    expect(lastCompleteQuarter(todayIn('Asia/Shanghai', instant))).toBe('2026-Q3');
    expect(lastCompleteQuarter(todayIn('America/Los_Angeles', instant))).toBe('2026-Q2');
  });

  it('offers the quarter in progress and eight complete ones, newest first, across years', () => {
    const quarters = recentQuarters('2026-02-10');
    expect(quarters.map((quarter) => quarter.label)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1']);
    expect(quarters.map((quarter) => quarter.complete)).toEqual([false, true, true, true, true, true, true, true, true]);
    expect(quarters[1]!.label).toBe(lastCompleteQuarter('2026-02-10'));
    expect(recentQuarters('2026-02-10', 2)).toHaveLength(3);
  });

  it('refuses something that is not a date', () => {
    expect(() => lastCompleteQuarter('2026/02/10')).toThrow(/YYYY-MM-DD/);
  });
});

describe('scope parameter', () => {
  it('encodes org, departments and teams the way the API reads them', () => {
    expect(scopeParam({ kind: 'org' })).toBe('org');
    expect(scopeParam({ kind: 'department', name: 'Platform' })).toBe('department:Platform');
    expect(scopeParam({ kind: 'team', name: 'api: gateway' })).toBe('team:api: gateway');
  });

  it('reads a select value back, the name kept whole (a team name may hold a colon)', () => {
    for (const scope of [{ kind: 'org' }, { kind: 'department', name: 'Data' }, { kind: 'team', name: 'api: gateway' }] as const) {
      expect(parseScopeParam(scopeParam(scope))).toEqual(scope);
    }
    expect(parseScopeParam('team:')).toBeNull();
    expect(parseScopeParam('galaxy:far')).toBeNull();
    expect(parseScopeParam('payments')).toBeNull();
  });

  it('builds the request URL with every value encoded', () => {
    expect(reportUrl({ quarter: '2026-Q3', scope: { kind: 'org' }, format: 'pdf' })).toBe('/api/v1/reports/quarterly?quarter=2026-Q3&scope=org&format=pdf');
    const url = new URL(reportUrl({ quarter: '2026-Q3', scope: { kind: 'team', name: 'R&D #1' }, format: 'csv' }), 'http://localhost');
    expect(url.searchParams.get('scope')).toBe('team:R&D #1');
    expect(url.searchParams.get('format')).toBe('csv');
  });
});

describe('file names', () => {
  it('takes the server name from Content-Disposition', () => {
    expect(fileNameFromContentDisposition('attachment; filename="uplift-2026-Q3-org.pdf"')).toBe('uplift-2026-Q3-org.pdf');
    expect(fileNameFromContentDisposition('attachment; filename=uplift-2026-Q3-org.xlsx')).toBe('uplift-2026-Q3-org.xlsx');
    expect(fileNameFromContentDisposition('attachment;filename="a \\"b\\".zip"')).toBe('a "b".zip');
  });

  it('prefers the UTF-8 filename* form', () => {
    expect(fileNameFromContentDisposition("attachment; filename=\"report.pdf\"; filename*=UTF-8''uplift-2026-Q3-team-%E6%94%AF%E4%BB%98.pdf")).toBe('uplift-2026-Q3-team-支付.pdf');
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''%E0%A4%A; filename=\"plain.pdf\"")).toBe('plain.pdf');
  });

  it('never returns a path or an empty name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromContentDisposition('attachment; filename="..\\..\\x.pdf"')).toBe('x.pdf');
    expect(fileNameFromContentDisposition('attachment; filename=".."')).toBeNull();
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });

  it('falls back to the name the server would give', () => {
    expect(fallbackFileName({ quarter: '2026-Q3', scope: { kind: 'org' }, format: 'pdf' })).toBe('uplift-2026-Q3-org.pdf');
    expect(fallbackFileName({ quarter: '2026-Q3', scope: { kind: 'team', name: 'Payments Core' }, format: 'csv' })).toBe('uplift-2026-Q3-team-payments-core.zip');
    expect(fallbackFileName({ quarter: '2026-Q2', scope: { kind: 'department', name: 'Data' }, format: 'xlsx' })).toBe('uplift-2026-Q2-department-data.xlsx');
  });
});

describe('errors and progress', () => {
  it('shows the API message and the parameter it names', () => {
    const body = JSON.stringify({ statusCode: 400, code: 'INVALID_PARAMETER', message: 'scope: unknown team "nobody"', parameter: 'scope' });
    expect(parseReportError(400, 'Bad Request', body)).toEqual({ status: 400, code: 'INVALID_PARAMETER', message: 'scope: unknown team "nobody"', parameter: 'scope' });
  });

  it('describes an answer that is not the API JSON by its status', () => {
    expect(parseReportError(502, 'Bad Gateway', '<html>bad gateway</html>')).toEqual({ status: 502, code: 'HTTP_502', message: '502 Bad Gateway', parameter: null });
    expect(parseReportError(500, '', '{"statusCode":500}')).toEqual({ status: 500, code: 'HTTP_500', message: '500', parameter: null });
  });

  it('reports progress only when the size is known', () => {
    expect(contentLength('2048')).toBe(2048);
    expect(contentLength(null)).toBeNull();
    expect(contentLength('lots')).toBeNull();
    expect(progressFraction(512, 2048)).toBe(0.25);
    expect(progressFraction(4096, 2048)).toBe(1);
    expect(progressFraction(512, null)).toBeNull();
    expect(progressFraction(0, 0)).toBeNull();
  });
});
