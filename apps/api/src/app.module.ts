import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { AnalysisModule } from './modules/analysis/analysis.module';
import { AuthModule } from './modules/auth/auth.module';
import { CollectorModule } from './modules/collector/collector.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { HealthModule } from './modules/health/health.module';
import { metadataDataSourceOptions } from './modules/metadata/data-source';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ObservabilityModule } from './modules/observability/observability.module';
import { OrgsModule } from './modules/orgs/orgs.module';
import { SetupModule } from './modules/setup/setup.module';
import { StorageModule } from './modules/storage/storage.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(metadataDataSourceOptions(config)),
        ObservabilityModule,
        StorageModule,
        OrgsModule,
        AuthModule,
        SetupModule,
        CollectorModule,
        DirectoryModule,
        MetricsModule,
        AnalysisModule,
        HealthModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
