import { Controller, Get, Param, Query } from '@nestjs/common';
import { listMetrics } from '@uplift/metrics';
import { CurrentPrincipal, isAdmin, type Principal } from '../auth/auth.decorators';
import { MetricsService, withPrivacyThreshold, type RawQuery } from './metrics.service';

@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** The catalog: every metric with its unit, definition and accepted parameters. */
  @Get()
  catalog() {
    return listMetrics();
  }

  /** Viewers never see per-person figures of fewer developers than the org's privacy minimum (admins do). */
  @Get(':id')
  async metric(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: RawQuery) {
    const org = await this.metrics.org(principal.orgId);
    const response = await this.metrics.run(org, id, query);
    return isAdmin(principal) ? response : withPrivacyThreshold(response, org.privacyMinGroupSize);
  }
}
