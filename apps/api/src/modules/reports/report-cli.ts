import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { CliUsageError, exitOnCliFailure } from '../../common/cli';
import { loadConfig } from '../../config/config';
import { OrgsService } from '../orgs/orgs.service';
import { DEFAULT_ORG_SLUG } from '../setup/first-start.service';
import { QuarterlyReportService } from './quarterly-report.service';
import { parseFormat, renderReport } from './report-file';

const USAGE = `Usage: npm run report -- --quarter 2026-Q3 [--scope org|department:<name>|team:<name>] [--format pdf|xlsx|csv] [--out <file>] [--org <slug>]

Writes the quarterly efficiency report. --scope defaults to org, --format to pdf, --out to the report's own
file name (uplift-2026-Q3-org.pdf), --org to "${DEFAULT_ORG_SLUG}". Configuration comes from the environment
(UPLIFT_DATA_DIR, CLICKHOUSE_URL, …). With the embedded chDB the data directory belongs to one process: stop the
server first (or run against a ClickHouse server with CLICKHOUSE_URL).`;


async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quarter: { type: 'string' },
      scope: { type: 'string', default: 'org' },
      format: { type: 'string', default: 'pdf' },
      out: { type: 'string' },
      org: { type: 'string', default: DEFAULT_ORG_SLUG },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.quarter) throw new CliUsageError('--quarter is required, e.g. --quarter 2026-Q3');
  const format = parseFormat(values.format);
  const config = loadConfig({ LOG_LEVEL: 'error', ...process.env });
  let app;
  try {
    // Only the API role: no collector, no Kafka consumer, and nothing listens.
    app = await NestFactory.createApplicationContext(AppModule.forConfig({ ...config, roles: ['api'] }), { logger: false, abortOnError: false });
  } catch (error) {
    if (config.clickhouse.kind === 'embedded') {
      throw new Error(
        `could not open the data directory ${config.dataDir}: ${(error as Error).message}\n` +
          'The embedded chDB belongs to one process: stop the Uplift server that uses this data directory before running the report CLI ' +
          '(or export the report from the running server: GET /api/v1/reports/quarterly).',
      );
    }
    throw error;
  }
  try {
    const org = await app.get(OrgsService).getBySlug(values.org);
    const report = await app
      .get(QuarterlyReportService)
      .build({ kind: 'api-token', orgId: org.id, tokenId: 'report-cli', role: 'viewer' }, { quarter: values.quarter, scope: values.scope });
    const file = await renderReport(report, format);
    const out = path.resolve(values.out ?? file.fileName);
    writeFileSync(out, file.body);
    process.stdout.write(`wrote ${out} (${file.body.length} bytes, ${report.quarter}, ${report.scope.label}${report.hasData ? '' : ', no data'})\n`);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitOnCliFailure(error, USAGE));
