import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { CollectorService, type IngestResult } from '../collector/collector.service';
import type { CreatedWebhook, CreateWebhookDto, WebhookView } from './dto/webhook.dto';
import { mapGitHub } from './github.mapper';
import { mapGitLab } from './gitlab.mapper';
import { mapJira } from './jira.mapper';
import { SecretBox, constantTimeEqual, newWebhookSecret, resolveMasterKey, verifyHmacSignature } from './webhook-crypto';
import { header, type MapOutcome, type WebhookHeaders, type WebhookMapping } from './webhook-mapping';
import { WEBHOOK_PROVIDERS, WebhookEntity, type WebhookProvider } from './webhook.entity';
import { WebhookNotFoundError, WebhookPayloadError, WebhookSignatureError } from './webhooks.exception';

export type WebhookDeliveryResult = { ignored: true; reason: string } | (IngestResult & { events: number });

@Injectable()
export class WebhooksService {
  private secretBox: SecretBox | undefined;

  constructor(
    @InjectRepository(WebhookEntity) private readonly webhooks: Repository<WebhookEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly collector: CollectorService,
  ) {}

  async create(orgId: string, input: CreateWebhookDto): Promise<CreatedWebhook> {
    const secret = newWebhookSecret();
    const entity = this.webhooks.create({
      id: randomUUID(),
      orgId,
      provider: input.provider,
      name: input.name,
      secretCiphertext: this.box().seal(secret),
      mapping: JSON.stringify(input.mapping ?? {}),
    });
    const saved = await this.webhooks.save(entity);
    return { ...toView(saved), secret };
  }

  async list(orgId: string): Promise<WebhookView[]> {
    const rows = await this.webhooks.find({ where: { orgId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  async remove(orgId: string, id: string): Promise<void> {
    const result = await this.webhooks.delete({ id, orgId });
    if (!result.affected) throw new WebhookNotFoundError(id);
  }

  /**
   * A delivery: the webhook is found (404), its secret checked (401) before the body is even parsed, the
   * payload mapped (400 + a rejected row when it cannot be) and the events ingested like POST /v1/events.
   */
  async receive(provider: string, id: string, headers: WebhookHeaders, rawBody: Buffer): Promise<WebhookDeliveryResult> {
    if (!(WEBHOOK_PROVIDERS as readonly string[]).includes(provider)) throw new WebhookNotFoundError(id);
    const webhook = await this.webhooks.findOne({ where: { id, provider: provider as WebhookProvider } });
    if (!webhook) throw new WebhookNotFoundError(id);
    this.verify(webhook, headers, rawBody);

    const eventType = `webhook:${provider}:${eventName(webhook.provider, headers)}`;
    let outcome: MapOutcome;
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(rawBody.toString('utf8'));
      } catch (error) {
        throw new WebhookPayloadError('body', `not valid JSON: ${(error as Error).message}`);
      }
      outcome = this.map(webhook, headers, payload);
    } catch (error) {
      if (!(error instanceof WebhookPayloadError)) throw error;
      await this.collector.recordRejected(webhook.orgId, {
        eventType,
        payload: rawBody.toString('utf8'),
        errors: [{ path: error.field, message: error.reason }],
      });
      throw error;
    }
    if ('ignored' in outcome) return outcome;

    const result = await this.collector.ingest(webhook.orgId, outcome.events);
    if (result.accepted === 0 && result.rejected.length > 0) {
      // The contract refused what the payload became (e.g. older than 400 days): the rows are in the rejected store.
      const first = result.rejected[0]?.errors[0];
      throw new WebhookPayloadError(first?.path ?? 'body', `${first?.message ?? 'rejected'} (the mapped event breaks the events-v1 contract)`);
    }
    return { ...result, events: outcome.events.length };
  }

  private verify(webhook: WebhookEntity, headers: WebhookHeaders, rawBody: Buffer): void {
    const secret = this.box().open(webhook.secretCiphertext);
    if (webhook.provider === 'github') {
      const signature = header(headers, 'x-hub-signature-256');
      if (!signature) throw new WebhookSignatureError('missing X-Hub-Signature-256: set the webhook secret in GitHub');
      if (!verifyHmacSignature(secret, rawBody, signature)) throw new WebhookSignatureError('X-Hub-Signature-256 does not match the body signed with this webhook\'s secret');
      return;
    }
    if (webhook.provider === 'gitlab') {
      const token = header(headers, 'x-gitlab-token');
      if (!token) throw new WebhookSignatureError('missing X-Gitlab-Token: set the secret token in GitLab');
      if (!constantTimeEqual(secret, token)) throw new WebhookSignatureError('X-Gitlab-Token does not match this webhook\'s secret');
      return;
    }
    // Jira: the unguessable webhook id in the URL is the credential; a signature, when Jira sends one, must match.
    const signature = header(headers, 'x-hub-signature');
    if (signature !== undefined && !verifyHmacSignature(secret, rawBody, signature)) {
      throw new WebhookSignatureError('X-Hub-Signature does not match the body signed with this webhook\'s secret');
    }
  }

  private map(webhook: WebhookEntity, headers: WebhookHeaders, payload: unknown): MapOutcome {
    const mapping = JSON.parse(webhook.mapping) as WebhookMapping;
    switch (webhook.provider) {
      case 'github':
        return mapGitHub(headers, payload, mapping);
      case 'gitlab':
        return mapGitLab(headers, payload, mapping);
      case 'jira':
        return mapJira(payload, mapping);
    }
  }

  /** The key is read (or generated) on first use, so a deployment without webhooks never needs one. */
  private box(): SecretBox {
    this.secretBox ??= new SecretBox(resolveMasterKey(this.config));
    return this.secretBox;
  }
}

function eventName(provider: WebhookProvider, headers: WebhookHeaders): string {
  if (provider === 'github') return header(headers, 'x-github-event') ?? 'unknown';
  if (provider === 'gitlab') return (header(headers, 'x-gitlab-event') ?? 'unknown').toLowerCase().replace(/\s+/g, '_');
  return 'event';
}

export function webhookUrl(provider: string, id: string): string {
  return `/v1/webhooks/${provider}/${id}`;
}

function toView(webhook: WebhookEntity): WebhookView {
  return {
    id: webhook.id,
    provider: webhook.provider,
    name: webhook.name,
    url: webhookUrl(webhook.provider, webhook.id),
    mapping: JSON.parse(webhook.mapping) as WebhookMapping,
    createdAt: new Date(webhook.createdAt).toISOString(),
  };
}
