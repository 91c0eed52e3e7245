import { Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { eventsJsonSchema } from '@uplift/events';
import { CurrentPrincipal, IngestKeyAuth, Public, type Principal } from '../auth/auth.decorators';
import { CollectorService, type IngestResult } from './collector.service';
import { decodeEventsBody } from './events-body';

type IncomingRequest = { body: unknown; headers: Record<string, string | string[] | undefined> };

@Controller('v1')
export class CollectorController {
  private readonly schema = eventsJsonSchema();

  constructor(private readonly collector: CollectorService) {}

  /** The ingest contract (events-v1): 200 means every accepted event is durable. */
  @Post('events')
  @HttpCode(200)
  @IngestKeyAuth()
  async ingest(@Req() request: IncomingRequest, @CurrentPrincipal() principal: Principal): Promise<IngestResult> {
    const encoding = request.headers['content-encoding'];
    const events = await decodeEventsBody(request.body, Array.isArray(encoding) ? encoding[0] : encoding);
    return this.collector.ingest(principal.orgId, events);
  }

  /** The JSON Schema of the request body, generated from the same zod schemas that validate it. */
  @Get('schema')
  @Public()
  @Header('content-type', 'application/schema+json; charset=utf-8')
  getSchema(): Record<string, unknown> {
    return this.schema;
  }
}
