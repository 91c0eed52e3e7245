import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { markUnbuiltWrites, refreshRollups } from '@uplift/metrics';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';

/**
 * Keeps the daily rollups current in the process that writes events (standalone, or the ingest role): on start
 * it marks what was written since the last build, then every UPLIFT_ROLLUP_REFRESH_MS rebuilds the days
 * written to since. Metrics never wait for it: an unbuilt day is read from events (libs/metrics rollups).
 */
@Injectable()
export class RollupRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Rollups');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgs: OrgsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.rollupRefreshMs === 0) {
      this.logger.log('rollup refresher off (UPLIFT_ROLLUP_REFRESH_MS=0): usage metrics read events');
      return;
    }
    this.running = this.recoverThenRefresh();
  }

  async onModuleDestroy(): Promise<void> {
    // before the storage module closes ClickHouse: no build is cut off mid-statement
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One refresh now (also what the timer runs); resolves when the builds are recorded. */
  async refreshNow(): Promise<void> {
    const started = Date.now();
    const refreshed = await refreshRollups(this.clickhouse.client, {
      timeZoneOf: async (orgId) => {
        try {
          return (await this.orgs.getById(orgId)).timeZone;
        } catch {
          return null;
        }
      },
    });
    for (const org of refreshed) {
      const built = org.built ? `built ${org.built.days} day(s) ${org.built.from}…${org.built.to}` : 'built nothing';
      const resolved = org.resolved ? `resolved ${org.resolved.days} day(s) with directory snapshot ${org.resolved.snapshot}` : 'resolved nothing';
      this.logger.log(`${built}, ${resolved} of org ${org.orgId} (${org.timeZone}) in ${Date.now() - started} ms`);
    }
  }

  private async recoverThenRefresh(): Promise<void> {
    try {
      await markUnbuiltWrites(this.clickhouse.client);
    } catch (error) {
      this.logger.error(`could not mark unbuilt writes: ${(error as Error).message}`);
    }
    await this.tick();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.refreshNow();
    } catch (error) {
      // the next tick retries; metrics stay exact meanwhile (unbuilt days read events)
      this.logger.error(`rollup refresh failed: ${(error as Error).message}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, this.config.rollupRefreshMs);
    this.timer.unref();
  }
}
