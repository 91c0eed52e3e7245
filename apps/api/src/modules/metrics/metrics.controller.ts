import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { MetricQueryError, listMetrics, parseMetricQuery, runMetric, todayInTimeZone } from '@uplift/metrics';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal, type Principal } from '../auth/auth.decorators';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';


type QueryValues = Record<string, string | string[] | undefined>;

@Controller('api/v1/metrics')
export class MetricsController {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    private readonly orgs: OrgsService,
  ) {}

  /** The catalog: every metric with its unit, definition and accepted parameters. */
  @Get()
  catalog() {
    return listMetrics();
  }

  @Get(':id')
  async metric(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: QueryValues) {
    const org = await this.orgs.getById(principal.orgId);
    try {
      const metricQuery = parseMetricQuery(id, query, { today: todayInTimeZone(org.timeZone) });
      return await runMetric(this.clickhouse.client, { orgId: org.id, timeZone: org.timeZone, query: metricQuery });
    } catch (error: unknown) {
      if (error instanceof MetricQueryError) {
        const details: Record<string, unknown> = {};
        if (error.parameter !== undefined) details['parameter'] = error.parameter;
        if (error.value !== undefined) details['value'] = error.value;
        if (error.code === 'UNKNOWN_METRIC') details['metric'] = id;
        throw new ApiError(400, error.code, error.message, details);
      }
      throw error;
    }
  }
}
