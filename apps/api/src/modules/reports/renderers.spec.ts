import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderCsvZip } from './render-csv';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';
import { chartTitle, phaseAreas, renderChartSvg } from './report-charts';
import { reportFileName } from './report-file';
import { formatChange, formatValue, pdfText } from './report-format';
import { fixtureReport } from './report.fixture';

function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uplift-report-spec-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('report formatting', () => {
  it('formats values and changes the way the PDF prints them', () => {
    expect(formatValue(0.3125, 'percent')).toBe('31.3%');
    expect(formatValue(1234.5, 'currency')).toBe('$1,234.50');
    expect(formatValue(18.25, 'decimal', 'hours')).toBe('18.25 h');
    expect(formatValue(1234, 'integer')).toBe('1,234');
    expect(formatValue(null, 'percent')).toBe('-');
    expect(formatChange(0.2)).toBe('+20.0%');
    expect(formatChange(-0.0875)).toBe('-8.8%');
    expect(formatChange(null)).toBe('-');
  });

  it('keeps PDF text within the built-in font', () => {
    expect(pdfText('a ÷ b ≥ 1 − c (需求吞吐率)')).toBe('a / b >= 1 - c');
  });

  it('names files after quarter and scope', () => {
    expect(reportFileName(fixtureReport(), 'pdf')).toBe('uplift-2026-Q3-org.pdf');
    expect(reportFileName(fixtureReport({ scope: { kind: 'team', name: 'Payments Core', label: 'Team Payments Core', teams: ['Payments Core'] } }), 'csv')).toBe(
      'uplift-2026-Q3-team-payments-core.zip',
    );
  });
});

describe('report charts', () => {
  it('places rollout phases on the week axis, clipping a phase that started before the range', () => {
    const report = fixtureReport();
    const rollout = report.charts[0]!;
    expect(phaseAreas(rollout.phases, rollout.periods)).toEqual([
      { label: 'pilot (10%)', start: '2026-W27', end: '2026-W29', startsInRange: false },
      { label: 'general (76%)', start: '2026-W29', end: '2026-W30', startsInRange: true },
    ]);
  });

  it('renders each chart to an SVG with vector paths and its title', () => {
    const report = fixtureReport();
    report.charts.forEach((chart, index) => {
      const svg = renderChartSvg(chart, index, report.charts.length);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(chartTitle(chart, index, report.charts.length));
      expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(3);
    });
  });
});

describe('renderXlsx', () => {
  it('writes a sheet per section with numeric cells and number formats', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(fixtureReport())) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['about', 'summary', 'weekly_trends', 'rollout_phases', 'findings', 'cohorts', 'teams', 'coverage', 'methodology']);
    const summary = workbook.getWorksheet('summary')!;
    expect(summary.getRow(1).values).toEqual([undefined, 'key', 'metric', 'unit', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', 'qoq', 'yoy', 'source', 'note']);
    const acceptance = summary.getRow(3);
    expect(acceptance.getCell(1).value).toBe('acceptance_rate_count');
    expect(acceptance.getCell(8).value).toBe(0.3125);
    expect(acceptance.getCell(8).numFmt).toBe('0.0%');
    expect(acceptance.getCell(9).value).toBe(0.0417);
    expect(acceptance.getCell(9).numFmt).toBe('+0.0%;-0.0%;0.0%');
    const cost = summary.getRow(4);
    expect(cost.getCell(8).value).toBe(1234.5);
    expect(cost.getCell(8).numFmt).toBe('"$"#,##0.00');
    // a missing value is an empty cell, never the text "-"
    expect(summary.getRow(2).getCell(4).value).toBeNull();
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^-?\d+(\.\d+)?%?$/);
      }));
    }
    const teams = workbook.getWorksheet('teams')!;
    expect(teams.getRow(3).values).toEqual([undefined, 'search', 2, undefined, undefined, 'fewer than 5 active developers']);
  });
});

describe('renderCsvZip', () => {
  it('zips one CSV file per table', async () => {
    const zip = await JSZip.loadAsync(await renderCsvZip(fixtureReport()));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      ['cohorts', 'coverage', 'findings', 'methodology', 'rollout_phases', 'summary', 'teams', 'weekly_trends'].map((name) => `uplift-2026-Q3-${name}.csv`),
    );
    const summary = await zip.file('uplift-2026-Q3-summary.csv')!.async('string');
    const lines = summary.trim().split('\r\n');
    expect(lines[0]).toBe('key,metric,unit,2025-Q3,2025-Q4,2026-Q1,2026-Q2,2026-Q3,qoq,yoy,source,note');
    expect(lines[2]).toContain('acceptance_rate_count,Acceptance rate (count),ratio,0.25,0.3,0.28,0.3,0.3125,0.0417,0.25,');
    const findings = await zip.file('uplift-2026-Q3-findings.csv')!.async('string');
    expect(findings).toContain('"Developers in the ""none"" AI code share cohort (n = 6)');
  });
});

// Needs pdftotext (Debian poppler-utils, installed by .ci/run): without it this fails rather than skips.
describe('renderPdf', () => {
  it('prints the summary figures, every chart, findings, teams, coverage and the methodology on numbered pages', async () => {
    const pdf = await renderPdf(fixtureReport());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(pdf);
    for (const figure of ['12', '31.3%', '+20.0%', '$1,234.50', '18.25 h', '-8.8%', '+25.0%']) expect(text).toContain(figure);
    for (let index = 0; index < 4; index += 1) expect(text).toContain(`Chart ${index + 1} of 4`);
    expect(text).toContain('pilot (10%)');
    expect(text).toContain('Correlation is not causation');
    expect(text).toContain('correlation needs at least 10 team-weeks');
    expect(text).toMatch(/search\s+2\s+suppressed/);
    expect(text).toContain('75.0% of 40 commits carry AI attribution');
    expect(text).toContain('Teams without data: infra');
    expect(text).toContain('work_item.resolved with kind = requirement');
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Acme - Whole organisation - 2026-Q3 - generated 2026-10-02 08:30 UTC');
    });
  });

  it('says when there is no data', async () => {
    const text = pdfToText(await renderPdf(fixtureReport({ hasData: false })));
    expect(text).toContain('There is no data for this quarter in this scope.');
  });
});
