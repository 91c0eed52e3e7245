import { Module } from '@nestjs/common';
import path from 'node:path';
import { DashboardsController } from './dashboards.controller';
import { DASHBOARDS_DIR, DashboardsService } from './dashboards.service';

/** The repository's `dashboards/` folder. */
export const DEFAULT_DASHBOARDS_DIR = path.resolve(__dirname, '../../../../../dashboards');

@Module({
  controllers: [DashboardsController],
  providers: [DashboardsService, { provide: DASHBOARDS_DIR, useValue: DEFAULT_DASHBOARDS_DIR }],
})
export class DashboardsModule {}
