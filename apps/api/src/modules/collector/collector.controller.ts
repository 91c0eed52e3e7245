import { Controller, Get, Header, HttpCode, HttpException, Post, Req } from '@nestjs/common';
import { eventsJsonSchema } from '@uplift/events';
import { CurrentPrincipal, IngestKeyAuth, Public, type Principal } from '../auth/auth.decorators';
import { Telemetry } from '../observability/telemetry';
import { CollectorService, type IngestResult } from './collector.service';
import { decodeEventsBody } from './events-body';

type IncomingRequest = { body: unknown; headers: Record<string, string | string[] | undefined> };

@Controller('v1')
export class CollectorController {
  private readonly schema = eventsJsonSchema();

  constructor(
    private readonly collector: CollectorService,
    private readonly telemetry: Telemetry,
  ) {}

  /** The ingest contract (events-v1): 200 means every accepted event is durable. */
  @Post('events')
  @HttpCode(200)
  @IngestKeyAuth()
  async ingest(@Req() request: IncomingRequest, @CurrentPrincipal() principal: Principal): Promise<IngestResult> {
    try {
      const encoding = request.headers['content-encoding'];
      const events = await decodeEventsBody(request.body, Array.isArray(encoding) ? encoding[0] : encoding);
      const result = await this.collector.ingest(principal.orgId, events);
      this.telemetry.ingestRequests.inc(1, { status: '200' });
      return result;
    } catch (error) {
      this.telemetry.ingestRequests.inc(1, { status: String(error instanceof HttpException ? error.getStatus() : 500) });
      throw error;
    }
  }

  /** The JSON Schema of the request body, generated from the same zod schemas that validate it. */
  @Get('schema')
  @Public()
  @Header('content-type', 'application/schema+json; charset=utf-8')
  getSchema(): Record<string, unknown> {
    return this.schema;
  }
}
