import { Controller, Get, Param } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { DashboardsService } from './dashboards.service';

/** Dashboards as code (`dashboards/<id>.json`), validated, for the web app. Any API token may read them. */
@Controller('api/v1/dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get()
  list() {
    return this.dashboards.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const dashboard = this.dashboards.get(id);
    if (!dashboard) throw new ApiError(404, 'NOT_FOUND', `no dashboard "${id}"`, { dashboard: id });
    return dashboard;
  }
}
