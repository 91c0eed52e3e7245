import { Inject, Injectable } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { MetricQueryError, parseMetricQuery, runMetric, todayInTimeZone, type MetricResponse } from '@uplift/metrics';
import { ApiError } from '../../common/api-error';
import type { OrgEntity } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';

export type RawQuery = Record<string, string | string[] | undefined>;

/** Runs catalog metrics for an org with its settings (time zone, …); shared by the metrics and analysis APIs. */
@Injectable()
export class MetricsService {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    private readonly orgs: OrgsService,
  ) {}

  org(orgId: string): Promise<OrgEntity> {
    return this.orgs.getById(orgId);
  }

  /** Parses the request's parameters and runs the metric; a bad parameter is a 400 naming it. */
  async run(org: OrgEntity, metricId: string, rawQuery: RawQuery): Promise<MetricResponse> {
    try {
      const query = parseMetricQuery(metricId, rawQuery, { today: todayInTimeZone(org.timeZone) });
      return await runMetric(this.clickhouse.client, {
        orgId: org.id,
        settings: { timeZone: org.timeZone, codingTimeShare: org.codingTimeShare, aiPrLabels: org.aiPrLabels },
        query,
      });
    } catch (error: unknown) {
      if (error instanceof MetricQueryError) {
        const details: Record<string, unknown> = {};
        if (error.parameter !== undefined) details['parameter'] = error.parameter;
        if (error.value !== undefined) details['value'] = error.value;
        if (error.code === 'UNKNOWN_METRIC') details['metric'] = metricId;
        throw new ApiError(400, error.code, error.message, details);
      }
      throw error;
    }
  }
}
