import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AnalysisController } from './analysis.controller';
import { AnalysisService } from './analysis.service';

@Module({ imports: [MetricsModule, DirectoryModule], controllers: [AnalysisController], providers: [AnalysisService] })
export class AnalysisModule {}
