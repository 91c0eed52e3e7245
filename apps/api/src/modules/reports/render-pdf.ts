import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CHART_HEIGHT, CHART_WIDTH, renderChartSvg } from './report-charts';
import { formatChange, formatValue, pdfText } from './report-format';
import type { QuarterlyReport } from './report.types';

const MARGIN = 40;
const FOOTER_SPACE = 30;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

type Doc = PDFKit.PDFDocument;
type Column = { header: string; width: number; align?: 'left' | 'right' };

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - MARGIN - FOOTER_SPACE;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font(BOLD).fontSize(14).fillColor('#111827').text(pdfText(text), MARGIN, doc.y);
  doc.moveDown(0.3).font(FONT).fontSize(9);
}

function paragraph(doc: Doc, text: string): void {
  ensureSpace(doc, 24);
  doc.font(FONT).fontSize(9).fillColor('#111827').text(pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** A simple ruled table that continues on the next page (repeating its header) when it runs out of room. */
function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(8);
    return Math.max(...cells.map((cell, index) => doc.heightOfString(pdfText(cell), { width: columns[index]!.width - 6 }))) + 6;
  };
  const drawRow = (cells: string[], font: string, shaded: boolean) => {
    const height = rowHeight(cells, font);
    const top = doc.y;
    const width = columns.reduce((sum, column) => sum + column.width, 0);
    if (shaded) doc.rect(MARGIN, top, width, height).fill('#f3f4f6');
    let x = MARGIN;
    doc.font(font).fontSize(8).fillColor('#111827');
    cells.forEach((cell, index) => {
      const column = columns[index]!;
      doc.text(pdfText(cell), x + 3, top + 3, { width: column.width - 6, align: column.align ?? 'left' });
      x += column.width;
    });
    doc.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).lineWidth(0.5).strokeColor('#d1d5db').stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  const header = columns.map((column) => column.header);
  ensureSpace(doc, rowHeight(header, BOLD) + 16);
  drawRow(header, BOLD, true);
  for (const row of rows) {
    if (doc.y + rowHeight(row, FONT) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(header, BOLD, true);
    }
    drawRow(row, FONT, false);
  }
  doc.moveDown(0.5);
}

function footer(doc: Doc, report: QuarterlyReport): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    doc.font(FONT).fontSize(7).fillColor('#6b7280');
    doc.text(pdfText(`${report.org.name} - ${report.scope.label} - ${report.quarter} - generated ${report.generatedAt.replace('T', ' ').slice(0, 16)} UTC`), MARGIN, y, {
      width: contentWidth(doc) - 80,
      lineBreak: false,
    });
    doc.text(`Page ${index + 1} of ${range.count}`, doc.page.width - MARGIN - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** The report as an A4 PDF: summary, charts (ECharts SVG drawn as vectors), findings, teams, coverage, methodology. */
export async function renderPdf(report: QuarterlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Uplift ${report.quarter} ${report.scope.label}`, Author: 'Uplift', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(BOLD).fontSize(20).fillColor('#111827').text(pdfText(`Quarterly efficiency report ${report.quarter}`), MARGIN, MARGIN);
  doc.font(FONT).fontSize(10).fillColor('#374151');
  doc.text(pdfText(`${report.org.name} - ${report.scope.label}${report.scope.teams ? ` (teams: ${report.scope.teams.join(', ')})` : ''}`));
  doc.text(pdfText(`${report.range.from} to ${report.range.to} (${report.org.timeZone}); generated ${report.generatedAt}`));
  if (!report.hasData) {
    doc.moveDown(0.8).font(BOLD).fontSize(12).fillColor('#b91c1c').text('There is no data for this quarter in this scope.');
    doc.font(FONT).fontSize(9).fillColor('#111827').text('Every figure below is empty or zero; check that the collectors and imports were sending events during the quarter.');
  }

  heading(doc, 'Summary');
  const [yearAgo, , , previous, current] = report.quarters;
  table(
    doc,
    [
      { header: 'Metric', width: 150 },
      { header: current ?? '', width: 70, align: 'right' },
      { header: previous ?? '', width: 70, align: 'right' },
      { header: 'QoQ', width: 55, align: 'right' },
      { header: yearAgo ?? '', width: 70, align: 'right' },
      { header: 'YoY', width: 55, align: 'right' },
      { header: 'Unit', width: 45 },
    ],
    report.summary.map((row) => [
      row.note ? `${row.label} *` : row.label,
      formatValue(row.current, row.format, row.unit),
      formatValue(row.previousQuarter, row.format, row.unit),
      formatChange(row.qoq),
      formatValue(row.sameQuarterLastYear, row.format, row.unit),
      formatChange(row.yoy),
      row.unit,
    ]),
  );
  for (const note of new Set(report.summary.map((row) => row.note).filter((note): note is string => note !== null))) paragraph(doc, `* ${note}`);
  paragraph(doc, 'QoQ compares with the previous quarter, YoY with the same quarter a year earlier; a dash means a value is missing or the earlier value is zero.');

  heading(doc, 'Trends');
  const width = contentWidth(doc);
  const height = (width * CHART_HEIGHT) / CHART_WIDTH;
  report.charts.forEach((chart, index) => {
    ensureSpace(doc, height + 10);
    const svg = renderChartSvg(chart, index, report.charts.length);
    SVGtoPDF(doc, svg, MARGIN, doc.y, { width, height, assumePt: false, preserveAspectRatio: 'xMinYMin meet' });
    doc.y += height + 10;
    doc.x = MARGIN;
  });

  heading(doc, 'Findings');
  for (const sentence of report.findings.sentences) paragraph(doc, sentence);
  const cohorts = report.findings.cohorts;
  if (cohorts.status === 'ok') {
    table(
      doc,
      [
        { header: 'AI code share cohort', width: 150 },
        { header: 'Developers (n)', width: 80, align: 'right' },
        { header: `${cohorts.statistic} ${cohorts.outcome.name}`, width: 110, align: 'right' },
        { header: '95% interval', width: 150, align: 'right' },
      ],
      cohorts.cohorts.map((cohort) => [
        cohort.cohort,
        String(cohort.n),
        cohort.suppressed ? 'suppressed' : formatValue(cohort.estimate, 'decimal'),
        cohort.suppressed ?? (cohort.low === null || cohort.high === null ? '-' : `${formatValue(cohort.low, 'decimal')} to ${formatValue(cohort.high, 'decimal')}`),
      ]),
    );
  }

  heading(doc, 'Teams');
  paragraph(doc, `Teams with fewer than ${report.org.privacyMinGroupSize} active developers in the quarter show suppressed values (privacy minimum).`);
  const teamColumnWidth = (width - 130 - 50) / report.teamMetrics.length;
  table(
    doc,
    [{ header: 'Team', width: 130 }, { header: 'Active devs', width: 50, align: 'right' }, ...report.teamMetrics.map((metric) => ({ header: metric.label, width: teamColumnWidth, align: 'right' as const }))],
    report.teams.map((team) => [
      team.team,
      String(team.activeDevelopers),
      ...report.teamMetrics.map((metric) => (team.suppressed ? 'suppressed' : formatValue(team.values[metric.key] ?? null, metric.format))),
    ]),
  );

  heading(doc, 'Data coverage');
  const coverage = report.coverage;
  paragraph(
    doc,
    coverage.commits === 0
      ? 'No commits were reported in this quarter, so AI attribution coverage cannot be measured.'
      : `${formatValue(coverage.attributedShare, 'percent')} of ${coverage.commits} commits carry AI attribution (aiLinesAdded or aiAttribution); AI code share is a lower bound on the rest.`,
  );
  if (coverage.bySource.length > 0) {
    table(
      doc,
      [{ header: 'Source', width: 150 }, { header: 'Commits', width: 80, align: 'right' }, { header: 'With AI attribution', width: 100, align: 'right' }, { header: 'Share', width: 80, align: 'right' }],
      coverage.bySource.map((row) => [row.source, String(row.commits), String(row.attributedCommits), formatValue(row.share, 'percent')]),
    );
  }
  paragraph(doc, coverage.missingSources.length === 0 ? 'Every data source reported in this quarter.' : `Sources with no data this quarter: ${coverage.missingSources.join('; ')}.`);
  paragraph(doc, coverage.teamsWithoutData.length === 0 ? 'Every team in scope has data.' : `Teams without data: ${coverage.teamsWithoutData.join(', ')}.`);

  heading(doc, 'Methodology');
  paragraph(doc, 'Every figure comes from one definition in the metric catalog; ratios are ratios of sums over the quarter, medians are lower medians.');
  table(
    doc,
    [{ header: 'Metric', width: 130 }, { header: 'Unit', width: 60 }, { header: 'Definition', width: width - 190 }],
    report.methodology.map((entry) => [`${entry.name} (${entry.id})`, entry.unit, entry.definition]),
  );

  footer(doc, report);
  doc.end();
  return done;
}
