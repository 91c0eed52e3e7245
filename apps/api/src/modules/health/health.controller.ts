import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { DataSource } from 'typeorm';
import { createKafkaAdmin } from '@uplift/kafka';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/auth.decorators';
import { CLICKHOUSE } from '../storage/storage.module';

/** The broker answers a metadata request within a few seconds. */
async function kafkaCheck(brokers: string[]): Promise<string> {
  const admin = createKafkaAdmin({ brokers, clientId: 'uplift-readiness', connectionTimeoutMs: 2000, requestTimeoutMs: 3000, retries: 0, logLevel: 'nothing' });
  try {
    await admin.describeCluster();
    return 'ok';
  } catch (error) {
    return `error: ${(error as Error).message}`;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

type Reply = { status: (code: number) => Reply; send: (body: unknown) => void };

@Controller()
export class HealthController {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metadata: DataSource,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @Public()
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the event store, the metadata store and (when configured) the Kafka broker all answer. */
  @Get('readyz')
  @Public()
  async ready(@Res() reply: Reply): Promise<void> {
    const checks: Record<string, string> = {};
    checks['clickhouse'] = await this.clickhouse.client
      .ping()
      .then((result) => (result.success ? 'ok' : `error: ${String(result.error)}`))
      .catch((error: Error) => `error: ${error.message}`);
    if (this.config.kafkaBrokers) checks['kafka'] = await kafkaCheck(this.config.kafkaBrokers);
    checks['metadata'] = await this.metadata
      .query('SELECT 1')
      .then(() => 'ok')
      .catch((error: Error) => `error: ${error.message}`);
    const ready = Object.values(checks).every((check) => check === 'ok');
    reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  }
}
