import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { AnalysisModule } from './modules/analysis/analysis.module';
import { AuthModule } from './modules/auth/auth.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { CollectorModule } from './modules/collector/collector.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { HealthModule } from './modules/health/health.module';
import { metadataDataSourceOptions } from './modules/metadata/data-source';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ObservabilityModule } from './modules/observability/observability.module';
import { OrgsModule } from './modules/orgs/orgs.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { IngestModule } from './modules/pipeline/pipeline.module';
import { SetupModule } from './modules/setup/setup.module';
import { StorageModule } from './modules/storage/storage.module';
import { WebModule } from './modules/web/web.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

/** The modules each role brings (UPLIFT_ROLES); storage, metadata, auth, health and /metrics are always there. */
function roleModules(config: AppConfig): Type[] {
  const modules: Type[] = [];
  if (config.roles.includes('api')) modules.push(DirectoryModule, MetricsModule, AnalysisModule, DashboardsModule, ReportsModule, WebModule);
  if (config.roles.includes('collector')) modules.push(CollectorModule, WebhooksModule);
  // Without Kafka the collector writes to ClickHouse itself: there is nothing to ingest.
  if (config.roles.includes('ingest') && config.kafkaBrokers) modules.push(IngestModule);
  // the rollups are rebuilt where events are written: the ingest role (standalone runs every role)
  if (config.roles.includes('ingest')) modules.push(RollupsModule);
  return modules;
}

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
        ...roleModules(config),
        HealthModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
