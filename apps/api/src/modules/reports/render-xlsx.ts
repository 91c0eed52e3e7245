import ExcelJS from 'exceljs';
import { XLSX_NUMBER_FORMATS } from './report-format';
import { reportTables } from './report-tables';
import type { QuarterlyReport } from './report.types';

/** The report as a workbook: an "about" sheet, then a sheet per table; numbers stay numbers with a number format. */
export async function renderXlsx(report: QuarterlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Uplift';
  workbook.created = new Date(report.generatedAt);
  const about = workbook.addWorksheet('about');
  about.addRows([
    ['Report', `Quarterly efficiency report ${report.quarter}`],
    ['Organisation', report.org.name],
    ['Scope', report.scope.label],
    ['Teams', report.scope.teams?.join(', ') ?? 'all'],
    ['From', report.range.from],
    ['To', report.range.to],
    ['Time zone', report.org.timeZone],
    ['Generated', report.generatedAt],
    ['Data', report.hasData ? 'yes' : 'There is no data for this quarter in this scope.'],
  ]);
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 60;
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(table.name);
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map((cell) => cell.value));
      cells.forEach((cell, index) => {
        if (cell.kind === 'number') row.getCell(index + 1).numFmt = XLSX_NUMBER_FORMATS[cell.format];
      });
    }
    table.columns.forEach((column, index) => {
      sheet.getColumn(index + 1).width = column === 'definition' || column === 'finding' ? 100 : Math.max(12, column.length + 2);
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
