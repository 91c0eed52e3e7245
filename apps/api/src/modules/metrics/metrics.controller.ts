import { Controller, Get, Param, Query } from '@nestjs/common';
import { listMetrics } from '@uplift/metrics';
import { CurrentPrincipal, type Principal } from '../auth/auth.decorators';
import { MetricsService, type RawQuery } from './metrics.service';

@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** The catalog: every metric with its unit, definition and accepted parameters. */
  @Get()
  catalog() {
    return listMetrics();
  }

  @Get(':id')
  async metric(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: RawQuery) {
    return this.metrics.run(await this.metrics.org(principal.orgId), id, query);
  }
}
