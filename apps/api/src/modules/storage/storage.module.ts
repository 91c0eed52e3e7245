import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLICKHOUSE_MIGRATIONS_DIR, createClickHouse, runMigrations, type UpliftClickHouse } from '@uplift/clickhouse';
import { APP_CONFIG, type AppConfig } from '../../config/config';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

/** The ClickHouse connection (embedded chDB in standalone mode), migrated before anything uses it. */
@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<UpliftClickHouse> => {
        const logger = new Logger('ClickHouse');
        const clickhouse = createClickHouse(config.clickhouse);
        const result = await runMigrations(clickhouse.client, CLICKHOUSE_MIGRATIONS_DIR, (message) => logger.log(message), {
          cluster: config.clickhouseCluster,
        });
        const where =
          config.clickhouse.kind === 'embedded'
            ? `embedded chDB at ${config.dataDir}/clickhouse (this process owns it)`
            : `ClickHouse server ${new URL(config.clickhouse.url).host}/${config.clickhouse.database}${config.clickhouseCluster ? ` on cluster ${config.clickhouseCluster}` : ''}`;
        logger.log(`${where}; ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place`);
        return clickhouse;
      },
    },
  ],
  exports: [CLICKHOUSE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse) {}

  async onApplicationShutdown(): Promise<void> {
    await this.clickhouse.close();
  }
}
