import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { CLICKHOUSE } from '../storage/storage.module';

type Reply = { status: (code: number) => Reply; send: (body: unknown) => void };

@Controller()
export class HealthController {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    private readonly metadata: DataSource,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @Public()
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the event store and the metadata store both answer a query. */
  @Get('readyz')
  @Public()
  async ready(@Res() reply: Reply): Promise<void> {
    const checks: Record<string, string> = {};
    checks['clickhouse'] = await this.clickhouse.client
      .ping()
      .then((result) => (result.success ? 'ok' : `error: ${String(result.error)}`))
      .catch((error: Error) => `error: ${error.message}`);
    checks['metadata'] = await this.metadata
      .query('SELECT 1')
      .then(() => 'ok')
      .catch((error: Error) => `error: ${error.message}`);
    const ready = Object.values(checks).every((check) => check === 'ok');
    reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  }
}
