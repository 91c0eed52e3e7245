import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { invalidParameter } from '../../common/api-error';
import { CurrentPrincipal, type Principal } from '../auth/auth.decorators';
import type { RawQuery } from '../metrics/metrics.service';
import { QuarterlyReportService } from './quarterly-report.service';
import { parseFormat, renderReport } from './report-file';

const PARAMETERS = ['quarter', 'scope', 'format'];

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalidParameter(name, `${name} must be given once`, value);
  return value;
}

function assertKnown(query: RawQuery): void {
  for (const name of Object.keys(query)) if (!PARAMETERS.includes(name)) throw invalidParameter(name, `unknown parameter "${name}"`, query[name]);
}

/** Report exports; any API token of the org (viewers included) may export its own org's reports. */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: QuarterlyReportService) {}

  @Get('quarterly')
  async quarterly(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<StreamableFile> {
    assertKnown(query);
    const format = parseFormat(single(query, 'format'));
    const report = await this.reports.build(principal, { quarter: single(query, 'quarter'), scope: single(query, 'scope') });
    const file = await renderReport(report, format);
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
  }
}
