import { Controller, Get, Inject, Query } from '@nestjs/common';
import { toClickHouseDateTime, type UpliftClickHouse } from '@uplift/clickhouse';
import { invalidParameter } from '../../common/api-error';
import { CurrentPrincipal, RequireRole, type Principal } from '../auth/auth.decorators';
import { CLICKHOUSE } from '../storage/storage.module';
import { listRejectedEvents, type RejectedEventView } from './rejected-events.queries';

/** Admins inspect what the collector refused, with the reasons and the payload as it arrived. */
@Controller('api/v1/admin/rejected-events')
export class RejectedEventsController {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse) {}

  @Get()
  @RequireRole('admin')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, string | undefined>,
  ): Promise<{ rejected: RejectedEventView[] }> {
    for (const name of Object.keys(query)) {
      if (name !== 'limit' && name !== 'before') throw invalidParameter(name, `unknown parameter "${name}"`, query[name]);
    }
    const limit = query['limit'] === undefined ? 100 : Number(query['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw invalidParameter('limit', 'limit must be an integer from 1 to 1000', query['limit']);
    }
    let before: string | undefined;
    if (query['before'] !== undefined) {
      const date = new Date(query['before']);
      if (Number.isNaN(date.getTime())) throw invalidParameter('before', 'before must be an RFC 3339 timestamp', query['before']);
      before = toClickHouseDateTime(date);
    }
    const rejected = await listRejectedEvents(this.clickhouse.client, { orgId: principal.orgId, limit, before });
    return { rejected };
  }
}
