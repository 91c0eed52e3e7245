import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { parseBody } from '../../common/validation';
import { CurrentPrincipal, Public, RequireRole, type Principal } from '../auth/auth.decorators';
import { RawJsonBody } from '../collector/events-body';
import { UnsupportedMediaTypeError } from '../collector/collector.exception';
import { createWebhookDto, type CreatedWebhook, type WebhookView } from './dto/webhook.dto';
import type { WebhookHeaders } from './webhook-mapping';
import { WebhooksService, type WebhookDeliveryResult } from './webhooks.service';

/** Admins create, list and delete the org's webhooks. */
@Controller('api/v1/webhooks')
export class WebhooksAdminController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequireRole('admin')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<CreatedWebhook> {
    return this.webhooks.create(principal.orgId, parseBody(createWebhookDto, body));
  }

  @Get()
  @RequireRole('admin')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ webhooks: WebhookView[] }> {
    return { webhooks: await this.webhooks.list(principal.orgId) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(principal.orgId, id);
  }
}

/**
 * Deliveries from GitHub, GitLab and Jira. Public for the guard: each request proves itself with the
 * webhook's secret (signature or token), checked on the raw bytes before anything is parsed.
 */
@Controller('v1/webhooks')
export class WebhookReceiverController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post(':provider/:id')
  @HttpCode(200)
  @Public()
  receive(
    @Param('provider') provider: string,
    @Param('id') id: string,
    @Req() request: { body: unknown; headers: WebhookHeaders },
  ): Promise<WebhookDeliveryResult> {
    if (!(request.body instanceof RawJsonBody)) {
      throw new UnsupportedMediaTypeError('send webhook payloads as Content-Type: application/json');
    }
    return this.webhooks.receive(provider, id, request.headers, request.body.bytes);
  }
}
