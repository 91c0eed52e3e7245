import { Inject, Injectable } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { MetricQueryError, parseMetricQuery, runMetric, todayInTimeZone, type MetricResponse } from '@uplift/metrics';
import { ApiError } from '../../common/api-error';
import type { OrgEntity } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';

export type RawQuery = Record<string, string | string[] | undefined>;

/**
 * Per-person figures (`groupBy=developer`) of fewer developers with data than `minGroupSize` are withheld: the
 * series are dropped and `suppressed` says why. Other groupings pass unchanged.
 */
export function withPrivacyThreshold(response: MetricResponse, minGroupSize: number): MetricResponse {
  const developers = new Set(response.series.filter((series) => series.points.some((point) => point.value !== null && point.value !== 0)).map((series) => series.group.developer));
  developers.delete(undefined);
  if (developers.size === 0 || developers.size >= minGroupSize) return response;
  return { ...response, series: [], suppressed: { reason: 'privacy', minGroupSize } };
}

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
