import { Module } from '@nestjs/common';
import { AnalysisService } from '../analysis/analysis.service';
import { DirectoryModule } from '../directory/directory.module';
import { MetricsModule } from '../metrics/metrics.module';
import { QuarterlyReportService } from './quarterly-report.service';
import { ReportsController } from './reports.controller';

// AnalysisModule does not export its service (and is not ours to change), so the report provides its own
// instance: it is stateless and built from the exported MetricsService and DirectoryService.
@Module({
  imports: [MetricsModule, DirectoryModule],
  controllers: [ReportsController],
  providers: [QuarterlyReportService, AnalysisService],
  exports: [QuarterlyReportService],
})
export class ReportsModule {}
